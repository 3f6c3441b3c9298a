// The bench's in-page probe, installed with addInitScript before any page
// script. Everything timed on a page is timed here, in the page, so that
// nothing the bench does from Node (Playwright's polling injects script that
// costs 35–58 ms of main thread at 4× CPU) lands inside a measured interval.
// The probe tells Node when something happened through a CDP binding
// (`__benchSignal`, see visit.mjs), which costs the page one native call.

/**
 * @param {{ findButtons: string | null }} tool
 *   findButtons: source of a page function returning `{ accept, reject }`,
 *   the banner's "Accept all" and "Reject all" elements (or nulls).
 */
export const probe = ({ findButtons }) => `(() => {
  const b = (window.__bench = {
    bannerAt: null, acceptRect: null, cls: 0, longTasks: [], resources: [],
    clickAt: null, clickStamp: null, clickPaintAt: null, events: [], analyticsAt: null
  })
  const signal = (what) => { try { window.__benchSignal(what) } catch {} }
  const observe = (type, fn, options) => {
    try { new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({ type, buffered: true, ...options }) } catch {}
  }
  observe('layout-shift', (e) => { if (!e.hadRecentInput) b.cls += e.value })
  observe('longtask', (e) => b.longTasks.push(e.duration))
  // Every resource, with the time its last byte arrived: "bytes before the
  // banner" are those whose responseEnd is not after bannerAt.
  observe('resource', (e) => {
    b.resources.push({ name: e.name, start: e.startTime, end: e.responseEnd, bytes: e.encodedBodySize })
    if (b.analyticsAt === null && e.name.startsWith('https://www.googletagmanager.com/gtag/js')) {
      b.analyticsAt = e.startTime
      signal('analytics')
    }
  })
  // Event Timing: the input events of each interaction that took 16 ms or
  // more from input to the next paint (16 is the API's lowest threshold).
  observe('event', (e) => {
    if (e.interactionId) b.events.push({ name: e.name, id: e.interactionId, start: e.startTime, duration: e.duration })
  }, { durationThreshold: 16 })
  // A cross-check of the same interaction, from the click's own time stamp
  // to a task after the next animation frame (the frame's paint is issued
  // at the end of that frame).
  addEventListener('click', (e) => {
    if (b.clickAt !== null) return
    b.clickAt = performance.now()
    b.clickStamp = e.timeStamp
    requestAnimationFrame(() => setTimeout(() => { b.clickPaintAt = performance.now(); signal('painted') }, 0))
  }, true)

  const find = ${findButtons ?? 'null'}
  if (!find) return
  // Where the bench clicks: the centre of the banner's button ('accept' or 'reject').
  window.__benchPoint = (which) => {
    const r = find()[which].getBoundingClientRect()
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 }
  }
  // Rendered, in the flat tree (shadow roots included), not hidden by an
  // ancestor's display, visibility or opacity, with a box.
  const shown = (el) => {
    if (!el || !el.isConnected) return false
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false
    const r = el.getBoundingClientRect()
    return r.width > 0 && r.height > 0
  }
  // Checked in every animation frame, so "visible" means "in a frame that
  // can be painted".
  const check = () => {
    const { accept, reject } = find()
    if (shown(accept) && shown(reject)) {
      b.bannerAt = performance.now()
      signal('banner')
    } else requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
})()`
