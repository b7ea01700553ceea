#!/usr/bin/env bash
# CI's mutation check (issue 22): cargo-mutants on the lines of src/ that
# the last commit changed (`--in-diff`), each mutant against the tests of
# its module (scripts/mutants.sh), within a budget of 20 minutes, the
# install of cargo-mutants included.
#
# A clean clone knows no earlier CI run, so the change is the last
# commit: MUTANTS_BASE (default HEAD~1) sets another base, e.g.
# `MUTANTS_BASE=main .ci/mutants.sh` on a branch. It skips, saying why,
# when there is no base commit (a shallow clone), when no Rust source
# under src/ changed, or when the changed lines hold no mutant.
#
# Missed mutants are listed, not fatal: some are equivalent (see
# docs/mutants.md), and the full per-module scores are
# scripts/mutants.sh's job. A failing baseline (tests that fail
# unmutated) is fatal.
set -euo pipefail
cd "$(dirname "$0")/.."

BASE=${MUTANTS_BASE:-HEAD~1}
# Seconds for the install and the mutants, and what one mutant costs
# with the warm build `cargo test` leaves (docs/mutants.md).
BUDGET=${MUTANTS_BUDGET:-1200}
PER_MUTANT=${MUTANTS_PER_MUTANT:-30}
VERSION=27.1.0

say() { echo "[mutants] $*" >&2; }

if ! git rev-parse -q --verify "$BASE^{commit}" >/dev/null; then
  say "skipped: no commit $BASE to diff against (shallow clone?)"
  exit 0
fi
diff=$(mktemp)
trap 'rm -f "$diff"' EXIT
git diff "$BASE" HEAD -- 'src/*.rs' >"$diff"
if [ ! -s "$diff" ]; then
  say "skipped: $BASE..HEAD changes no Rust source under src/"
  exit 0
fi

began=$(date +%s)
if ! cargo mutants --version 2>/dev/null | grep -q "$VERSION"; then
  cargo install --locked --quiet cargo-mutants --version "$VERSION"
  say "cargo-mutants $VERSION installed in $(($(date +%s) - began)) s"
fi
# Building cargo-nextest too would cost as long again: without it, each
# mutant runs under `cargo test` (scripts/mutants.sh, MUTANTS_TEST_TOOL).
if ! cargo nextest --version >/dev/null 2>&1; then
  export MUTANTS_TEST_TOOL=cargo
fi
# The install counts against the budget.
BUDGET=$((BUDGET - ($(date +%s) - began)))
if [ "$BUDGET" -lt "$PER_MUTANT" ]; then
  say "skipped: the install took the whole budget"
  exit 0
fi

# The modules the diff touches: a file of src/, or a folder under it.
mapfile -t modules < <(git diff --name-only "$BASE" HEAD -- 'src/*.rs' |
  while read -r f; do
    [ -e "$f" ] || continue # deleted
    rest=${f#src/}
    case "$rest" in
      */*) echo "src/${rest%%/*}" ;;
      *) echo "$f" ;;
    esac
  done | sort -u)

n=0
for m in "${modules[@]}"; do
  glob=$m
  [ -d "$m" ] && glob="$m/**/*.rs"
  k=$(cargo mutants --list --in-diff "$diff" -f "$glob" 2>/dev/null | grep -c . || true)
  n=$((n + k))
done
if [ "$n" -eq 0 ]; then
  say "skipped: the lines $BASE..HEAD changed hold no mutant"
  exit 0
fi

# More than the budget holds: every k-th mutant (round robin), the same
# share of each module.
shards=$(((n * PER_MUTANT + BUDGET - 1) / BUDGET))
# `cargo test` has just passed on this tree, with this build: no
# baseline run (so an explicit timeout: the module's tests take under
# 30 s unmutated), and the test profile is warm.
extra="--in-diff $diff --profile test --baseline skip --timeout 120"
if [ "$shards" -gt 1 ]; then
  say "$n mutants in $BASE..HEAD: more than $BUDGET s holds; testing 1 in $shards"
  extra+=" --shard 0/$shards --sharding round-robin"
else
  say "$n mutants in $BASE..HEAD (${modules[*]})"
fi
start=$(date +%s)
MUTANTS_IN_PLACE=1 MUTANTS_ARGS="$extra" scripts/mutants.sh "${modules[@]}"
say "done in $(($(date +%s) - start)) s"
