import { cpSync, mkdirSync } from 'node:fs'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import terser from '@rollup/plugin-terser'
import esbuild from 'rollup-plugin-esbuild'

// Two passes of terser with unsafe-but-standard-compliant options buy the
// loader a few hundred gzip bytes against its 3,000-byte budget.
const minify = () =>
  terser({
    ecma: 2020,
    module: false,
    compress: { passes: 3, unsafe_arrows: true, pure_getters: true },
    format: { comments: false }
  })

const ts = () => esbuild({ target: 'es2020', jsx: 'automatic', jsxImportSource: 'preact', minify: false })

const copyLocales = {
  name: 'copy-locales',
  writeBundle() {
    mkdirSync('dist/locales', { recursive: true })
    cpSync('locales', 'dist/locales', { recursive: true })
  }
}

export default [
  // The script-tag loader: one classic script, no chunks. It reaches the UI
  // through a runtime import() of a URL, which rollup leaves untouched.
  {
    input: 'src/loader.ts',
    output: { file: 'dist/nanoconsent.js', format: 'iife', plugins: [minify()] },
    plugins: [nodeResolve({ browser: true }), ts()]
  },
  // The npm entry: dependencies stay external so a bundler dedupes them, and
  // ./ui.js stays a separate file so a bundler can split it.
  {
    input: { index: 'src/index.ts' },
    external: (id) => /^(nanostores|js-cookie)(\/|$)/.test(id) || id === './ui.js',
    output: { dir: 'dist', format: 'es' },
    plugins: [ts()]
  },
  // The UI chunk: self-contained (Preact and i18next bundled), so the loader
  // can import() it from any host without an import map.
  {
    input: 'src/ui/index.ts',
    output: { file: 'dist/ui.js', format: 'es', plugins: [minify()] },
    plugins: [nodeResolve({ browser: true }), ts(), copyLocales]
  }
]
