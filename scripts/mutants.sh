#!/usr/bin/env bash
# Mutation testing (issue 22): runs cargo-mutants on each module given
# (a file or a folder under src/; default: the modules docs/mutants.md
# scores), each mutant against the tests that can catch it, and prints
# the score per module.
#
#   scripts/mutants.sh                      # every scored module (hours)
#   scripts/mutants.sh src/tokenize.rs      # one module
#   scripts/mutants.sh src/questions        # a folder
#   MUTANTS_IN_PLACE=1 scripts/mutants.sh … # mutate this tree (CI)
#   MUTANTS_ARGS="--in-diff x.diff" …       # more cargo-mutants flags
#   MUTANTS_TEST_TOOL=cargo …               # without cargo-nextest
#
# Without MUTANTS_IN_PLACE, cargo-mutants copies the tree to a scratch
# folder and builds it there once (a few minutes), so the tree can be
# edited meanwhile.
#
# Two passes per module, to keep a mutant cheap: first every mutant
# against the unit tests and the module's own files of tests/ (a
# rebuild of the library and a few links), then only the survivors
# against tests/cli.rs as well (the binary to rebuild and link, the
# golden file to run). A mutant caught by either
# pass is caught by `cargo test`. Results: target/mutants-out/<module>/
# unit/mutants.out/ and full/mutants.out/ (caught.txt, missed.txt,
# timeout.txt, unviable.txt; the survivors are full/'s missed.txt).
#
# Score: (caught + timeouts) / (caught + timeouts + missed); unviable
# mutants (that do not build) are left out.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo mutants --version >/dev/null 2>&1; then
  echo "mutants.sh: cargo-mutants is missing: cargo install --locked cargo-mutants" >&2
  exit 2
fi

# The modules issue 22 scores, in the order they settle.
DEFAULT=(src/tokenize.rs src/sections.rs src/source/html src/series
         src/corpus src/questions src/search/query.rs src/id.rs)

# Library tests that take seconds and test one module only: run for
# that module's mutants, skipped for the others'.
SLOW_LIB='test(/flat_yaml_matches_serde_on_random/) | test(/malformed_html_never_panics/) | test(/whole_word_containment_matches_the_oracle/)'
# The golden file and the other quick end-to-end checks of tests/cli.rs.
CLI='binary(cli) - test(=interrupt_stops_cleanly) - test(=shared_corpus) - test(=output_is_identical_whatever_the_number_of_jobs)'

# The same choice for `cargo test` (MUTANTS_TEST_TOOL=cargo, when
# cargo-nextest is not installed, as on a fresh CI machine): the test
# targets alone, less the slow tests by name in every target. The first
# `--` hands the skips to the test harness: cargo test itself refuses
# `--skip`, which failed every mutant's test run, so every mutant was
# counted as caught.
SKIP=(-- --skip flat_yaml_matches_serde_on_random --skip malformed_html_never_panics
      --skip whole_word_containment_matches_the_oracle --skip interrupt_stops_cleanly
      --skip shared_corpus --skip output_is_identical_whatever_the_number_of_jobs
      --skip kill_9)

# Sets TOOL, TARGETS (cargo target flags) and FILTER (a nextest
# filterset, or `cargo test` skips) for the mutants of $1; with $2 =
# unit (the first pass), the library's unit tests and the module's own
# files of tests/, not tests/cli.rs (the binary, the golden file).
select_tests() {
  TOOL=${MUTANTS_TEST_TOOL:-nextest}
  LIB="kind(lib) - ($SLOW_LIB)"
  local extra
  case "$1" in
    src/tokenize*|src/normalize*|src/sentence*|src/stem*|src/terms*)
      extra=(apostrophes props cli) ;;
    src/sections*)
      extra=(html_furniture corpus_pass structure cli) ;;
    src/source/html*)
      LIB="kind(lib)"; extra=(html_furniture structure) ;;
    src/source*|src/meta*)
      LIB="kind(lib)"; extra=(structure robustness front_matter_dates tags cli) ;;
    src/series*)
      extra=(corpus_pass structure cli) ;;
    src/corpus*)
      LIB="kind(lib)"; extra=(corpus_pass similar_seed cli) ;;
    src/tags*)
      extra=(tags similar_seed corpus_pass cli) ;;
    src/questions*)
      extra=(questions question_forms cli) ;;
    src/search*)
      # One index for all the tests of tests/search.rs is built per
      # process: cargo test runs them in one.
      TOOL=cargo; TARGETS=(-C --lib); FILTER=("${SKIP[@]}")
      [ "$2" = unit ] || TARGETS+=(-C --test=search -C --test=search_ranking)
      return ;;
    src/shard*)
      extra=(shards cli) ;;
    src/run*)
      # The cache's and the spill's round trips are seen end to end,
      # `billet eval-tags` (src/run/eval.rs) on its fixtures with known
      # answers.
      extra=(cache spill corpus_pass tags cli) ;;
    *)
      extra=(ids corpus_pass cli) ;;
  esac
  if [ "$2" = unit ]; then
    local t kept=()
    for t in "${extra[@]}"; do [ "$t" = cli ] || kept+=("$t"); done
    extra=("${kept[@]}")
  fi
  TARGETS=(-C --lib)
  for t in "${extra[@]}"; do TARGETS+=(-C "--test=$t"); done
  # The binary's own files: its unit tests (main.rs's) run too, which
  # --lib and the library's filter leave out.
  local bins=0
  case "$1" in
    src/main.rs|src/cli.rs|src/commands*|src/terminal*)
      bins=1; TARGETS+=(-C --bins) ;;
  esac
  if [ "$TOOL" = cargo ]; then
    FILTER=("${SKIP[@]}")
    return
  fi
  local expr="($LIB)"
  [ "$bins" = 1 ] && expr+=" | kind(bin)"
  for t in "${extra[@]}"; do
    case "$t" in
      cli) expr+=" | ($CLI)" ;;
      robustness) expr+=" | (binary(robustness) - test(/kill_9/))" ;;
      *) expr+=" | binary($t)" ;;
    esac
  done
  FILTER=(-E "$expr")
}

