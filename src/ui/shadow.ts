import type { ResolvedConfig } from '../core/types.js'
import type { Locale } from './locale.js'
import { css } from './styles.js'

/**
 * Opens a shadow root on `host` holding the UI's stylesheet (plus `extra`
 * rules) as a `<style>` with the page's CSP nonce, and returns the element
 * to render into, in the visitor's language and direction. The banner's
 * host and each placeholder get one, so the page's CSS neither reaches in
 * nor is reached.
 */
export function openShadow(host: HTMLElement, { lng, dir }: Locale, config: ResolvedConfig, nonce: string, className: string, extra = ''): HTMLElement {
  host.lang = lng
  host.dir = dir
  if (config.theme === 'light' || config.theme === 'dark') host.setAttribute('data-theme', config.theme)
  const shadow = host.attachShadow({ mode: 'open' })
  const style = document.createElement('style')
  if (nonce) style.setAttribute('nonce', nonce)
  style.textContent = css + extra
  const root = document.createElement('div')
  root.className = className
  root.lang = lng
  root.dir = dir
  shadow.append(style, root)
  return root
}
