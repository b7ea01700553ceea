#!/usr/bin/env bash
# The GNU parallel recipe (examples/parallel/billet_parallel.sh), for real:
# its output equals one `billet analyze` run (our corpus in 3 shards; a
# corpus with failing, ignored, hidden, same-id and symlinked posts in 2, 3
# and 5 shards), and a crashing billet fails it loudly.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ci_apt parallel
billet=$(ci_billet)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
recipe=$ci_root/examples/parallel/billet_parallel.sh
check=$ci_root/.ci/same_output.py
cd "$tmp"

cp -r "$ci_root/corpus" corpus
"$billet" analyze corpus --out single --quiet 2>/dev/null
"$recipe" --billet "$billet" --shards 3 corpus out 2> log || { cat log >&2; exit 1; }
python3 "$check" single out --shards 3

ci_tricky_input tricky
status=0
"$billet" analyze tricky --out tricky-single --quiet 2>/dev/null || status=$?
[ "$status" -eq 1 ] || { ci_log "single run over tricky/: exit $status, expected 1"; exit 1; }
for n in 2 3 5; do
  status=0
  "$recipe" --billet "$billet" --shards "$n" tricky "tricky-$n" 2> log || status=$?
  [ "$status" -eq 1 ] || { cat log >&2; ci_log "tricky/, $n shards: exit $status, expected 1"; exit 1; }
  python3 "$check" tricky-single "tricky-$n" --shards "$n"
done

for step in stats analyze; do
  ci_failing_billet "fail-$step" "$billet" "$step" part-01
  status=0
  "$recipe" --billet "$PWD/fail-$step" --shards 3 corpus "out-$step" 2> log || status=$?
  ci_expect_failure "a crash in billet $step" "out-$step" log "$status"
done
ci_log "ok"