# The lines of outcome list $2 that list $1 holds too (none when either
# is absent).
among() { if [ -f "$1" ] && [ -f "$2" ]; then grep -Fxf "$1" "$2" || true; fi; }

# Counts the lines of an outcome list (0 when absent).
count() { if [ -f "$1" ]; then grep -c . "$1" || true; else echo 0; fi; }

# Runs cargo mutants with "$@" plus the test filter (array FILTER),
# at low priority; exit 2 or 3 (mutants missed or timed out) is fine.
mutants() {
  local status=0
  nice -n 10 cargo mutants "$@" -- "${FILTER[@]}" || status=$?
  if [ "$status" -ne 0 ] && [ "$status" -ne 2 ] && [ "$status" -ne 3 ]; then
    echo "mutants.sh: cargo mutants failed on $module (exit $status)" >&2
    exit "$status"
  fi
}

# A name of missed.txt as a regex for --re: that mutant only.
as_regex() { printf '^%s$' "$(printf '%s' "$1" | sed 's/[][\\.+*?(){}|^$]/\\&/g')"; }

modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=("${DEFAULT[@]}")
# shellcheck disable=SC2206 # MUTANTS_ARGS is split on purpose.
args=(${MUTANTS_ARGS:-})
[ -n "${MUTANTS_IN_PLACE:-}" ] && args+=(--in-place)
# The second pass tests the survivors by name: no shard, no other
# choice of mutants.
args2=()
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --shard | --sharding | --re | -F) i=$((i + 1)) ;;
    --shard=* | --sharding=* | --re=*) ;;
    *) args2+=("${args[i]}") ;;
  esac
done
summary=()
for module in "${modules[@]}"; do
  module=${module%/}
  if [ -d "$module" ]; then
    glob="$module/**/*.rs"
  elif [ -f "$module" ]; then
    glob=$module
  else
    echo "mutants.sh: $module: no such file or folder (skipped)" >&2
    continue
  fi
  out="target/mutants-out/$(echo "$module" | tr '/' '_')"
  rm -rf "$out/unit" "$out/full"
  mkdir -p "$out"
  start=$(date +%s)
  # Pass 1: the unit tests and the module's own files of tests/: a
  # rebuild of the library and a few links per mutant, no binary and
  # no golden file. Most mutants die here.
  select_tests "$module" unit
  echo "== $module, pass 1 (unit tests)" >&2
  mutants -f "$glob" --test-tool "$TOOL" "${TARGETS[@]}" -o "$out/unit" "${args[@]}"
  o1="$out/unit/mutants.out"
  # Pass 2: the survivors of pass 1 only, against every test that can
  # catch them (select_tests: the golden file among them).
  re=()
  while read -r name; do
    [ -n "$name" ] && re+=(--re "$(as_regex "$name")")
  done < <(cat "$o1/missed.txt" 2>/dev/null || true)
  o2=
  if [ ${#re[@]} -gt 0 ]; then
    select_tests "$module" full
    echo "== $module, pass 2 (the $(( ${#re[@]} / 2 )) survivors of pass 1, all their tests)" >&2
    mutants -f "$glob" "${re[@]}" --test-tool "$TOOL" "${TARGETS[@]}" -o "$out/full" "${args2[@]}"
    o2="$out/full/mutants.out"
  fi
  # cargo-mutants 27 adds its "delete field" mutants to pass 2 whatever
  # --re says: only the survivors of pass 1 count there.
  caught=$(( $(count "$o1/caught.txt") + $(among "$o1/missed.txt" "$o2/caught.txt" | grep -c . || true) ))
  timeout=$(( $(count "$o1/timeout.txt") + $(among "$o1/missed.txt" "$o2/timeout.txt" | grep -c . || true) ))
  unviable=$(count "$o1/unviable.txt")
  survivors=$(among "$o1/missed.txt" "$o2/missed.txt")
  missed=$(printf '%s' "$survivors" | grep -c . || true)
  viable=$((caught + missed + timeout))
  score=$(awk -v c=$((caught + timeout)) -v v=$viable \
    'BEGIN { if (v) printf "%.1f %%", 100 * c / v; else print "n/a" }')
  line="$module: $viable viable ($unviable unviable), $caught caught, $timeout timeouts, $missed missed: $score; $(( $(date +%s) - start )) s"
  summary+=("$line")
  echo "$line" >&2
  if [ "$missed" -gt 0 ]; then
    echo "missed:" >&2
    printf '%s\n' "$survivors" | sed 's/^/  /' >&2
  fi
done
printf '%s\n' "${summary[@]}"
