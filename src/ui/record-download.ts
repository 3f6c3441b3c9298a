import type { ConsentRecord } from '../core/types.js'

/** Saves the consent record as `nanoconsent-record.json` through a Blob and `a[download]`. */
export function downloadRecord(record: ConsentRecord, parent: Node): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(record, null, 2)], { type: 'application/json' }))
  const a = document.createElement('a')
  a.href = url
  a.download = 'nanoconsent-record.json'
  parent.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
