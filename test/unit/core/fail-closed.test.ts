import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { asked, click, closePage, cookieFor, cookieValues, loads, network, nextPage, preparePage, screen, settle, start, storeConsent, uiCore, visit, type Page } from './harness'

/**
 * Fail closed at the point of action, per vendor. A config mistake stops
 * only what it could have released: a bad GA id stops GA, and nothing else.
 * Mistakes that cannot release a tracker warn and are ignored. A visitor's
 * choice is never thrown away for the owner's mistake, except when nobody
 * can tell which categories it answers.
 */

/** What the console said, across page views: [level, text]. */
let said: ['error' | 'warn', string][] = []
const listen = () => {
  vi.spyOn(console, 'error').mockImplementation((m) => void said.push(['error', String(m)]))
  vi.spyOn(console, 'warn').mockImplementation((m) => void said.push(['warn', String(m)]))
}
/** The next page view; the console is still listened to. */
const nextView = async () => {
  await nextPage()
  listen()
}
/** Another visitor (no cookies); the console is still listened to. */
const otherVisitor = async () => {
  await closePage()
  preparePage()
  listen()
}
beforeEach(() => {
  preparePage()
  said = []
  listen()
})
afterEach(closePage)

const GTAG = 'googletagmanager.com/gtag/js'
const FBEVENTS = 'https://connect.facebook.net/en_US/fbevents.js'
const console_ = () => said.map(([, text]) => text)
const errorTexts = () => said.filter(([level]) => level == 'error').map(([, text]) => text)
const warningTexts = () => said.filter(([level]) => level == 'warn').map(([, text]) => text)
const requested = (part: string) => network.requested.some((u) => u.includes(part))
const injected = (part: string) => [...document.querySelectorAll('script[src]')].some((s) => s.getAttribute('src')!.includes(part))
const all = { decided: true, necessary: true, preferences: true, analytics: true, advertising: true, affiliate: true }
const none = { decided: true, necessary: true, preferences: false, analytics: false, advertising: false, affiliate: false }

describe('a bad GA id stops GA, and only GA', () => {
  const sources = [{ integrations: { ga4: { id: 'UA-123' }, metaPixel: { id: '123456789' } } }]

  const expectMetaWithoutGa = () => {
    expect(injected(GTAG)).toBe(false)
    expect(requested(GTAG)).toBe(false)
    expect(injected(FBEVENTS)).toBe(true)
    const named = errorTexts().filter((m) => m.includes('integrations.ga4'))
    expect(named, console_().join('\n')).toHaveLength(1)
    expect(named[0]).toContain('"UA-123"')
    expect(console_().some((m) => m.includes('metaPixel'))).toBe(false)
  }

  it('accepting on the page: the choice is stored, the Meta pixel loads, GA does not, and the error names integrations.ga4', async () => {
    const { api } = await start(sources)
    await api.acceptAll()
    await settle()
    expect(api.get()).toEqual(all)
    expect(cookieValues()).toHaveLength(1)
    expectMetaWithoutGa()
  })

  it('a returning visitor who accepted: the stored choice holds, no banner, the Meta pixel loads, GA does not', async () => {
    storeConsent(await cookieFor(sources, { categories: { preferences: true, analytics: true, advertising: true, affiliate: true }, method: 'accept-all' }))
    const page = await start(sources)
    await settle()
    expect(page.api.get()).toEqual(all)
    expect(asked(page)).toBe(false)
    expectMetaWithoutGa()
  })
})

/**
 * The six mistakes issue 10 saw cost visitors their choices. Each keeps
 * Reject and Accept across page views, and the console names the key.
 */
