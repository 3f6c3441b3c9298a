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
  `.nc-banner,.nc-modal{background:var(--nc-bg);color:var(--nc-fg)}` +
  // Mobile first: text above buttons. The banner never grows past 250px, 29.5vh on tall screens, 44vh on short ones;
  // the text gives way (and scrolls), the buttons never do.
  `.nc-banner{position:fixed;z-index:var(--nc-z);inset-inline:0;inset-block-end:0;max-height:max(29.5vh,min(44vh,250px));overflow:auto;padding:12px;border-block-start:1px solid var(--nc-border);box-shadow:0 -2px 16px #0004;display:flex;flex-direction:column;gap:12px}` +
  `.nc-text{flex:0 1 auto;min-height:0;overflow:auto}` +
  // Scroll shadows: a shade shows at an edge only while more text lies beyond it.
  `.nc-text,.nc-body{background:linear-gradient(var(--nc-bg) 30%,#0000) top,linear-gradient(#0000,var(--nc-bg) 70%) bottom,radial-gradient(farthest-side at 50% 0,#0004,#0000) top,radial-gradient(farthest-side at 50% 100%,#0004,#0000) bottom;background-repeat:no-repeat;background-size:100% 32px,100% 32px,100% 12px,100% 12px;background-attachment:local,local,scroll,scroll}` +
  `.nc-text>:last-child{margin-block-end:0}` +
  `@media (min-width:720px){.nc:not(.nc-box) .nc-banner{flex-direction:row;align-items:center;gap:32px;padding:16px 24px}.nc:not(.nc-box) .nc-text{flex:1 1 auto;align-self:stretch}}` +
  `@media (max-width:719px){.nc-text h2{font-size:1.05em;margin-block-end:4px}}` +
  `.nc-box .nc-banner{inset-inline-start:auto;inset-block-end:16px;inset-inline-end:16px;width:min(420px,calc(100vw - 32px));border:1px solid var(--nc-border);border-radius:var(--nc-radius)}` +
  `h2,h3,p{margin:0 0 8px}h2{font-size:1.15em}h3{font-size:1em;margin:0}` +
  `a{color:var(--nc-accent);text-decoration:underline}` +
  `.nc-note{color:var(--nc-muted);font-size:.93em;border-inline-start:3px solid var(--nc-accent);padding-inline-start:8px}` +
  // Rows of buttons that fill the width; Accept and Reject share a grid, so they are always the same size.
  `.nc-btns{display:flex;flex-wrap:wrap;gap:8px;flex:none}` +
  `.nc-btns>*{flex:1 1 auto}` +
  // Narrow padding lets three buttons share a phone's row; they grow to fill it anyway.
  `.nc-btns button{padding-inline:4px}` +
  `@media (min-width:720px){.nc-btns button{padding-inline:16px}}` +
  `.nc-pair{display:grid;grid-template-columns:1fr 1fr;gap:8px;flex-grow:2}` +
  `button{font:inherit;font-weight:600;min-height:44px;min-width:44px;padding:8px 16px;border-radius:var(--nc-radius);border:2px solid var(--nc-accent);background:var(--nc-bg);color:var(--nc-fg);cursor:pointer}` +
  `.nc-pri{background:var(--nc-accent);color:var(--nc-accent-fg)}` +
  `:focus-visible{outline:3px solid var(--nc-accent);outline-offset:2px}` +
  // The modal title takes focus on open only so screen readers start there; it is not a control.
  `h2[tabindex]{outline:none}` +
  `.nc-overlay{position:fixed;z-index:var(--nc-z);inset:0;background:#000a;display:flex;align-items:center;justify-content:center;padding:16px}` +
  // Header and footer stay; only the body scrolls.
  `.nc-modal{display:flex;flex-direction:column;position:relative;width:min(640px,100%);max-height:100%;border-radius:var(--nc-radius);border:1px solid var(--nc-border)}` +
  `.nc-head{display:flex;align-items:center;gap:12px;padding-block:10px;padding-inline:24px 10px;border-block-end:1px solid var(--nc-border)}` +
  `.nc-head h2{flex:1;margin:0}` +
  `.nc-x{padding:0;font-size:1.5em;line-height:1;border-color:var(--nc-border)}` +
  `.nc-body{flex:1 1 auto;min-height:0;overflow:auto;padding:12px 24px}` +
  `.nc-foot{padding:12px 24px;border-block-start:1px solid var(--nc-border)}` +
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
  // Only a word too long for a whole line may break: table columns never squeeze words apart.
  `th,td{text-align:start;vertical-align:top;padding:4px 8px;border-block-end:1px solid var(--nc-border);overflow-wrap:break-word}` +
  `td>bdi{justify-self:start}` +
  `.nc-l{display:none}` +
  // Phones: a full-screen sheet, and each cookie a block of label–value rows.
  `@media (max-width:640px){` +
  `.nc-overlay{padding:0}.nc-modal{height:100%;border:0;border-radius:0}` +
  `.nc-head{padding-inline-start:16px}.nc-body,.nc-foot{padding-inline:16px}` +
  `thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}` +
  `table,tbody,tr{display:block}` +
  `tr{border-block-end:1px solid var(--nc-border);padding-block:6px}` +
  `td{display:grid;grid-template-columns:minmax(5em,35%) 1fr;gap:8px;border:0;padding:2px 0}` +
  `.nc-l{display:block;font-weight:600}` +
  `}` +
  // The banner fades in: no jump for the eye, and Chromium does not count text first painted at
  // opacity 0 as the page's largest contentful paint, so the page's own content stays its LCP.
  `@keyframes nc-in{from{opacity:0}}.nc-banner{animation:nc-in .2s ease-out}` +
  `@media (prefers-reduced-motion:reduce){*,::before{transition:none!important;animation:none!important}}`
