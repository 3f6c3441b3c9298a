// The six ways an app is bundled in the tests: each builds the same small
// server-rendered app (test/bundlers/apps) the way its bundler's users do
// (Vite and webpack for production, esbuild for development), and reports
// what the bundler warned about.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as esbuild from 'esbuild'
import webpack from 'webpack'
import { APPS, appSources, page, REPO, serverRender, type Framework } from './workspace'

export interface Fixture {
  name: string
  framework: Framework
  /** Whether the output format splits chunks (an IIFE cannot). */
  splits: boolean
  /** Builds the client into `out`; returns the bundler's warnings and the page's script tag (none: the bundler wrote the page). */
  client(dir: string, main: string, out: string): Promise<{ warnings: string[]; script?: string }>
}

export interface Built {
  /** The site root to serve. */
  out: string
  warnings: string[]
  /** Every output file's name (relative to `out`) and text. */
  files: { name: string; text: string }[]
}

/**
 * `vite build`, run as its users run it: the CLI with a config file, in a
 * process of its own (under vitest, NODE_ENV=test would make it a development
 * build). Svelte apps add @sveltejs/vite-plugin-svelte, as `npm create vite` does.
 */
const vite =
  (svelte = false): Fixture['client'] =>
  async (dir, main, out) => {
    writeFileSync(join(dir, 'index.html'), readFileSync(join(APPS, 'index.html'), 'utf8').replace('/main.tsx', `/${main}`))
    // What @vitejs/plugin-react sets for JSX; Vue needs no plugin for render functions.
    const config = { oxc: { jsx: { runtime: 'automatic', importSource: 'react' } }, build: { outDir: out, emptyOutDir: true } }
    const plugin = pathToFileURL(join(REPO, 'node_modules/@sveltejs/vite-plugin-svelte/src/index.js')).href
    writeFileSync(
      join(dir, 'vite.config.mjs'),
      svelte
        ? `import { svelte } from ${JSON.stringify(plugin)}\nexport default { plugins: [svelte()], build: ${JSON.stringify(config.build)} }\n`
        : `export default ${JSON.stringify(config)}\n`
    )
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k != 'NODE_ENV' && !k.startsWith('VITEST')))
    const run = spawnSync(process.execPath, [join(REPO, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: dir, env, encoding: 'utf8' })
    if (run.status !== 0) throw new Error(`vite build failed:\n${run.stdout}${run.stderr}`)
    // At log level "warn", anything printed is a warning.
    return { warnings: (run.stdout + run.stderr).split(/\n(?=\S)/).filter((l) => l.trim()) }
  }

/**
 * esbuild, in development mode: React and Vue then report any hydration
 * mismatch in full (production builds stay silent on attribute mismatches).
 */
const esbuildApp =
  (format: 'esm' | 'iife'): Fixture['client'] =>
  async (dir, main, out) => {
    const result = await esbuild.build({
      entryPoints: { main: join(dir, main) },
      outdir: out,
      bundle: true,
      format,
      splitting: format == 'esm',
      jsx: 'automatic',
      // What an esbuild user defines: the mode, and Vue's feature flags (its docs ask for them).
      define: { 'process.env.NODE_ENV': '"development"', __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
      logLevel: 'silent'
    })
    const warnings = await esbuild.formatMessages(result.warnings, { kind: 'warning' })
    return { warnings, script: format == 'esm' ? '<script type="module" src="/main.js"></script>' : '<script defer src="/main.js"></script>' }
  }

/** webpack with its production defaults; the TypeScript is stripped first, as a loader would. */
const webpackApp: Fixture['client'] = async (dir, main, out) => {
  const js = join(dir, 'js')
  mkdirSync(js)
  for (const file of readdirSync(dir).filter((f) => /\.tsx?$/.test(f) && !f.startsWith('server'))) {
    const { code } = await esbuild.transform(readFileSync(join(dir, file), 'utf8'), { loader: file.endsWith('x') ? 'tsx' : 'ts', jsx: 'automatic', format: 'esm' })
    writeFileSync(join(js, file.replace(/\.tsx?$/, '.js')), code)
  }
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack({ mode: 'production', context: dir, entry: `./js/${main.replace(/\.tsx?$/, '.js')}`, output: { path: out, filename: 'main.js' } }, (err, s) =>
      err || !s ? reject(err) : resolve(s)
    )
  )
  const info = stats.toJson({ all: false, errors: true, warnings: true })
  if (stats.hasErrors()) throw new Error(info.errors!.map((e) => e.message).join('\n'))
  return { warnings: info.warnings!.map((w) => w.message), script: '<script defer src="/main.js"></script>' }
}

export const fixtures: Fixture[] = [
  { name: 'vite-react', framework: 'react', splits: true, client: vite() },
  { name: 'vite-vue', framework: 'vue', splits: true, client: vite() },
  { name: 'vite-svelte', framework: 'svelte', splits: true, client: vite(true) },
  { name: 'esbuild-esm', framework: 'react', splits: true, client: esbuildApp('esm') },
  { name: 'esbuild-iife', framework: 'vue', splits: false, client: esbuildApp('iife') },
  { name: 'webpack', framework: 'react', splits: true, client: webpackApp }
]

/** Builds a fixture in the workspace: its client bundle, and the page with the server-rendered app. */
export async function build(fixture: Fixture, workspace: string): Promise<Built> {
  const dir = appSources(workspace, fixture.name, fixture.framework)
  const main = fixture.framework == 'react' ? 'main.tsx' : 'main.ts'
  const out = join(dir, 'out')
  const { warnings, script } = await fixture.client(dir, main, out)
  const app = await serverRender(dir, fixture.framework == 'react' ? 'server.tsx' : 'server.ts')
  const template = script ? readFileSync(join(APPS, 'index.html'), 'utf8') : readFileSync(join(out, 'index.html'), 'utf8')
  writeFileSync(join(out, 'index.html'), page(template, app, script))
  const files = readdirSync(out, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => {
      const name = join(f.parentPath, f.name).slice(out.length + 1)
      return { name, text: readFileSync(join(out, name), 'utf8') }
    })
  return { out, warnings, files }
}
