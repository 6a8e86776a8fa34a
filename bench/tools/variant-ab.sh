#!/usr/bin/env bash
# Before/after of one change, measured in the same window: builds a throwaway worktree of HEAD with a patch
# applied, then runs `node dist/bench/run.js <phases>` on this checkout's build and on the variant's in turn.
# Alternating puts a neighbour's burst on both alike; compare CPU us per ok response, not rates.
#   npm run build && bash bench/tools/variant-ab.sh bench/variants/no-metrics.patch [rounds=3] ["ingest status"]
set -euo pipefail
patch=$(realpath "${1:?usage: variant-ab.sh <patch> [rounds] [phases]}")
rounds=${2:-3}
phases=${3:-ingest status}
root=$(git rev-parse --show-toplevel)
variant=$(mktemp -d /tmp/variant-XXXXXX)
trap 'git -C "$root" worktree remove --force "$variant" >/dev/null 2>&1 || true' EXIT

[ -f "$root/dist/bench/run.js" ] || { echo "variant-ab: build this checkout first (npm run build)" >&2; exit 2; }
git -C "$root" worktree add --detach "$variant" HEAD >/dev/null
git -C "$variant" apply "$patch" || { echo "variant-ab: $patch no longer applies to HEAD; regenerate it" >&2; exit 2; }
ln -s "$root/node_modules" "$variant/node_modules"
echo "variant-ab: building $(basename "$patch") on $(git -C "$root" rev-parse --short HEAD)"
(cd "$variant" && npm run -s build)

for round in $(seq 1 "$rounds"); do
  for tree in "$root" "$variant"; do
    label=$([ "$tree" = "$root" ] && echo "HEAD" || echo "HEAD + $(basename "$patch")")
    echo "== round $round: $label, $(date -u +%T) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
    (cd "$tree" && BENCH_SECONDS="${BENCH_SECONDS:-5}" node dist/bench/run.js $phases 2>/dev/null | grep -v '^{')
  done
done
