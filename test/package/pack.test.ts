// The package as a user gets it: `npm pack`, install the tarball into a fresh
// project, type-check the README's framework snippets against the packed
// types, import it in Node as a server renderer would, and look inside the
// tarball. Needs `dist/` (npm test builds first). Installs come from the npm
// cache filled by this repo's own install (--prefer-offline).
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const repo = resolve(import.meta.dirname, '../..')
const version = (pkg: string): string =>
  JSON.parse(readFileSync(join(repo, 'node_modules', pkg, 'package.json'), 'utf8')).version

let tmp = ''
let project = ''
let packed: { filename: string; files: { path: string }[] }

/** The README's fenced blocks preceded by `<!-- pack-test: FILE -->`, by file name. */
function readmeSnippets(): Record<string, string> {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8')
  const out: Record<string, string> = {}
  for (const m of readme.matchAll(/<!-- pack-test: (\S+) -->\s*\n```\w*\n([\s\S]*?)\n```/g)) out[m[1]!] = m[2]! + '\n'
  return out
}

const tsc = (config: string) =>
  spawnSync(process.execPath, [join(project, 'node_modules/typescript/bin/tsc'), '-p', config], {
    cwd: project,
    encoding: 'utf8'
  })

beforeAll(() => {
  if (!existsSync(join(repo, 'dist/index.js')) || !existsSync(join(repo, 'dist/types/index.d.ts'))) {
    throw new Error('dist/ is missing or incomplete: run `npm run build` first (npm test does)')
  }
  tmp = mkdtempSync(join(tmpdir(), 'nanoconsent-pack-'))
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], {
    cwd: repo,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore']
  })
  packed = JSON.parse(out)[0]

  project = join(tmp, 'consumer')
  mkdirSync(project)
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
  // The same versions this repo installed, so they all come from the npm cache.
  const deps = ['typescript', '@nanostores/react', '@nanostores/vue', '@types/react', 'react', 'vue'].map(
    (p) => `${p}@${version(p)}`
  )
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--no-package-lock', join(tmp, packed.filename), ...deps],
    { cwd: project, stdio: ['ignore', 'ignore', 'pipe'] }
  )
}, 240_000)

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true })
})

describe('the tarball', () => {
  it('holds the built files and the docs, and no sources, tests or demo', () => {
    const paths = packed.files.map((f) => f.path)
    for (const f of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'dist/index.js',
      'dist/nanoconsent.js',
      'dist/ui.js',
      'dist/server.js',
      'dist/types/index.d.ts',
      'dist/types/ui/index.d.ts',
      'dist/types/server.d.ts',
      'dist/locales/en.json',
      'dist/locales/ar.json',
      'dist/locales/fr.json',
      'dist/locales/ar.js',
      'dist/locales/ar.d.ts',
      'dist/locales/en.js',
      'dist/locales/fr.js'
    ]) {
      expect(paths).toContain(f)
    }
    const junk = paths.filter(
      (p) =>
        !/^(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/.+)$/.test(p) ||
        /(^|\/)(src|test|demo|node_modules)\//.test(p) ||
        /\.test\.|\.tsx?$/.test(p.replace(/\.d\.ts$/, '.js')) ||
        /\.map$/.test(p)
    )
    expect(junk).toEqual([])
  })
})

