import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import terser from '@rollup/plugin-terser'
import esbuild from 'rollup-plugin-esbuild'

// Two passes of terser with unsafe-but-standard-compliant options buy the
// loader a few hundred gzip bytes against its 3,000-byte budget.
const minify = (keep = false) =>
  terser({
    ecma: 2020,
    module: false,
    compress: { passes: 3, unsafe_arrows: true, pure_getters: true, toplevel: true },
    // Every output is a module or an IIFE: top-level names are private to it, so they may be
    // mangled and dropped when unused (about 700 B gzip off ui.js).
    mangle: { toplevel: true },
    format: { comments: keep }
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

// Each language ships three ways: locales/<lang>.json, fetched by the
// script-tag build from next to the loader; locales/<lang>.js, a module the
// npm entry import()s (every bundler reads JS; JSON needs a plugin in some);
// and its typings, for `import ar from 'nanoconsent/locales/ar'`.
const typeOf = (value, indent = '') =>
  typeof value == 'string'
    ? 'string'
    : `{\n${Object.entries(value)
        .map(([k, v]) => `${indent}  ${JSON.stringify(k)}: ${typeOf(v, indent + '  ')}`)
        .join('\n')}\n${indent}}`
const localeFiles = {
  name: 'locale-files',
  writeBundle() {
    mkdirSync('dist/locales', { recursive: true })
    for (const file of readdirSync('locales').filter((f) => f.endsWith('.json'))) {
      const lang = file.slice(0, -5)
      const data = JSON.parse(readFileSync(`locales/${file}`, 'utf8'))
      writeFileSync(`dist/locales/${file}`, JSON.stringify(data))
      writeFileSync(`dist/locales/${lang}.js`, `export default ${JSON.stringify(data)}\n`)
      writeFileSync(
        `dist/locales/${lang}.d.ts`,
        `/** The \`${lang}\` translation that ships with nanoconsent: \`createConsent({ resources: { ${lang} } })\`. */\n` +
          `declare const resource: ${typeOf(data)}\nexport default resource\n`
      )
    }
  }
}

// index.ts imports the chunks and locales by source path; in dist they are the files built above.
const chunkFiles = {
  './activate.js': './activate.js',
  './change.js': './change.js',
  './ui/index.js': './ui.js',
  '../locales/ar.json': './locales/ar.js',
  '../locales/fr.json': './locales/fr.js'
}
const chunksAsFiles = {
  name: 'chunks-as-files',
  resolveId: (source) => (chunkFiles[source] ? { id: chunkFiles[source], external: true } : null)
}

// ui.js imports i18next from its own chunk, next to it (the banner does not wait for it).
const engineAsFile = {
  name: 'engine-as-file',
  resolveId: (source, importer) => (source == './engine.js' && /src[\\/]ui[\\/]locale\.ts$/.test(importer || '') ? { id: './i18n.js', external: true } : null)
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
    ['i18n', 'src/ui/engine.ts'],
    ['activate', 'src/activate.ts'],
    ['change', 'src/change.ts']
  ].map(([name, input]) => ({
    input,
    output: {
      file: `dist/${name}.js`,
      format: 'es',
      // V8 compile hints: the banner runs most of ui.js at once, so compiling it all while it
      // streams in (off the main thread) beats compiling each function lazily on first call.
      banner: name == 'ui' ? '//# allFunctionsCalledOnLoad' : '',
      plugins: [minify(/allFunctionsCalledOnLoad/)]
    },
    plugins: [...(name == 'ui' ? [engineAsFile] : []), nodeResolve({ browser: true }), ts(), ...(name == 'ui' ? [localeFiles] : [])]
  })),
  // The npm entry. Its import()s of the chunks and locales stay imports of
  // the files above, which an app's bundler splits; nanostores stays
  // external so the app dedupes it (framework bindings must see the app's own).
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
