#!/usr/bin/env bash
# The whole of src/ in parts, LANES Stryker runs side by side (one test runner each), each lane
# taking the next part when its last one ends, so that the lanes finish together and every part
# that ends leaves its own report (Stryker writes none before a run ends). Then the summary.
#
#   LANES=2 bash test/mutation/parts.sh          (reports/mutation/<part>.json, logs beside them)
#   node test/mutation/summary.mjs reports/mutation/part-*.json --files
#   ONLY="core-config ui-text" bash test/mutation/parts.sh   (those parts, in that order)
#
# Each part has its own sandbox and incremental file, so a later run of the same part re-tests
# only what changed. Critical files first, so their survivors can be studied while the rest runs.
set -u
cd "$(dirname "$0")/../.."
LANES=${LANES:-2}
OUT=reports/mutation
mkdir -p "$OUT"

# name|files to mutate (the config's list is replaced, so loader.ts and index.ts stay out by not
# being named). Parts of about 40-250 mutants: with the suite's tests starting real chunks in
# happy-dom, one runner tests 5-17 a minute, depending on what else the two cores do. The
# critical files first (their survivors must each be explained), then a part of each folder in
# turn, so that a run stopped early has measured some of every folder.
c=src/core; u=src/ui
PARTS=(
  "gate|$c/gate.ts"
  "gate-parts|$c/tag-trust.ts,$c/run-script.ts,$c/embed.ts,$c/stand-in.ts"
  "codec-mode|$c/cookie-codec.ts,$c/consent-mode.ts"
  "create|$c/create.ts"
  "entries|src/activate.ts,src/change.ts,src/server.ts"
  "ui-index|$u/index.ts,$u/view.ts,$u/app.tsx,$u/choice-pair.tsx,$u/record-download.ts"
  "core-validate|$c/validate.ts"
  "ui-locale|$u/locale.ts"
  "core-config|$c/config.ts,$c/cleanup.ts,$c/consent-cookie.ts,$c/cookie-places.ts"
  "ui-host|$u/host.ts,$u/shadow.ts"
  "ui-text|$u/resources.ts,$u/wording.ts,$u/quick-t.ts,$u/text-direction.ts,$u/engine.ts,$u/words.ts"
  "core-cookies|$c/check.ts,$c/choose.ts,$c/cookie-v1.ts"
  "ui-widgets|$u/preferences.tsx,$u/banner.tsx,$u/tab-order.ts,$u/cookie-table.tsx"
  "core-rest|$c/assets-url.ts,$c/defaults.ts,$c/did-you-mean.ts,$c/events.ts,$c/inert.ts,$c/inject.ts,$c/read-cookie.ts,$c/record.ts,$c/revisit-button.ts,$c/store.ts,$c/shipped.ts,$c/sync.ts,$c/trusted-types.ts,$c/vendor-cookies.ts"
  "ui-rest|$u/styles.ts,$u/focus.ts,$u/banner-fit.ts,$u/placeholder.tsx,$u/policy-url.ts"
  "core-integrations|$c/integrations/*.ts"
)
# What the parts leave out of src/ (a new file must join a part): listed, not silently skipped.
all=$(find src -name '*.ts' -o -name '*.tsx' | grep -v '\.d\.ts$' | grep -v -e '^src/loader.ts$' -e '^src/index.ts$' -e '^src/core/types.ts$' -e '^src/core/core.ts$' | sort)
named=$(printf '%s\n' "${PARTS[@]}" | cut -d'|' -f2 | tr ',' '\n')
for f in $all; do
  echo "$named" | while read -r pat; do case $f in $pat) echo hit;; esac; done | grep -q hit || echo "parts.sh: $f is in no part" >&2
done

QUEUE=$OUT/.queue
if [ -n "${ONLY:-}" ]; then
  : > "$QUEUE"
  for want in $ONLY; do printf '%s\n' "${PARTS[@]}" | grep "^$want|" >> "$QUEUE" || { echo "parts.sh: no part $want" >&2; exit 2; }; done
else
  printf '%s\n' "${PARTS[@]}" > "$QUEUE"
fi

lane() {
  while :; do
    local next
    next=$(flock "$QUEUE.lock" sh -c "head -n1 '$QUEUE'; sed -i 1d '$QUEUE'")
    [ -z "$next" ] && return
    local name=${next%%|*} mutate=${next#*|}
    local start=$(date +%s)
    echo "$(date +%T) lane $1: $name starts"
    STRYKER_REPORT=$OUT/part-$name.json STRYKER_TMP=.stryker-tmp-$name \
      npx stryker run --mutate "$mutate" --incrementalFile "$OUT/incremental-$name.json" \
      > "$OUT/part-$name.log" 2>&1
    echo "$(date +%T) lane $1: $name ended (exit $?) after $(( ($(date +%s) - start) / 60 )) min"
  done
}
for i in $(seq 1 "$LANES"); do lane "$i" & done
wait
node test/mutation/summary.mjs "$OUT"/part-*.json --files
