// The bench's table: every figure for nanoconsent and its peers from the
// same interleaved run, medians (min–max), ratios of medians, and the
// targets of issue 14 checked against the medians.

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const numbers = (xs) => xs.filter((x) => typeof x === 'number' && Number.isFinite(x))
const stat = (xs) => {
  const v = numbers(xs)
  return v.length ? { med: median(v), min: Math.min(...v), max: Math.max(...v), n: v.length } : null
}
const fmt = (v, d) => (v === null || v === undefined ? 'n/a' : v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }))
const cell = (s, d) => (s ? (s.min === s.max ? fmt(s.med, d) : `${fmt(s.med, d)} (${fmt(s.min, d)}–${fmt(s.max, d)})`) : 'n/a')
const ratio = (a, b) => (a && b && b.med !== 0 ? a.med / b.med : null)
const x = (r) => (r === null ? 'n/a' : `${r.toFixed(2)}×`)
/** The most frequent string, and how often it came up. */
const mode = (xs) => {
  const counts = new Map()
  for (const v of xs) counts.set(v, (counts.get(v) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['n/a', 0]
}

// Targets: each gets the row's stats by tool name and returns met / missed.
const atMostTimes = (k) => ({ text: `≤ ${k.toFixed(2)}× vanilla-cookieconsent`, met: (s, n) => ratio(s[n], s.vcc) !== null && ratio(s[n], s.vcc) <= k })
const atMost = (limit, unit) => ({ text: `≤ ${fmt(limit, 0)} ${unit}`, met: (s, n) => s[n] && s[n].med <= limit })

/**
 * Rows: [label, nanoconsent's variant for the nanoconsent column, values of
 * a tool (name → number[]), digits, target or null, show the no-tool column].
 */
function rows({ runs, once, lh, lcpIsPages }) {
  const pick = (kind, f) => (name) => (runs[name]?.[kind] ?? []).map(f)
  const baseScript = {
    first: stat(pick('first', (r) => r.scriptMs)('baseline'))?.med ?? 0,
    returning: stat(pick('returning', (r) => r.scriptMs)('baseline'))?.med ?? 0
  }
  const onceOf = (kind, f) => (name) => (once[name]?.[kind] ? [f(once[name][kind])] : [])
  const light = (f) => (name) => (lh[name] ?? []).map(f)
  const inp = (r) => (r.inpMs === null ? 16 : r.inpMs)
  return [
    ['First visit: tool JS+CSS(+locale JSON) transferred before the click, gzip bytes', 'nanoconsent', pick('first', (r) => r.bytes), 0, null],
    ['First visit: tool bytes that arrived before the banner was visible', 'nanoconsent', pick('first', (r) => r.bytesBeforeBanner), 0, atMost(27000, 'B')],
    ['First visit: navigation start → banner buttons visible, ms', 'nanoconsent', pick('first', (r) => r.bannerMs), 0, atMostTimes(1.05)],
    ['… with the first-visit hint tag (nanoconsent/server), ms', 'nanoconsent-hint', pick('first', (r) => r.bannerMs), 0, atMostTimes(0.9)],
    ['… with the hint as a Link: rel=modulepreload header, ms', 'nanoconsent-link', pick('first', (r) => r.bannerMs), 0, atMostTimes(0.9)],
    ['… with the hint tag: tool bytes before the banner', 'nanoconsent-hint', pick('first', (r) => r.bytesBeforeBanner), 0, atMost(27000, 'B')],
    ['… on a French page (`<html lang="fr">`), ms', 'nanoconsent-fr', pick('first', (r) => r.bannerMs), 0, null],
    ['First visit: main-thread ms in tool scripts (CPU profile)', 'nanoconsent', pick('first', (r) => r.toolMs), 1, atMostTimes(1.5)],
    ['First visit: ScriptDuration over no-tool page, ms', 'nanoconsent', pick('first', (r) => r.scriptMs - baseScript.first), 1, null],
    ['First visit: long tasks > 50 ms (count)', 'nanoconsent', pick('first', (r) => r.longTasks), 0, null, true],
    ['First visit: long tasks > 50 ms (total ms)', 'nanoconsent', pick('first', (r) => r.longTaskMs), 0, atMostTimes(1), true],
    ['First visit: cumulative layout shift', 'nanoconsent', pick('first', (r) => r.cls), 3, null, true],
    ['"Accept all" click → next paint (INP, Event Timing; < 16 counts as 16), ms', 'nanoconsent', pick('first', inp), 0, {
      text: '≤ 100 ms and ≤ vanilla-cookieconsent',
      met: (s, n) => s[n] && s.vcc && s[n].med <= 100 && s[n].med <= s.vcc.med
    }],
    ['"Accept all" click → frame after next (rAF + task, cross-check), ms', 'nanoconsent', pick('first', (r) => r.clickPaintMs), 0, null],
    ['"Accept all" click → GA4 requested, ms', 'nanoconsent', pick('first', (r) => r.acceptMs), 0, null],
    ['Returning visit, refused: tool bytes (one unthrottled load)', 'nanoconsent', onceOf('refused', (r) => r.bytes), 0, atMost(3875, 'B')],
    ['Returning visit, accepted: tool bytes (one unthrottled load)', 'nanoconsent', onceOf('accepted', (r) => r.bytes), 0, atMost(3875, 'B')],
    ['Returning visit, accepted: navigation start → GA4 requested, ms', 'nanoconsent', pick('returning', (r) => r.analyticsAtLoadMs), 0, atMostTimes(1)],
    ['Returning visit: main-thread ms in tool scripts (CPU profile)', 'nanoconsent', pick('returning', (r) => r.toolMs), 1, null],
    ['Returning visit: main-thread ms in nanoconsent.js itself (self time)', 'nanoconsent', pick('returning', (r) => r.loaderMs), 2, null],
    ['Returning visit: ScriptDuration over no-tool page, ms', 'nanoconsent', pick('returning', (r) => r.scriptMs - baseScript.returning), 1, null],
    ['Returning visit, CPU not throttled: main-thread ms in tool scripts', 'nanoconsent', pick('returning1x', (r) => r.toolMs), 1, null],
    ['Returning visit: long tasks > 50 ms (count)', 'nanoconsent', pick('returning', (r) => r.longTasks), 0, null, true],
    ['Returning visit: cumulative layout shift', 'nanoconsent', pick('returning', (r) => r.cls), 3, null, true],
    ['Lighthouse mobile: performance score', 'nanoconsent', light((r) => r.score), 0, null, true],
    ['Lighthouse mobile: LCP, ms', 'nanoconsent', light((r) => r.lcp), 0, {
      text: '≤ 1.00× vanilla-cookieconsent, and the LCP element is not the banner (below)',
      met: (s, n) => atMostTimes(1).met(s, n) && lcpIsPages
    }, true],
    ['Lighthouse mobile: TBT, ms', 'nanoconsent', light((r) => r.tbt), 0, null, true],
    ['Lighthouse mobile: CLS', 'nanoconsent', light((r) => r.cls), 3, null, true]
  ]
}

/** The Markdown table, and the targets' verdicts. */
export function table({ runs, once, lh, tools, peers }) {
  const others = peers.filter((p) => p !== 'nanoconsent')
  const header = ['figure', 'nanoconsent', ...others.map((p) => tools[p].label), 'no tool', ...others.map((p) => `nanoconsent / ${tools[p].label}`), 'target (issue 14)', 'met?']
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i ? ' ---: ' : ' --- ')).join('|')}|`]
  const lcp = ['baseline', 'nanoconsent', ...others].filter((n) => lh[n]?.length)
  const element = Object.fromEntries(lcp.map((n) => [n, mode(lh[n].map((r) => r.lcpElement))]))
  // "Not the banner": the same element as on the page without a tool.
  const lcpIsPages = Boolean(element.nanoconsent && element.baseline && element.nanoconsent[0] === element.baseline[0])
  for (const [label, nano, values, d, target, showBase] of rows({ runs, once, lh, lcpIsPages })) {
    const s = Object.fromEntries([...others, 'baseline'].map((n) => [n, stat(values(n))]))
    s[nano] = stat(values(nano))
    const met = target && s[nano] ? (target.met(s, nano) ? 'met' : 'missed') : ''
    lines.push(
      `| ${label} | ${cell(s[nano], d)} | ${others.map((p) => cell(s[p], d)).join(' | ')} | ${showBase ? cell(s.baseline, d) : '—'} | ` +
        `${others.map((p) => x(ratio(s[nano], s[p]))).join(' | ')} | ${target?.text ?? ''} | ${met} |`
    )
  }
  // Paired per round, so that what a round's conditions did to both cancels.
  const en = runs.nanoconsent?.first ?? []
  const fr = runs['nanoconsent-fr']?.first ?? []
  const diff = stat(fr.map((r, i) => (en[i] ? r.bannerMs - en[i].bannerMs : null)))
  const frLine = diff
    ? `- French page minus English page, banner visible, median of per-round differences: ${cell(diff, 0)} ms → target ≤ +30 ms: ${diff.med <= 30 ? 'met' : 'missed'}`
    : ''
  const lcpLines = lcp.map((n) => `- ${n === 'baseline' ? 'no tool' : tools[n].label}: ${element[n][0]} (${element[n][1]}/${lh[n].length} runs)`)
  if (element.nanoconsent && element.baseline) {
    lcpLines.push(`- nanoconsent's LCP element is the page's own (the no-tool page's), not the banner: ${lcpIsPages ? 'yes' : 'no'}`)
  }
  return { table: lines.join('\n'), frLine, lcpLines }
}
