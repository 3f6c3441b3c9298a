import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ConsentRecord } from '../../../src/core/types'
import { reset, serveLocales, setup, undecided } from './context'

beforeEach(() => {
  serveLocales()
})
afterEach(reset)

const tab = (el: Element, shiftKey = false) =>
  el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', shiftKey, bubbles: true, cancelable: true }))
const escape = (el: Element) => el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }))

async function open(opts: Parameters<typeof setup>[0] = {}) {
  const s = await setup(opts)
  s.ui.showPreferences()
  const dialog = s.dialog()!
  const sw = (id: string) => dialog.querySelector<HTMLInputElement>(`[data-category="${id}"] input[role="switch"]`)!
  return { ...s, dialog, sw }
}

describe('preferences modal', () => {
  it('is a labelled, described modal dialog', async () => {
    const { dialog, shadow } = await open()
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(shadow.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).toBe('Cookie preferences')
    expect(shadow.getElementById(dialog.getAttribute('aria-describedby')!)!.textContent).toContain('Choose which cookies')
    expect(dialog.querySelector('button.nc-x')!.getAttribute('aria-label')).toBe('Close')
  })

  it('shows one labelled switch per category, all off but a locked necessary when undecided', async () => {
    const { dialog, sw, shadow } = await open()
    const switches = [...dialog.querySelectorAll<HTMLInputElement>('input[role="switch"]')]
    expect(switches).toHaveLength(5)
    for (const s of switches) expect(shadow.querySelector(`label[for="${s.id}"]`)!.textContent).not.toBe('')
    expect(sw('necessary').checked).toBe(true)
    expect(sw('necessary').disabled).toBe(true)
    for (const id of ['preferences', 'analytics', 'advertising', 'affiliate']) {
      expect(sw(id).checked).toBe(false)
      expect(sw(id).disabled).toBe(false)
    }
    expect(shadow.querySelector('label[for="nc-c2"]')!.textContent).toBe('Audience measurement')
  })

  it('reflects a decided state from the store', async () => {
    const { sw } = await open({ state: { ...undecided, decided: true, analytics: true, affiliate: true } })
    expect(sw('analytics').checked).toBe(true)
    expect(sw('affiliate').checked).toBe(true)
    expect(sw('advertising').checked).toBe(false)
  })

  // A category was added since the visitor chose: nothing is granted until it
  // is answered (the store is undecided, all off), and the loader hands the
  // earlier answers over in notices.answers: those are pre-filled, the new one is off.
  it('after a category was added, pre-fills the earlier answers and leaves the new one off', async () => {
    const answers = { necessary: true, preferences: true, analytics: true, advertising: false }
    const { sw } = await open({ state: undecided, added: ['affiliate'], answers })
    expect(sw('preferences').checked).toBe(true)
    expect(sw('analytics').checked).toBe(true)
    expect(sw('advertising').checked).toBe(false)
    expect(sw('affiliate').checked).toBe(false)
  })

  it('Save preferences records the toggled map as custom, and closes', async () => {
    const { sw, dialog, button, choose, shadow } = await open()
    sw('analytics').click()
    expect(sw('analytics').checked).toBe(true)
    sw('advertising').click()
    sw('advertising').click()
    button(dialog, 'Save preferences').click()
    expect(choose).toHaveBeenCalledWith(
      { necessary: true, preferences: false, analytics: true, advertising: false, affiliate: false },
      'custom',
      'en'
    )
    expect(shadow.querySelector('[role="dialog"]')).toBeNull()
  })

  it('necessary cannot be switched off', async () => {
    const { sw, dialog, button, choose } = await open()
    sw('necessary').click()
    expect(sw('necessary').checked).toBe(true)
    button(dialog, 'Save preferences').click()
    expect(choose.mock.calls[0]![0].necessary).toBe(true)
  })

  it('Accept all and Reject all in the modal choose and close', async () => {
    const a = await open()
    a.button(a.dialog, 'Accept all').click()
    expect(a.choose).toHaveBeenCalledWith(
      { necessary: true, preferences: true, analytics: true, advertising: true, affiliate: true },
      'accept-all',
      'en'
    )
    expect(a.dialog.isConnected).toBe(false)
    reset()
    serveLocales()
    const r = await open()
    r.button(r.dialog, 'Reject all').click()
    expect(r.choose).toHaveBeenCalledWith(
      { necessary: true, preferences: false, analytics: false, advertising: false, affiliate: false },
      'reject-all',
      'en'
    )
    expect(r.dialog.isConnected).toBe(false)
  })

  it('under GPC, Accept all keeps advertising off but an explicit switch may turn it on (custom)', async () => {
    const g = await open({ gpc: true })
    g.sw('advertising').click()
    g.button(g.dialog, 'Save preferences').click()
    expect(g.choose).toHaveBeenLastCalledWith(expect.objectContaining({ advertising: true }), 'custom', 'en')
    g.ui.showPreferences()
    g.button(g.shadow.querySelector('[role="dialog"]')!, 'Accept all').click()
    expect(g.choose).toHaveBeenLastCalledWith(
      { necessary: true, preferences: true, analytics: true, advertising: false, affiliate: false },
      'gpc',
      'en'
    )
  })

  it('each switch is described by its purpose and the services its cookies come from; necessary says it is always on', async () => {
    const { dialog, sw, shadow } = await open({ config: { categories: ['necessary', 'analytics', 'chat'].map((id) => ({ id, cookies: id == 'analytics' ? [{ name: '_ga', provider: 'Google' }, { name: '_own', provider: 'This site' }] : [] })) } })
    const described = (id: string) => shadow.getElementById(sw(id).getAttribute('aria-describedby') || '')?.textContent
    expect(described('analytics')).toBe('Help us understand how the site is used and how many people visit. Services used: Google.')
    // An owner's category with no words of its own: no empty description.
    expect(sw('chat').hasAttribute('aria-describedby')).toBe(false)
    expect(dialog.querySelector('[data-category="chat"] p')).toBeNull()
    expect(dialog.querySelector('[data-category="necessary"] .nc-row')!.textContent).toContain('Always on')
    expect(dialog.querySelector('[data-category="analytics"] .nc-row')!.textContent).not.toContain('Always on')
  })

  it('lists each category’s cookies in a table inside <details>, with a pluralised count', async () => {
    const { dialog } = await open()
    const analytics = dialog.querySelector('[data-category="analytics"]')!
    expect(analytics.querySelector('summary')!.textContent).toBe('3 cookies')
    expect(dialog.querySelector('[data-category="necessary"] summary')!.textContent).toBe('1 cookie')
    const rows = [...analytics.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td > bdi')].map((v) => v.textContent))
    expect(rows[0]).toEqual(['_ga', 'Google', 'Distinguishes visitors', '2 years'])
    // Cookie names are code: left to right even in Arabic.
    expect(analytics.querySelector('tbody td > bdi')!.getAttribute('dir')).toBe('ltr')
    // Each cell also carries its column's label for the stacked phone layout, hidden from screen readers.
    const labels = [...analytics.querySelectorAll('tbody tr:first-child .nc-l')]
    expect(labels.map((l) => [l.textContent, l.getAttribute('aria-hidden')])).toEqual([
      ['Name', 'true'],
      ['Provider', 'true'],
      ['Purpose', 'true'],
      ['Lifetime', 'true']
    ])
    expect([...analytics.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Name', 'Provider', 'Purpose', 'Lifetime'])
    expect(dialog.querySelector('[data-category="preferences"] details')).toBeNull()
  })

  it('moves focus inside on open, Escape closes without choosing and focus returns to the opener', async () => {
    const s = await setup()
    const opener = document.createElement('button')
    document.body.append(opener)
    opener.focus()
    s.ui.showPreferences(opener)
    const dialog = s.dialog()!
    expect(dialog.contains(s.shadow.activeElement)).toBe(true)
    escape(s.shadow.activeElement!)
    expect(s.dialog()).toBeNull()
    expect(s.choose).not.toHaveBeenCalled()
    expect(document.activeElement).toBe(opener)
  })

  it('the close button closes without choosing', async () => {
    const { dialog, choose, shadow } = await open()
    dialog.querySelector<HTMLButtonElement>('.nc-x')!.click()
    expect(shadow.querySelector('[role="dialog"]')).toBeNull()
    expect(choose).not.toHaveBeenCalled()
  })

  it('traps focus: Tab from the last goes to the first, Shift+Tab from the first to the last', async () => {
    const { dialog, shadow, record } = await open()
    record.current = null
    const buttons = [...dialog.querySelectorAll<HTMLElement>('button:not([disabled]), input:not([disabled]), summary')]
    const first = buttons[0]!
    const last = buttons[buttons.length - 1]!
    expect(first.classList.contains('nc-x')).toBe(true)
    last.focus()
    tab(last)
    expect(shadow.activeElement).toBe(first)
    tab(first, true)
    expect(shadow.activeElement).toBe(last)
    // In between, the browser's own Tab order applies: the trap leaves the key alone (not prevented).
    const middle = buttons[1]!
    middle.focus()
    expect(tab(middle)).toBe(true)
  })

  it('makes the rest of the page inert while open, and restores it', async () => {
    document.body.innerHTML = '<header>h</header><main>m</main><aside inert>a</aside>'
    const s = await setup()
    s.ui.showPreferences()
    const [header, main, aside] = ['header', 'main', 'aside'].map((t) => document.querySelector(t)!)
    expect(header!.hasAttribute('inert')).toBe(true)
    expect(main!.hasAttribute('inert')).toBe(true)
    expect(s.host.hasAttribute('inert')).toBe(false)
    escape(s.dialog()!)
    expect(header!.hasAttribute('inert')).toBe(false)
    expect(main!.hasAttribute('inert')).toBe(false)
    expect(aside!.hasAttribute('inert')).toBe(true)
  })

  it('Customize from the banner then closing without a choice brings the banner back, focus on Customize', async () => {
    const s = await setup()
    s.ui.showBanner()
    const customize = s.button(s.banner(), 'Customize')
    customize.focus()
    customize.click()
    expect(s.banner().hidden).toBe(true)
    escape(s.dialog()!)
    expect(s.banner().hidden).toBe(false)
    expect(s.shadow.activeElement).toBe(customize)
  })

  it('after a choice from the modal, the banner stays closed', async () => {
    const s = await setup()
    s.ui.showBanner()
    s.button(s.banner(), 'Customize').click()
    s.button(s.dialog()!, 'Save preferences').click()
    expect(s.banner().hidden).toBe(true)
    expect(s.dialog()).toBeNull()
  })

  it('Download my consent record is not offered without a record, and saves it as a JSON blob', async () => {
    const rec: ConsentRecord = {
      id: 'abc',
      timestamp: '2026-01-01T00:00:00.000Z',
      revision: 2,
      categories: { necessary: true, analytics: false },
      method: 'reject-all',
      locale: 'en',
      url: 'https://example.com/'
    }
    const s = await setup()
    s.ui.showPreferences()
    // Before any choice there is no record: the action is not offered at all.
    expect([...s.dialog()!.querySelectorAll('button')].map((b) => b.textContent)).not.toContain('Download my consent record')
    s.ui.hide()

    s.record.current = rec
    const blobs: Blob[] = []
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (blobs.push(b as Blob), 'blob:rec'))
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    const clicked: HTMLAnchorElement[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this)
    })
    s.ui.showPreferences()
    s.button(s.dialog()!, 'Download my consent record').click()
    expect(create).toHaveBeenCalledOnce()
    expect(blobs[0]!.type).toBe('application/json')
    expect(JSON.parse(await blobs[0]!.text())).toEqual(rec)
    expect(clicked[0]!.download).toMatch(/\.json$/)
    expect(clicked[0]!.getAttribute('href')).toBe('blob:rec')
    expect(s.choose).not.toHaveBeenCalled()
  })

  it('hide() closes the modal without choosing and does not bring the banner back', async () => {
    const s = await setup()
    s.ui.showBanner()
    s.button(s.banner(), 'Customize').click()
    s.ui.hide()
    expect(s.dialog()).toBeNull()
    expect(s.banner().hidden).toBe(true)
    expect(s.choose).not.toHaveBeenCalled()
  })
})
