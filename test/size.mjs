// Prints the gzip -9 size of each built file and fails when one is over its
// budget. Sizes are deterministic, so CI can gate on them; timings live in
// test/bench, never here.
import { readFileSync, existsSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length

const budgets = [
  { name: 'loader  dist/nanoconsent.js', files: ['dist/nanoconsent.js'], budget: 3000 },
  // The UI as a visitor downloads it: the chunk (CSS inside) plus one locale.
  { name: 'UI      dist/ui.js + en.json', files: ['dist/ui.js', 'dist/locales/en.json'], budget: 30000 },
  { name: 'UI      dist/ui.js + ar.json', files: ['dist/ui.js', 'dist/locales/ar.json'], budget: 30000 }
]

let failed = false
for (const { name, files, budget } of budgets) {
  const missing = files.filter((f) => !existsSync(f))
  if (missing.length) {
    console.error(`size: ${missing.join(', ')} missing; run npm run build first`)
    failed = true
    continue
  }
  const bytes = files.reduce((sum, f) => sum + gz(f), 0)
  const over = bytes > budget
  failed ||= over
  console.log(`${over ? 'OVER ' : 'ok   '} ${name}  ${bytes} B gzip -9  (budget ${budget})`)
}
process.exit(failed ? 1 : 0)
