import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fitBanner } from '../../../src/ui/banner-fit'

/** A ResizeObserver the test drives: `report(target, height)` delivers one entry. */
class FakeObserver {
  static last: FakeObserver
  targets: Element[] = []
  disconnected = false
  constructor(private callback: ResizeObserverCallback) {
    FakeObserver.last = this
  }
  observe(target: Element) {
    this.targets.push(target)
  }
  disconnect() {
    this.disconnected = true
  }
  report(target: Element, blockSize: number) {
    const entry = { target, borderBoxSize: [{ blockSize, inlineSize: 390 }] } as unknown as ResizeObserverEntry
    this.callback([entry], this as unknown as ResizeObserver)
  }
}

const style = document.documentElement.style
let banner: HTMLElement
let text: HTMLElement

beforeEach(() => {
  vi.stubGlobal('ResizeObserver', FakeObserver)
  banner = document.createElement('div')
  text = document.createElement('div')
  banner.append(text)
  document.body.append(banner)
})
afterEach(() => {
  document.body.innerHTML = ''
  style.removeProperty('padding-bottom')
  style.removeProperty('scroll-padding-bottom')
  vi.unstubAllGlobals()
})

describe('fitBanner', () => {
  it('reserves the banner height (plus its offset) at the end of the page while it shows, and gives the page its own values back', () => {
    style.paddingBottom = '3px'
    fitBanner(banner, text, 16)
    const ro = FakeObserver.last
    expect(ro.targets).toEqual([banner, text])
    ro.report(banner, 180.4)
    expect(style.paddingBottom).toBe('197px')
    expect(style.scrollPaddingBottom).toBe('197px')
    ro.report(banner, 200)
    expect(style.paddingBottom).toBe('216px')
    // Hidden (display: none) reports a zero size.
    ro.report(banner, 0)
    expect(style.paddingBottom).toBe('3px')
    expect(style.scrollPaddingBottom).toBe('')
  })

  it('releases the room when stopped', () => {
    const stop = fitBanner(banner, text, 0)
    FakeObserver.last.report(banner, 120)
    expect(style.paddingBottom).toBe('120px')
    stop()
    expect(FakeObserver.last.disconnected).toBe(true)
    expect(style.paddingBottom).toBe('')
  })

  it('makes the text focusable only while it scrolls, so it scrolls by keyboard too', () => {
    fitBanner(banner, text, 0)
    const sizes = { scroll: 400, client: 150 }
    Object.defineProperty(text, 'scrollHeight', { get: () => sizes.scroll })
    Object.defineProperty(text, 'clientHeight', { get: () => sizes.client })
    FakeObserver.last.report(text, 150)
    expect(text.getAttribute('tabindex')).toBe('0')
    sizes.scroll = 150
    FakeObserver.last.report(text, 150)
    expect(text.hasAttribute('tabindex')).toBe(false)
  })

  it('does nothing where ResizeObserver is missing', () => {
    vi.stubGlobal('ResizeObserver', undefined)
    expect(() => fitBanner(banner, text, 0)()).not.toThrow()
    expect(style.paddingBottom).toBe('')
  })
})
