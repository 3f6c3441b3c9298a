// What each kind of visit downloads from dist/ (script-tag install, an English page), as
// Chromium fetches it. test/size.mjs budgets these totals (VISIT_BUDGETS, by name); test/browser/visits.test.ts checks
// that the lists are what a visit really fetches, so the budgets cannot count the wrong files.
// English is inside ui.js; another language adds its locales/<lang>.json (budgeted with ui.js).
export const VISITS = [
  { name: 'returning, nothing granted', files: ['nanoconsent.js'] },
  { name: 'returning, something granted', files: ['nanoconsent.js', 'activate.js'] },
  // The UI fetches i18n.js (i18next: the preferences), change.js (validation) and activate.js (so
  // "Accept all" needs no round trip) once the banner has painted: a first visit downloads every
  // chunk, and a choice adds nothing.
  { name: 'first visit (banner shown)', files: ['nanoconsent.js', 'ui.js', 'i18n.js', 'change.js', 'activate.js'] }
]
