#!/usr/bin/env bash
# billet with GNU parallel on one host: one run over INPUT, scored across
# shards, each shard's steps run as parallel jobs.
#
#   examples/parallel/billet_parallel.sh [--billet PATH] [--shards N]
#       [--jobs N] [--work DIR] INPUT OUT
#
# The same steps and work layout as examples/spark/billet_spark.py (see
# examples/shards/billet_shards.py): deal INPUT into WORK/shards/part-NN,
# `billet stats` per shard, `billet stats --merge` in shard order, `billet
# analyze --stats` per shard, gather into OUT (what one `billet analyze
# INPUT --out OUT` writes; corpus.json sums the shards').
#
# --shards defaults to the number of cores, --jobs (parallel jobs at once)
# to the number of cores, each billet with one thread. Any failing step
# stops the run (parallel --will-cite --halt now,fail=1), prints which, exits 2 and
# leaves OUT untouched, the work folder kept. Exit 1 when some posts could
# not be read (errors.jsonl lists them, the rest is written), 0 otherwise.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
shards_py=$here/../shards/billet_shards.py
billet=billet
cores=$(nproc 2>/dev/null || echo 2)
shards=$cores
jobs=$cores
work=
die() { echo "billet-parallel: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case $1 in
    --billet) billet=$2; shift 2 ;;
    --shards) shards=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    -h|--help) sed -n '2,18s/^# \{0,1\}//p' "$0"; exit 0 ;;
    -*) die "unknown option $1" ;;
    *) break ;;
  esac
done
[ $# -eq 2 ] || die "usage: billet_parallel.sh [--billet PATH] [--shards N] [--jobs N] [--work DIR] INPUT OUT"
input=$1 out=$2
command -v parallel >/dev/null || die "GNU parallel not found (Debian: apt-get install parallel)"
billet=$(command -v "$billet") || die "billet not found: give --billet PATH"
case $billet in /*) ;; *) billet=$PWD/$billet ;; esac
started=$(date +%s%N)

mkdir -p "$(dirname "$out")"
if [ -z "$work" ]; then
  work=$(mktemp -d "$(cd "$(dirname "$out")" && pwd)/.billet-parallel-XXXXXX")
fi
work=$(cd "$work" && pwd)
fail() { echo "billet-parallel: FAILED: $*; OUT not written; work files kept in $work" >&2; exit 2; }

python3 "$shards_py" deal "$input" "$work" --shards "$shards" --exclude "$out" \
  > "$work/names" || fail "dealing $input into shards"
echo "billet-parallel: $(wc -l < "$work/names") shards in $work/shards" >&2

# One billet step on one shard. billet's status 1 (some posts unreadable,
# the rest written) is noted in WORK/partial and is no failure of the step.
step() {
  local step=$1 name=$2 rc=0
  case $step in
    stats) "$billet" stats "$work/shards/$name" --out "$work/stats/$name.stats" \
             --jobs 1 --quiet </dev/null || rc=$? ;;
    analyze) "$billet" analyze "$work/shards/$name" --stats "$work/all.stats" \
             --out "$work/out/$name" --jobs 1 --quiet </dev/null || rc=$? ;;
  esac
  if [ "$rc" -eq 1 ]; then echo "$name" >> "$work/partial"; rc=0; fi
  [ "$rc" -eq 0 ] || echo "billet-parallel: billet $step failed on shard $name (exit $rc)" >&2
  return "$rc"
}
export -f step
export billet work
# `step` is a bash function: parallel must run its jobs in bash.
export PARALLEL_SHELL=bash

parallel --will-cite --halt now,fail=1 -j "$jobs" step stats {} < "$work/names" \
  || fail "the stats step"
mapfile -t stats < <(sed "s|.*|$work/stats/&.stats|" "$work/names")
"$billet" stats --merge "${stats[@]}" --out "$work/all.stats" </dev/null \
  || fail "billet stats --merge"
parallel --will-cite --halt now,fail=1 -j "$jobs" step analyze {} < "$work/names" \
  || fail "the analyze step"
ns=$(( $(date +%s%N) - started ))
elapsed=$(printf %d.%03d $((ns / 1000000000)) $((ns / 1000000 % 1000)))
python3 "$shards_py" gather "$work" "$out" --elapsed "$elapsed" || fail "gathering into $out"

status=0
if [ -s "$work/partial" ]; then
  echo "billet-parallel: some posts failed in $(sort "$work/partial" | tr '\n' ' ')(see $out/errors.jsonl)" >&2
  status=1
fi
rm -rf "$work"
echo "billet-parallel: $(wc -l < "$out/articles.jsonl") articles → $out" >&2
exit "$status"
