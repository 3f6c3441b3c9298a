/**
 * Keeps the page usable under the fixed banner. While the banner shows, the
 * page gets bottom padding of the banner's height on `<html>`, so that its
 * last element can be scrolled above the banner, and the same scroll
 * padding, so that a focused element is never hidden behind it (WCAG
 * 2.4.11). Both go back to the page's own values when the banner hides.
 *
 * Padding on the root element adds room after everything else and moves
 * nothing that is already laid out: no layout shift. Sizes come from a
 * ResizeObserver, which reports after layout, so nothing here forces a
 * synchronous reflow. The banner's text scrolls when it is longer than the
 * banner allows; it then becomes focusable, so it scrolls by keyboard too.
 *
 * `offset`: the gap between the banner and the bottom of the viewport.
 * Returns the function that stops observing and releases the padding.
 */
export function fitBanner(banner: HTMLElement, text: HTMLElement, offset: number): () => void {
  if (typeof ResizeObserver != 'function') return () => {}
  const style = document.documentElement.style
  let saved: string[] | null = null
  const reserve = (px: number) => {
    if (px > 0) {
      saved ||= [style.paddingBottom, style.scrollPaddingBottom]
      style.paddingBottom = style.scrollPaddingBottom = `${px}px`
    } else if (saved) {
      ;[style.paddingBottom, style.scrollPaddingBottom] = saved
      saved = null
    }
  }
  const observer = new ResizeObserver((entries) => {
    let height = -1
    for (const { target, borderBoxSize } of entries) {
      if (target == banner) height = Math.ceil(borderBoxSize[0]!.blockSize)
      // Read before anything is written: layout is clean here, so no reflow.
      else if (text.scrollHeight > text.clientHeight) text.tabIndex = 0
      else text.removeAttribute('tabindex')
    }
    if (height >= 0) reserve(height && height + offset)
  })
  observer.observe(banner)
  observer.observe(text)
  return () => {
    observer.disconnect()
    reserve(0)
  }
}
