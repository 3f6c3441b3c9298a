#!/usr/bin/env bash
# The whole of src/ in parts, LANES Stryker runs side by side (one test runner each), each lane
# taking the next part when its last one ends, so that the lanes finish together and every part
# that ends leaves its own report (Stryker writes none before a run ends). Then the summary.
#
#   LANES=2 bash test/mutation/parts.sh          (reports/mutation/<part>.json, logs beside them)
#   node test/mutation/summary.mjs reports/mutation/part-*.json --files
#
# Each part has its own sandbox and incremental file, so a later run of the same part re-tests
# only what changed. Critical files first, so their survivors can be studied while the rest runs.
set -u
cd "$(dirname "$0")/../.."
LANES=${LANES:-2}
OUT=reports/mutation
mkdir -p "$OUT"

CRIT='src/core/create.ts,src/core/gate.ts,src/core/tag-trust.ts,src/core/run-script.ts,src/core/embed.ts,src/core/stand-in.ts,src/core/cookie-codec.ts,src/core/consent-mode.ts'
NOT_CRIT=$(echo "$CRIT" | sed 's/\(^\|,\)/\1!/g')
R1='src/core/config.ts,src/core/validate.ts,src/core/check.ts,src/core/choose.ts,src/core/cleanup.ts,src/core/consent-cookie.ts,src/core/cookie-places.ts,src/core/cookie-v1.ts,src/core/core.ts'
NOT_R1=$(echo "$R1" | sed 's/\(^\|,\)/\1!/g')
UIA='src/ui/index.ts,src/ui/locale.ts,src/ui/resources.ts,src/ui/wording.ts,src/ui/host.ts,src/ui/shadow.ts'
NOT_UIA=$(echo "$UIA" | sed 's/\(^\|,\)/\1!/g')

# name|--mutate patterns (the config's list is replaced, so loader.ts and index.ts stay out by
# not being named)
PARTS=(
  "critical|$CRIT"
  "ui-a|$UIA"
  "core-1|$R1"
  "ui-b|src/ui/**/*.ts,src/ui/**/*.tsx,$NOT_UIA"
  "entries|src/activate.ts,src/change.ts,src/server.ts"
  "core-2|src/core/**/*.ts,!src/core/**/*.d.ts,$NOT_CRIT,$NOT_R1"
)
QUEUE=$OUT/.queue
printf '%s\n' "${PARTS[@]}" > "$QUEUE"

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