describe('the packed types', () => {
  const base = {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    target: 'ES2022',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    jsx: 'react-jsx',
    types: []
  }
  // Library .d.ts files of the peers are not ours to check; ours are.
  const ourLibOnly = { ...base, skipLibCheck: true }

  const writeConfig = (name: string, options: object, files: string[]) =>
    writeFileSync(join(project, name), JSON.stringify({ compilerOptions: options, files }))

  const prepare = () => {
    const snippets = readmeSnippets()
    // The Svelte component is not TypeScript's to check: test/bundlers compiles and runs it.
    expect(Object.keys(snippets).sort()).toEqual(['AnalyticsNotice.svelte', 'consent.ts', 'react.tsx', 'subscribe.ts', 'vue.ts'])
    for (const [file, code] of Object.entries(snippets)) writeFileSync(join(project, file), code)
    // Beyond the README: the exact types of the API a user codes against.
    writeFileSync(
      join(project, 'types.ts'),
      `import { createConsent, type ConsentState, type ConsentRecord, type Nanoconsent, type NanoconsentConfig } from 'nanoconsent'
import { mount } from 'nanoconsent/ui'
import { firstVisitHint, firstVisitLink, hasConsentCookie, type FirstVisitHintOptions } from 'nanoconsent/server'
import ar from 'nanoconsent/locales/ar'
import type { LocaleResource } from 'nanoconsent'
import type { ReadableAtom } from 'nanostores'

const config: NanoconsentConfig = { revision: 2, layout: 'box', integrations: { ga4: { id: 'G-ABC123', mode: 'advanced' } } }
const consent: Nanoconsent = createConsent(config)
const state: ConsentState = consent.get()
const decided: boolean = state.decided
const necessary: true = state.necessary
const analytics: boolean | undefined = state.analytics
const off: () => void = consent.on('change', (now, previous) => {
  const a: ConsentState = now
  const b: ConsentState = previous
  void a, b
})
const store: ReadableAtom<ConsentState> = consent.$consent
const record: ConsentRecord | null = consent.record()
const shown: Promise<void> = consent.showPreferences()
// Locales are typed modules, passed as data, lazily, partially or by URL.
const arTitle: string = ar.banner.title
const asResource: LocaleResource = ar
createConsent({
  resources: { ar, fr: () => import('nanoconsent/locales/fr'), de: { banner: { title: 'Ihre Daten' } }, es: '/locales/es.json' }
})
// Svelte's store contract, which \$consent meets, so \`{$state.analytics}\` works in markup.
const svelteStore: { subscribe(run: (value: ConsentState) => void): () => void } = consent.$consent
// @ts-expect-error only 'change' is an event
consent.on('update', () => {})
// @ts-expect-error set() takes booleans
consent.set({ analytics: 'yes' })
const hintOptions: FirstVisitHintOptions = { assetsUrl: '/nanoconsent/', cookieName: 'nanoconsent', nonce: 'r4nd0m' }
const tag: string = firstVisitHint(undefined, hintOptions)
const link: string | null = firstVisitLink(null, hintOptions)
const consented: boolean = hasConsentCookie('nanoconsent=1')
// @ts-expect-error assetsUrl is required
firstVisitHint('', {})
void mount, decided, necessary, analytics, off, store, record, shown, tag, link, consented, arTitle, asResource, svelteStore
`
    )
    writeFileSync(
      join(project, 'wrong.ts'),
      `import { createConsent } from 'nanoconsent'
createConsent({ revision: '3' })
createConsent({ theme: 'purple' })
createConsent().on('change', (state: string) => state)
createConsent({ resources: { ar: 42 } })
`
    )
  }

  const files = ['consent.ts', 'react.tsx', 'vue.ts', 'subscribe.ts', 'types.ts']

  it('compile the README snippets and the API under bundler resolution', () => {
    prepare()
    writeConfig('tsconfig.bundler.json', { ...ourLibOnly, module: 'ESNext', moduleResolution: 'Bundler' }, files)
    const r = tsc('tsconfig.bundler.json')
    expect(r.stdout + r.stderr).toBe('')
    expect(r.status).toBe(0)
  })

  it('compile under node16 resolution, as a Node ESM project without a bundler sees them', () => {
    prepare()
    writeConfig('tsconfig.node16.json', { ...ourLibOnly, module: 'Node16', moduleResolution: 'Node16' }, files)
    const r = tsc('tsconfig.node16.json')
    expect(r.stdout + r.stderr).toBe('')
    expect(r.status).toBe(0)
  })

  it('reject a wrong use', () => {
    prepare()
    writeConfig('tsconfig.wrong.json', { ...ourLibOnly, module: 'ESNext', moduleResolution: 'Bundler' }, ['wrong.ts'])
    const r = tsc('tsconfig.wrong.json')
    expect(r.status).not.toBe(0)
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('wrong.ts('))
    expect(errors.map((l) => l.match(/^wrong\.ts\((\d+),/)![1])).toEqual(['2', '3', '4', '5'])
  })
})

describe('in Node (server rendering)', () => {
  it('imports without touching browser globals and gives an inert, undecided API', () => {
    const script = `
const touched = []
for (const name of ['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'self']) {
  Object.defineProperty(globalThis, name, { configurable: true, get() { touched.push(name); return undefined } })
}
const mod = await import('nanoconsent')
const atImport = [...touched]
for (const name of ['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'self']) delete globalThis[name]
const api = mod.createConsent({ revision: 2 })
await api.showBanner()
console.log(JSON.stringify({ atImport, exports: Object.keys(mod), state: api.get(), record: api.record() }))
`
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' })
    const result = JSON.parse(out)
    expect(result.atImport).toEqual([])
    expect(result.exports).toContain('createConsent')
    expect(result.state).toMatchObject({ decided: false, necessary: true, analytics: false, advertising: false })
    expect(result.record).toBeNull()
  })

  it('nanoconsent/server gives the first-visit hint to a server, without browser globals', () => {
    const script = `
const { firstVisitHint, firstVisitLink } = await import('nanoconsent/server')
const o = { assetsUrl: '/nanoconsent/' }
console.log(JSON.stringify([firstVisitHint(undefined, o), firstVisitLink('a=1', o), firstVisitHint('nanoconsent=1.x', o), firstVisitLink('nanoconsent=1.x', o)]))
`
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' })
    expect(JSON.parse(out)).toEqual([
      '<script type="module" async src="/nanoconsent/ui.js"></script>',
      '</nanoconsent/ui.js>; rel=modulepreload',
      '',
      null
    ])
  })

  it('resolves every export to a file', () => {
    const script = `
const names = ['nanoconsent', 'nanoconsent/ui', 'nanoconsent/server', 'nanoconsent/nanoconsent.js', 'nanoconsent/locales/ar.json', 'nanoconsent/locales/ar', 'nanoconsent/package.json']
console.log(JSON.stringify(names.map((n) => import.meta.resolve(n))))
`
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' })
    const urls: string[] = JSON.parse(out)
    expect(urls.map((u) => u.replace(/^.*node_modules\/nanoconsent\//, ''))).toEqual([
      'dist/index.js',
      'dist/ui.js',
      'dist/server.js',
      'dist/nanoconsent.js',
      'dist/locales/ar.json',
      'dist/locales/ar.js',
      'package.json'
    ])
  })
})
