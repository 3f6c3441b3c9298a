// One temporary workspace per run, where the fixture apps are built: the
// packed tarball installed as a user would install it, with the app's
// frameworks beside it. Everything comes from the npm cache that this
// repository's own install filled (same versions, --prefer-offline).
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import * as esbuild from 'esbuild'
import { compile } from 'svelte/compiler'

export const REPO = resolve(import.meta.dirname, '../..')
export const APPS = join(REPO, 'test/bundlers/apps')

export type Framework = 'react' | 'vue' | 'svelte'

const version = (pkg: string): string => JSON.parse(readFileSync(join(REPO, 'node_modules', pkg, 'package.json'), 'utf8')).version

/** Packs dist/ and installs the tarball and the frameworks into a new directory; returns it. */
export function prepareWorkspace(): string {
  if (!readdirSync(join(REPO, 'dist')).includes('index.js')) throw new Error('dist/ is missing: run `npm run build` first (npm test does)')
  const dir = mkdtempSync(join(tmpdir(), 'nanoconsent-bundlers-'))
  const packed = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore']
  })
  const tarball = join(dir, JSON.parse(packed)[0].filename)
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'apps', private: true, type: 'module' }))
  const deps = ['react', 'react-dom', 'vue', '@nanostores/react', '@nanostores/vue', 'svelte'].map((p) => `${p}@${version(p)}`)
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--no-package-lock', tarball, ...deps], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe']
  })
  return dir
}

export function removeWorkspace(dir: string): void {
  if (dir) rmSync(dir, { recursive: true, force: true })
}

/** A fixture's own directory in the workspace, with the app's sources: shared ones and the framework's. */
export function appSources(workspace: string, name: string, framework: Framework): string {
  const dir = join(workspace, name)
  mkdirSync(dir)
  cpSync(join(APPS, 'shared'), dir, { recursive: true })
  cpSync(join(APPS, framework), dir, { recursive: true })
  return dir
}

/** Svelte components compiled for the server, as vite-plugin-svelte does in an SSR build. */
const svelteServer: esbuild.Plugin = {
  name: 'svelte-server',
  setup(build) {
    build.onLoad({ filter: /\.svelte$/ }, ({ path }) => ({
      contents: compile(readFileSync(path, 'utf8'), { generate: 'server', filename: path }).js.code,
      loader: 'js'
    }))
  }
}

/**
 * What the server sends: the app rendered by its server entry (nanoconsent is
 * inert in Node) inside the page. Anything the render writes to stderr (a
 * React or Vue warning) fails the fixture.
 */
export async function serverRender(dir: string, entry: string): Promise<string> {
  await esbuild.build({
    entryPoints: [join(dir, entry)],
    outfile: join(dir, 'server.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    jsx: 'automatic',
    plugins: [svelteServer],
    logLevel: 'silent'
  })
  const run = spawnSync(process.execPath, [join(dir, 'server.mjs')], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' }
  })
  if (run.status !== 0 || run.stderr) throw new Error(`server render failed or wrote to stderr:\n${run.stderr}`)
  return run.stdout
}

/** The page, with the server-rendered app in #app and the bundle's script tag (none when the bundler wrote it, as Vite does). */
export function page(template: string, app: string, script?: string): string {
  const html = template.replace('<!--app-->', app)
  return script ? html.replace(/<script type="module" src="\/main\.tsx"><\/script>/, script) : html
}
