/**
 * The shadow root each piece of UI lives in (the banner's host, every
 * placeholder): the visitor's language and direction, the owner's forced
 * theme, and one stylesheet carrying the page's CSP nonce.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { ResolvedConfig } from '../../../src/core/types'
import { openShadow } from '../../../src/ui/shadow'
import { css } from '../../../src/ui/styles'

afterEach(() => void (document.body.innerHTML = ''))

const open = (theme: string, nonce = '', extra?: string) => {
  const host = document.body.appendChild(document.createElement('div'))
  const root = openShadow(host, { lng: 'ar', dir: 'rtl', t: (k) => k }, { theme } as ResolvedConfig, nonce, 'nc', extra)
  return { host, root, style: host.shadowRoot!.querySelector('style')! }
}

describe('openShadow', () => {
  it.each(['light', 'dark'])('a forced %s theme is set on the host', (theme) => {
    expect(open(theme).host.getAttribute('data-theme')).toBe(theme)
  })

  it('auto (or anything else) leaves the theme to the visitor’s system', () => {
    expect(open('auto').host.hasAttribute('data-theme')).toBe(false)
    expect(open('blue').host.hasAttribute('data-theme')).toBe(false)
  })

  it('the stylesheet carries the page’s nonce, and no empty nonce without one', () => {
    expect(open('auto', 'n0nce').style.getAttribute('nonce')).toBe('n0nce')
    expect(open('auto').style.hasAttribute('nonce')).toBe(false)
  })

  it('the stylesheet is the UI’s, followed by the extra rules when given', () => {
    expect(open('auto').style.textContent).toBe(css)
    expect(open('auto', '', '.x{color:red}').style.textContent).toBe(css + '.x{color:red}')
  })

  it('the host and the root read the visitor’s language and direction', () => {
    const { host, root } = open('auto')
    expect([host.lang, host.dir, root.lang, root.dir, root.className]).toEqual(['ar', 'rtl', 'ar', 'rtl', 'nc'])
  })
})