describe.each([
  {
    mistake: 'a key typo ("revison")',
    sources: [{ revison: 2, integrations: { metaPixel: { id: '123456789' } } }],
    named: [/config "revison".*did you mean "revision"/],
    loadsOnAccept: FBEVENTS
  },
  {
    mistake: 'a Universal Analytics id in data-ga4',
    sources: [{ integrations: { metaPixel: { id: '123456789' } } }, { integrations: { ga4: { id: 'UA-123' } } }],
    named: [/integrations\.ga4.*"UA-123"/],
    loadsOnAccept: FBEVENTS
  },
  {
    mistake: 'affiliate.days 90 (the documented cap is 30)',
    sources: [{ integrations: { affiliate: { pixels: ['https://aff.example/px.gif'], days: 90 }, metaPixel: { id: '123456789' } } }],
    named: [/integrations\.affiliate\.days.*90.*30/],
    loadsOnAccept: FBEVENTS
  },
  {
    mistake: 'data-revision="2a"',
    sources: [{ integrations: { metaPixel: { id: '123456789' } } }, { revision: '2a' }],
    named: [/config "revision".*"2a"/],
    loadsOnAccept: FBEVENTS
  },
  {
    mistake: 'a trailing comma in the JSON block',
    sources: [Error('not JSON (SyntaxError: Expected double-quoted property name in JSON at position 15)'), { integrations: { ga4: { id: 'G-ABC123' } } }],
    named: [/#nanoconsent-config.*JSON/],
    loadsOnAccept: GTAG
  },
  {
    mistake: 'a categories list that declares cookies for one category only',
    sources: [{ categories: [{ id: 'necessary' }, { id: 'analytics', cookies: [{ name: '_ga', provider: 'Google', purpose: 'Counting', lifetime: '2 years' }] }, { id: 'advertising' }], integrations: { metaPixel: { id: '123456789' } } }],
    named: [],
    loadsOnAccept: FBEVENTS
  }
])('$mistake', ({ sources, named, loadsOnAccept }) => {
  const everything = (page: Page, on: boolean) => Object.fromEntries(Object.keys(page.api.get()).map((id) => [id, id == 'decided' || id == 'necessary' || on]))

  /** The first page: the banner asks, the visitor answers, and the answer is stored. */
  const firstPage = async (answer: 'acceptAll' | 'rejectAll') => {
    const page = await start(sources)
    await settle()
    expect(screen.bannerShown()).toBe(true)
    click(answer == 'acceptAll' ? 'accept-all' : 'reject-all')
    await settle()
    expect(screen.bannerShown()).toBe(false)
    expect(page.api.get()).toEqual(everything(page, answer == 'acceptAll'))
    expect(cookieValues()).toHaveLength(1)
    return page
  }

  /** A later page of the same visitor: no banner, the same answer. */
  const laterPage = async (accepted: boolean) => {
    await nextView()
    const page = await start(sources)
    await settle()
    expect(page.api.get()).toEqual(everything(page, accepted))
    expect(asked(page)).toBe(false)
    expect(loads(page)).not.toContain('ui')
    return page
  }

  it('Reject and Accept are stored on the page; the console names the key, and nothing else', async () => {
    await firstPage('rejectAll')
    expect(network.requested).toEqual([])
    await otherVisitor()
    await firstPage('acceptAll')
    expect(requested(loadsOnAccept)).toBe(true)
    const messages = [...new Set(console_())]
    for (const pattern of named) expect(messages.some((m) => pattern.test(m)), `${pattern}\n${messages.join('\n')}`).toBe(true)
    expect(messages).toHaveLength(named.length)
  })

  it('Reject holds on the next pages, and nothing loads', async () => {
    await firstPage('rejectAll')
    for (let i = 0; i < 2; i++) {
      await laterPage(false)
      expect(network.requested).toEqual([])
      expect(document.querySelectorAll('script[src]')).toHaveLength(0)
    }
  })

  it('Accept holds on the next pages, and the configured trackers load', async () => {
    await firstPage('acceptAll')
    for (let i = 0; i < 2; i++) {
      await laterPage(true)
      expect(requested(loadsOnAccept)).toBe(true)
    }
  })
})

describe('categories that are not a list: nobody can tell what a choice answers', () => {
  const sources = [{ categories: { analytics: true }, integrations: { ga4: { id: 'G-ABC123' } } }]

  it('the banner asks, and carries the reason for the owner; a choice is refused, said so, and nothing is stored or granted', async () => {
    const page = await start(sources)
    await settle()
    expect(screen.bannerShown()).toBe(true)
    // The banner says so on localhost (this page) or with debug: true.
    expect(uiCore(page).config.unknowable).toBe(true)
    expect(screen.note('dev')).not.toBeNull()
    expect(errorTexts().some((m) => /config "categories"/.test(m))).toBe(true)
    said = []

    click('accept-all')
    await settle()
    expect(page.api.get()).toEqual({ decided: false, necessary: true })
    expect(page.api.record()).toBeNull()
    expect(cookieValues()).toEqual([])
    expect(requested(GTAG)).toBe(false)
    const refusal = errorTexts().filter((m) => /not stored/.test(m))
    expect(refusal, console_().join('\n')).toEqual([expect.stringContaining('"categories"')])

    await nextView()
    const next = await start(sources)
    await settle()
    expect(asked(next)).toBe(true)
  })

  it('a returning visit there is undecided: the banner asks, with the note, whatever the cookie says', async () => {
    storeConsent(await cookieFor([{}], { categories: { analytics: true } }))
    const page = await start(sources)
    await settle()
    expect(page.api.get()).toEqual({ decided: false, necessary: true })
    expect(screen.bannerShown()).toBe(true)
    expect(screen.note('dev')).not.toBeNull()
  })

  it('the note is for the owner only: not on a production host without debug, shown there with debug: true', async () => {
    visit('https://www.shop.example/')
    await start(sources)
    await settle()
    expect(screen.bannerShown()).toBe(true)
    expect(screen.note('dev')).toBeNull()
    await otherVisitor()
    visit('https://www.shop.example/')
    await start([{ ...sources[0], debug: true }])
    await settle()
    expect(screen.note('dev')).not.toBeNull()
  })

  it('a choice stored under a good config grants nothing here, and is not overwritten', async () => {
    const stored = await cookieFor([{}], { categories: { analytics: true } })
    storeConsent(stored)
    const page = await start(sources)
    await settle()
    expect(page.api.get()).toMatchObject({ necessary: true })
    expect(Object.keys(page.api.get()).sort()).toEqual(['decided', 'necessary'])
    await page.api.rejectAll()
    await settle()
    expect(cookieValues()).toEqual([stored])
    expect(errorTexts().filter((m) => /not stored/.test(m))).toHaveLength(1)
  })
})

it('a choice stays on the page when nothing but presentation is wrong (layout, theme, a javascript: policy URL)', async () => {
  const { api } = await start([{ layout: 'left', theme: 'blue', policyUrl: 'javascript:alert(1)' }])
  await api.set({ analytics: true })
  await settle()
  expect(api.get()).toEqual({ ...none, analytics: true })
  expect(cookieValues()).toHaveLength(1)
  expect(errorTexts()).toEqual([])
  expect(warningTexts().filter((m) => /"(layout|theme|policyUrl)"/.test(m))).toHaveLength(3)
})
