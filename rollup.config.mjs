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

// nanostores reads process.env.NODE_ENV; browsers have no `process`. The
// bundles are for production, so dev-only code is dropped.
const ts = () =>
  esbuild({
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    exclude: [],
    loaders: { '.json': 'json' },
    define: { 'process.env.NODE_ENV': '"production"' }
  })

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
  // The npm entry and the lazily loaded chunks, built together: index.js
  // reaches ui.js, activate.js and change.js through literal import()s, which an app's
  // bundler can split. nanostores stays external so the app dedupes it (the
  // store must be the app's own for framework bindings). The chunks are
  // self-contained (Preact, i18next and js-cookie bundled, shared code in
  // relative chunks/) so the script-tag loader can import() them from any
  // host without an import map.
  {
    input: { index: 'src/index.ts', ui: 'src/ui/index.ts', activate: 'src/activate.ts', change: 'src/change.ts' },
    external: (id) => /^nanostores(\/|$)/.test(id),
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', plugins: [minify()] },
    plugins: [nodeResolve({ browser: true }), ts(), copyLocales]
  }
]
