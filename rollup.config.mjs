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

// index.ts imports the chunks by source path; in dist they are the files built above.
const chunkFiles = { './activate.js': './activate.js', './change.js': './change.js', './ui/index.js': './ui.js' }
const chunksAsFiles = {
  name: 'chunks-as-files',
  resolveId: (source) => (chunkFiles[source] ? { id: chunkFiles[source], external: true } : null)
}

export default [
  // The script-tag loader: one classic script, no chunks. It reaches the UI
  // through a runtime import() of a URL, which rollup leaves untouched.
  {
    input: 'src/loader.ts',
    output: { file: 'dist/nanoconsent.js', format: 'iife', plugins: [minify()] },
    plugins: [nodeResolve({ browser: true }), ts()]
  },
  // The lazily loaded chunks, each one self-contained file (Preact, i18next
  // and js-cookie bundled where used). Shared code is duplicated on purpose:
  // a chunk that imported shared chunks would cost the visitor another
  // round trip before it could run (loader -> activate.js -> chunks/… was
  // three trips before a returning visitor's trackers could load), and the
  // script-tag loader can import() a self-contained file from any host.
  ...[
    ['ui', 'src/ui/index.ts'],
    ['activate', 'src/activate.ts'],
    ['change', 'src/change.ts']
  ].map(([name, input]) => ({
    input,
    output: { file: `dist/${name}.js`, format: 'es', plugins: [minify()] },
    plugins: [nodeResolve({ browser: true }), ts(), ...(name == 'ui' ? [copyLocales] : [])]
  })),
  // The npm entry. Its import()s of the chunks stay imports of the files
  // above, which an app's bundler can split; nanostores stays external so
  // the app dedupes it (framework bindings must see the app's own).
  {
    input: 'src/index.ts',
    external: (id) => /^nanostores(\/|$)/.test(id),
    output: { file: 'dist/index.js', format: 'es', plugins: [minify()] },
    plugins: [chunksAsFiles, nodeResolve({ browser: true }), ts()]
  },
  // `nanoconsent/server`: the first-visit hint for servers and edge
  // functions. Never loaded by a browser; no dependencies.
  {
    input: 'src/server.ts',
    output: { file: 'dist/server.js', format: 'es', plugins: [minify()] },
    plugins: [ts()]
  }
]
