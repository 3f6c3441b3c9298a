/**
 * The known key nearest to a typo (at most two edits away, case aside), for
 * "did you mean": `revison` is `revision`. Only validation uses it, so the
 * activate chunk does not pay for it.
 */
export function nearest(key: string, known: string[]): string | undefined {
  const distance = (a: string, b: string) => {
    let row = Array.from({ length: b.length + 1 }, (_, i) => i)
    for (let i = 1; i <= a.length; i++) {
      const next = [i]
      for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1]!.toLowerCase() == b[j - 1]!.toLowerCase() ? 0 : 1))
      row = next
    }
    return row[b.length]!
  }
  return known.filter((k) => distance(key, k) <= 2).sort((a, b) => distance(key, a) - distance(key, b))[0]
}
