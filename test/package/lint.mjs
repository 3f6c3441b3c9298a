// `npm run lint:package`: checks the package as npm would publish it.
//
// - publint --strict: package.json fields, exports and files against the packed tarball.
// - attw --pack --profile esm-only: the types each export resolves to, under
//   node16 (ESM) and bundler resolution. nanoconsent is ESM-only ("type": "module",
//   no CommonJS build), so the esm-only profile skips the node10 and node16-from-CJS
//   resolutions, which can only report "resolves to ESM"/"resolution failed" here.
//   "./nanoconsent.js" is excluded: it is the classic-script loader (an IIFE for a
//   <script> tag), exported so tools can locate the file, not to be imported, so
//   it has no types by design. attw does not expand the wildcard exports, so the
//   locale modules are named (`./locales/*` resolves each to a typed .js module).
import { spawnSync } from 'node:child_process'

const run = (cmd, args) => {
  console.log(`$ ${cmd} ${args.join(' ')}`)
  const r = spawnSync(cmd, args, { stdio: 'inherit' })
  return r.status === 0
}

const ok = [
  run('npx', ['--no-install', 'publint', '--strict']),
  run('npx', ['--no-install', 'attw', '--pack', '.', '--profile', 'esm-only', '--exclude-entrypoints', 'nanoconsent.js', '--include-entrypoints', './locales/en', './locales/ar', './locales/fr'])
].every(Boolean)
process.exit(ok ? 0 : 1)
