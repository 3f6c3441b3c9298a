// Reading a CDP Profiler sampling profile: how much main-thread time went to
// one tool's scripts.

/** Each node's parent id, and the node by id. */
function index(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  return { byId, parent }
}

/** Sums the time of the samples `counts(nodeId)` accepts; a sample stands for the time until the next one. */
function sum(profile, counts) {
  let us = 0
  const { samples, timeDeltas } = profile
  for (let i = 0; i < samples.length; i++) if (counts(samples[i])) us += timeDeltas[i + 1] ?? 0
  return us / 1000
}

/** Main-thread time (ms) of samples with one of `prefix`'s scripts anywhere on the stack. */
export function attributed(profile, prefix) {
  const { byId, parent } = index(profile)
  const memo = new Map()
  const ours = (id) => {
    if (memo.has(id)) return memo.get(id)
    const hit = byId.get(id).callFrame.url.startsWith(prefix) || (parent.has(id) && ours(parent.get(id)))
    memo.set(id, hit)
    return hit
  }
  return sum(profile, ours)
}

/**
 * Main-thread time (ms) spent in one script file itself: samples whose
 * innermost frame with a URL is in `url`. Native work the file calls (DOM,
 * JSON, regexps) has no URL and counts for it; code of other files that it
 * calls (a chunk's function run from its promise callback) counts for them.
 */
export function selfTime(profile, url) {
  const { byId, parent } = index(profile)
  const owner = (id) => {
    for (let n = byId.get(id); n; n = byId.get(parent.get(n.id))) if (n.callFrame.url) return n.callFrame.url
    return ''
  }
  return sum(profile, (id) => owner(id) === url)
}
