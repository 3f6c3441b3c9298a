import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '../../../src/ui/index'
import { context, reset, serveLocales, setup } from './context'

beforeEach(() => {
  serveLocales()
})
afterEach(reset)

describe('banner', () => {
  it('mounts into an open shadow root on #nanoconsent-root, last in <body>, with one nonced <style>', async () => {
    document.body.innerHTML = '<main><a href="/x">page link</a></main>'
    const { host, shadow } = await setup()
    // After the page's own markup, where a framework hydrating <body> or its container never meets it.
    expect(document.body.lastElementChild).toBe(host)
    expect(document.body.firstElementChild!.tagName).toBe('MAIN')
    const styles = shadow.querySelectorAll('style')
    expect(styles).toHaveLength(1)
    expect(styles[0]!.getAttribute('nonce')).toBe('n0nce')
    expect(document.querySelectorAll('style')).toHaveLength(0)
    expect(shadow.querySelector('[style]')).toBeNull()
    expect(host.getAttribute('lang')).toBe('en')
    expect(host.getAttribute('dir')).toBe('ltr')
  })

  it('is not inserted before the page has loaded: hydration must not meet it', async () => {
    const readyState = vi.spyOn(document, 'readyState', 'get').mockReturnValue('interactive')
    const mounted = mount(context().ctx)
    await new Promise((r) => setTimeout(r, 20))
    expect(document.getElementById('nanoconsent-root')).toBeNull()
    readyState.mockReturnValue('complete')
    window.dispatchEvent(new Event('load'))
    await mounted
    expect(document.getElementById('nanoconsent-root')!.shadowRoot).not.toBeNull()
  })

  it('uses the page’s own #nanoconsent-root where the app placed it', async () => {
    document.body.innerHTML = '<div id="app"><p>app</p></div><footer><div id="nanoconsent-root"></div></footer><script></script>'
    const { host } = await setup()
    expect(host.parentElement!.tagName).toBe('FOOTER')
    expect(document.querySelectorAll('#nanoconsent-root')).toHaveLength(1)
    expect(document.getElementById('app')!.innerHTML).toBe('<p>app</p>')
  })

  it.each([
    ['an <img>', '<img id="nanoconsent-root" alt="">'],
    ['a <div> that already hosts a shadow root', '<div id="nanoconsent-root"></div>']
  ])('a page element with the root id that cannot host the UI (%s) is left alone: a new root is used', async (_, html) => {
    document.body.innerHTML = html
    const foreign = document.body.firstElementChild!
    if (foreign.tagName == 'DIV') foreign.attachShadow({ mode: 'open' })
    const { ui } = await setup()
    // (setup's own `host` is getElementById's answer, which may be the foreign element.)
    const root = [...document.querySelectorAll('[id="nanoconsent-root"]')].find((el) => el != foreign)!
    expect(root).not.toBe(foreign)
    expect(root.id).toBe('nanoconsent-root')
    ui.showBanner()
    expect(root.shadowRoot!.querySelector<HTMLElement>('.nc-banner')!.hidden).toBe(false)
    expect(foreign.tagName == 'IMG' || foreign.shadowRoot!.childNodes.length == 0).toBe(true)
  })

  it('an owner’s empty <div id="nanoconsent-root"> hosts the UI where the owner put it', async () => {
    document.body.innerHTML = '<main></main><div id="nanoconsent-root"></div>'
    const owner = document.getElementById('nanoconsent-root')
    const { host } = await setup()
    expect(host).toBe(owner)
  })

  it('stays hidden until showBanner(), then is a labelled region with the three buttons', async () => {
    const { ui, banner, button } = await setup()
    expect(banner().hidden).toBe(true)
    ui.showBanner()
    expect(banner().hidden).toBe(false)
    expect(banner().getAttribute('role')).toBe('region')
    expect(banner().getAttribute('aria-label')).toBe('Cookie consent')
    const labels = [...banner().querySelectorAll('button')].map((b) => b.textContent)
    expect(labels).toEqual(['Accept all', 'Reject all', 'Customize'])
    // Accept and Reject carry the same class: same size, weight and colours.
    expect(button(banner(), 'Accept all').className).toBe(button(banner(), 'Reject all').className)
    expect(banner().querySelectorAll('input')).toHaveLength(0)
  })

  it('Accept all grants every category and closes the banner', async () => {
    const { ui, banner, button, choose } = await setup()
    ui.showBanner()
    button(banner(), 'Accept all').click()
    expect(choose).toHaveBeenCalledOnce()
    expect(choose).toHaveBeenCalledWith(
      { necessary: true, preferences: true, analytics: true, advertising: true, affiliate: true },
      'accept-all',
      'en'
    )
    expect(banner().hidden).toBe(true)
  })

  it('Reject all denies every category but necessary and closes the banner', async () => {
    const { ui, banner, button, choose } = await setup()
    ui.showBanner()
    button(banner(), 'Reject all').click()
    expect(choose).toHaveBeenCalledWith(
      { necessary: true, preferences: false, analytics: false, advertising: false, affiliate: false },
      'reject-all',
      'en'
    )
    expect(banner().hidden).toBe(true)
  })

  it('Customize opens the modal without choosing', async () => {
    const { ui, banner, button, choose, dialog } = await setup()
    ui.showBanner()
    button(banner(), 'Customize').click()
    expect(dialog()).not.toBeNull()
    expect(choose).not.toHaveBeenCalled()
  })

  it('under GPC, says so, and Accept all keeps advertising and affiliate off (method gpc)', async () => {
    const { ui, banner, button, choose } = await setup({ gpc: true })
    ui.showBanner()
    expect(banner().textContent).toContain('Global Privacy Control')
    button(banner(), 'Accept all').click()
    expect(choose).toHaveBeenCalledWith(
      { necessary: true, preferences: true, analytics: true, advertising: false, affiliate: false },
      'gpc',
      'en'
    )
  })

  it('without GPC or a revision change, neither notice appears', async () => {
    const { ui, banner } = await setup()
    ui.showBanner()
    expect(banner().textContent).not.toContain('Global Privacy Control')
    expect(banner().textContent).not.toContain('changed since')
    expect(banner().querySelector('.nc-note')).toBeNull()
  })

  it('says the policy changed when the revision changed', async () => {
    const { ui, banner } = await setup({ revisionChanged: true })
    ui.showBanner()
    expect(banner().querySelector('.nc-rev')?.textContent).toBe(
      'Our cookie policy has changed since you last made a choice. Please review your settings.'
    )
  })

  it('says that categories were added, when the loader found some the visitor was never asked about', async () => {
    const { ui, banner } = await setup({ added: ['support'] })
    ui.showBanner()
    expect(banner().querySelector('.nc-added')?.textContent).toBe(
      'We have added new kinds of cookies since your last choice. Your earlier answers are kept; please tell us about the new ones.'
    )
    expect(banner().querySelector('.nc-rev')).toBeNull()
  })

  describe('a config whose categories cannot be known (no choice can be stored)', () => {
    const note = (banner: () => HTMLElement) => banner().querySelector('.nc-dev')
    const at = (url: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url)
    afterEach(() => at('http://localhost:3000/'))

    it('is shown on the banner on localhost, as an alert for the owner', async () => {
      const { ui, banner } = await setup({ config: { unknowable: true } })
      ui.showBanner()
      expect(note(banner)?.getAttribute('role')).toBe('alert')
      expect(note(banner)?.textContent).toContain('“categories” is not a list')
    })

    it('is not shown to visitors of a public host, unless debug: true', async () => {
      at('https://www.shop.example/')
      const plain = await setup({ config: { unknowable: true } })
      plain.ui.showBanner()
      expect(note(plain.banner)).toBeNull()
      reset()
      serveLocales()
      const debug = await setup({ config: { unknowable: true, debug: true } })
      debug.ui.showBanner()
      expect(note(debug.banner)).not.toBeNull()
    })

    it('is not shown when the config is fine', async () => {
      const { ui, banner } = await setup()
      ui.showBanner()
      expect(note(banner)).toBeNull()
    })
  })

  it('links the privacy policy for relative and http(s) URLs', async () => {
    const { banner } = await setup({ config: { policyUrl: 'https://example.com/privacy' } })
    const a = banner().querySelector('a')!
    expect(a.getAttribute('href')).toBe('https://example.com/privacy')
    expect(a.textContent).toBe('Privacy policy')
    // One space between the sentence and the link; none at all without a link.
    expect(a.parentElement!.textContent).toMatch(/time\. Privacy policy$/)
  })

  it('without a policy URL the text ends with its sentence', async () => {
    const { banner } = await setup({ config: { policyUrl: '' } })
    expect(banner().querySelector('.nc-text p')!.textContent).toMatch(/time\.$/)
  })

  it.each(['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,x'])(
    'shows no policy link for %j',
    async (policyUrl) => {
      const { banner } = await setup({ config: { policyUrl } })
      expect(banner().querySelector('a')).toBeNull()
    }
  )

  it('renders owner strings containing HTML as literal text', async () => {
    const evil = '<img src=x onerror=alert(1)>'
    const { ui, banner, shadow } = await setup({ config: { strings: { en: { 'banner.title': evil, 'actions.acceptAll': evil } } } })
    ui.showBanner()
    expect(banner().querySelector('h2')!.textContent).toBe(evil)
    expect(banner().querySelector('button')!.textContent).toBe(evil)
    expect(shadow.querySelector('img')).toBeNull()
    expect(document.querySelector('img')).toBeNull()
  })

  it('overrides nested keys by dotted path for the active language only', async () => {
    document.documentElement.lang = 'fr'
    const { ui, banner } = await setup({
      config: { strings: { fr: { 'actions.customize': 'Choisir' }, en: { 'actions.customize': 'Pick' } } }
    })
    ui.showBanner()
    expect([...banner().querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Tout accepter', 'Tout refuser', 'Choisir'])
  })

  it('uses the corner box layout and a forced theme when configured', async () => {
    const { shadow, host } = await setup({ config: { layout: 'box', theme: 'dark' } })
    expect(shadow.querySelector('.nc')!.classList.contains('nc-box')).toBe(true)
    expect(host.getAttribute('data-theme')).toBe('dark')
  })

  it('hide() hides the banner without choosing', async () => {
    const { ui, banner, choose } = await setup()
    ui.showBanner()
    ui.hide()
    expect(banner().hidden).toBe(true)
    expect(choose).not.toHaveBeenCalled()
  })
})
