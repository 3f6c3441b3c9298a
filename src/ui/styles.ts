/**
 * The UI's whole stylesheet, injected once as a `<style nonce>` inside the
 * shadow root. Layout uses logical properties only, so `dir="rtl"` mirrors it.
 * Colours (contrast against --nc-bg, WCAG 2.x formula):
 *   light: fg 15.8:1, muted 6.4:1, accent 6.4:1, accent-fg on accent 6.4:1, border 4.6:1
 *   dark:  fg 14.2:1, muted 8.0:1, accent 7.5:1, accent-fg on accent 9.0:1, border 5.2:1
 */
const light =
  '--nc-bg:#fff;--nc-fg:#1f2328;--nc-muted:#57606a;--nc-accent:#0b57d0;--nc-accent-fg:#fff;--nc-border:#6e7781;'
const dark =
  '--nc-bg:#1f2329;--nc-fg:#f0f3f6;--nc-muted:#b1bac4;--nc-accent:#8ab4f8;--nc-accent-fg:#0d1117;--nc-border:#8c959f;'

export const css =
  `:host{all:initial;${light}--nc-radius:8px;--nc-font:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",sans-serif;--nc-z:2147483000}` +
  `@media (prefers-color-scheme:dark){:host(:not([data-theme=light])){${dark}}}` +
  `:host([data-theme=dark]){${dark}}` +
  `.nc{--f:1;font:15px/1.5 var(--nc-font);color:var(--nc-fg);text-align:start}` +
  `.nc[dir=rtl]{--f:-1}` +
  `.nc *{box-sizing:border-box}` +
  `[hidden]{display:none!important}` +
  `.nc-banner,.nc-modal{background:var(--nc-bg);color:var(--nc-fg);overflow:auto}` +
  `.nc-banner{position:fixed;z-index:var(--nc-z);inset-inline:0;inset-block-end:0;max-height:80vh;padding:16px 24px;border-block-start:1px solid var(--nc-border);box-shadow:0 -2px 16px #0004;display:flex;flex-wrap:wrap;align-items:center;gap:12px 32px}` +
  `.nc-text{flex:1 1 420px}` +
  `.nc-box .nc-banner{inset-inline-start:auto;inset-block-end:16px;inset-inline-end:16px;width:min(420px,calc(100vw - 32px));border:1px solid var(--nc-border);border-radius:var(--nc-radius);display:block}` +
  `.nc-box .nc-text{margin-block-end:12px}` +
  `h2,h3,p{margin:0 0 8px}h2{font-size:1.15em}h3{font-size:1em;margin:0}` +
  `a{color:var(--nc-accent);text-decoration:underline}` +
  `.nc-note{color:var(--nc-muted);font-size:.93em;border-inline-start:3px solid var(--nc-accent);padding-inline-start:8px}` +
  `.nc-btns{display:flex;flex-wrap:wrap;gap:8px}` +
  `button{font:inherit;font-weight:600;min-height:44px;min-width:44px;padding:8px 18px;border-radius:var(--nc-radius);border:2px solid var(--nc-accent);background:var(--nc-bg);color:var(--nc-fg);cursor:pointer}` +
  `.nc-pri{background:var(--nc-accent);color:var(--nc-accent-fg)}` +
  `:focus-visible{outline:3px solid var(--nc-accent);outline-offset:2px}` +
  // The modal title takes focus on open only so screen readers start there; it is not a control.
  `h2[tabindex]{outline:none}` +
  `.nc-overlay{position:fixed;z-index:var(--nc-z);inset:0;background:#000a;display:flex;align-items:center;justify-content:center;padding:16px}` +
  `.nc-modal{position:relative;width:min(640px,100%);max-height:100%;padding:24px;border-radius:var(--nc-radius);border:1px solid var(--nc-border)}` +
  `.nc-modal h2{padding-inline-end:48px}` +
  `.nc-x{position:absolute;inset-block-start:12px;inset-inline-end:12px;padding:0;font-size:1.5em;line-height:1;border-color:var(--nc-border)}` +
  `.nc-cat{border-block-start:1px solid var(--nc-border);padding-block:12px}` +
  `.nc-row{display:flex;align-items:center;gap:12px}.nc-row h3{flex:1}` +
  `.nc-muted,.nc-cat p{color:var(--nc-muted)}` +
  `.nc-sw{appearance:none;-webkit-appearance:none;position:relative;flex:none;margin:0;width:48px;height:28px;border-radius:14px;border:2px solid var(--nc-border);background:var(--nc-bg);cursor:pointer}` +
  `.nc-sw::before{content:"";position:absolute;inset-block-start:3px;inset-inline-start:3px;width:18px;height:18px;border-radius:50%;background:var(--nc-muted);transition:transform .15s}` +
  `.nc-sw:checked{background:var(--nc-accent);border-color:var(--nc-accent)}` +
  `.nc-sw:checked::before{background:var(--nc-accent-fg);transform:translateX(calc(var(--f) * 20px))}` +
  `.nc-sw:disabled{cursor:not-allowed}` +
  `summary{cursor:pointer;min-height:24px;padding-block:4px;color:var(--nc-accent)}` +
  `table{width:100%;border-collapse:collapse;font-size:.9em;margin-block-start:8px}` +
  `th,td{text-align:start;vertical-align:top;padding:4px 8px;border-block-end:1px solid var(--nc-border);overflow-wrap:anywhere}` +
  `.nc[dir=rtl] td[dir=ltr]{text-align:end}` +
  `.nc-foot{display:flex;flex-wrap:wrap;gap:8px;justify-content:space-between;margin-block-start:16px;position:sticky;inset-block-end:-24px;background:var(--nc-bg);padding-block:12px;border-block-start:1px solid var(--nc-border)}` +
  `@media (prefers-reduced-motion:reduce){*,::before{transition:none!important;animation:none!important}}`
