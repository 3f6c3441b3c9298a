import type { Core } from './core.js'
import type { ConsentRecord } from './types.js'

/**
 * The consent record, the proof of consent (GDPR Art. 7(1)), of the current
 * choice. The URL has no query string or fragment, so ids in URLs stay out
 * of the log.
 */
export function recordOf(core: Core): ConsentRecord | null {
  if (!core.proof) return null
  const { time, ...proof } = core.proof
  return { ...proof, timestamp: new Date(time).toISOString(), locale: proof.locale || core.pageLocale(), url: location.origin + location.pathname }
}

/**
 * Sends a consent record to `recordUrl`: sendBeacon, which survives the page
 * unloading, or fetch with keepalive where the beacon is missing or refused.
 * A failed send is reported and otherwise ignored: it never blocks the
 * visitor or undoes the choice.
 */
export function sendRecord(url: string, record: ConsentRecord): void {
  const body = JSON.stringify(record)
  const report = (e: unknown) => console.error('nanoconsent: could not send the consent record:', e)
  const beacon = () => {
    try {
      return navigator.sendBeacon(url, new Blob([body], { type: 'application/json' }))
    } catch {
      // Missing, or refusing by throwing rather than returning false: fetch can still send it.
      return false
    }
  }
  try {
    if (!beacon()) fetch(url, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'application/json' } }).catch(report)
  } catch (e) {
    report(e)
  }
}
