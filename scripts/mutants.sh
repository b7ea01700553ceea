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
# edited meanwhile. Results: target/mutants-out/<module>/mutants.out/
# (caught.txt, missed.txt, timeout.txt, unviable.txt).
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
# targets alone, less the slow tests by name in every target.
SKIP=(--skip flat_yaml_matches_serde_on_random --skip malformed_html_never_panics
      --skip whole_word_containment_matches_the_oracle --skip interrupt_stops_cleanly
      --skip shared_corpus --skip output_is_identical_whatever_the_number_of_jobs
      --skip kill_9)

# Sets TOOL, TARGETS (cargo target flags) and FILTER (a nextest
# filterset, or `cargo test` skips) for the mutants of $1.
select_tests() {
  TOOL=${MUTANTS_TEST_TOOL:-nextest}
  local lib="kind(lib) - ($SLOW_LIB)" extra
  case "$1" in
    src/tokenize*|src/normalize*|src/sentence*|src/stem*|src/terms*)
      extra=(apostrophes props cli) ;;
    src/sections*)
      extra=(html_furniture corpus_pass structure cli) ;;
    src/source/html*)
      lib="kind(lib)"; extra=(html_furniture structure) ;;
    src/source*|src/meta*)
      lib="kind(lib)"; extra=(structure robustness cli) ;;
    src/series*)
      extra=(corpus_pass structure cli) ;;
    src/corpus*)
      lib="kind(lib)"; extra=(corpus_pass cli) ;;
    src/questions*)
      extra=(questions question_forms cli) ;;
    src/search*)
      # One index for all the tests of tests/search.rs is built per
      # process: cargo test runs them in one.
      TOOL=cargo; TARGETS=(-C --lib -C --test=search); FILTER=("${SKIP[@]}"); return ;;
    src/shard*)
      extra=(shards cli) ;;
    *)
      extra=(ids corpus_pass cli) ;;
  esac
  TARGETS=(-C --lib)
  for t in "${extra[@]}"; do TARGETS+=(-C "--test=$t"); done
  if [ "$TOOL" = cargo ]; then
    FILTER=("${SKIP[@]}")
    return
  fi
  local expr="($lib)"
  for t in "${extra[@]}"; do
    case "$t" in
      cli) expr+=" | ($CLI)" ;;
      robustness) expr+=" | (binary(robustness) - test(/kill_9/))" ;;
      *) expr+=" | binary($t)" ;;
    esac
  done
  FILTER=(-E "$expr")
}

# Counts the lines of an outcome list (0 when absent).
count() { if [ -f "$1" ]; then grep -c . "$1" || true; else echo 0; fi; }

modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=("${DEFAULT[@]}")
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
  select_tests "$module"
  out="target/mutants-out/$(echo "$module" | tr '/' '_')"
  mkdir -p "$out"
  flags=(-f "$glob" --test-tool "$TOOL" "${TARGETS[@]}" -o "$out")
  [ -n "${MUTANTS_IN_PLACE:-}" ] && flags+=(--in-place)
  # shellcheck disable=SC2206 # MUTANTS_ARGS is split on purpose.
  [ -n "${MUTANTS_ARGS:-}" ] && flags+=(${MUTANTS_ARGS})
  echo "== $module: cargo mutants ${flags[*]} -- ${FILTER[*]}" >&2
  start=$(date +%s)
  # Exit 2 means mutants were missed: reported below, not an error here.
  status=0
  nice -n 10 cargo mutants "${flags[@]}" -- "${FILTER[@]}" || status=$?
  if [ "$status" -ne 0 ] && [ "$status" -ne 2 ] && [ "$status" -ne 3 ]; then
    echo "mutants.sh: cargo mutants failed on $module (exit $status)" >&2
    exit "$status"
  fi
  o="$out/mutants.out"
  caught=$(count "$o/caught.txt"); missed=$(count "$o/missed.txt")
  timeout=$(count "$o/timeout.txt"); unviable=$(count "$o/unviable.txt")
  viable=$((caught + missed + timeout))
  score=$(awk -v c=$((caught + timeout)) -v v=$viable \
    'BEGIN { if (v) printf "%.1f %%", 100 * c / v; else print "n/a" }')
  line="$module: $viable viable ($unviable unviable), $caught caught, $timeout timeouts, $missed missed: $score; $(( $(date +%s) - start )) s"
  summary+=("$line")
  echo "$line" >&2
  if [ "$missed" -gt 0 ]; then
    echo "missed:" >&2
    sed 's/^/  /' "$o/missed.txt" >&2
  fi
done
printf '%s\n' "${summary[@]}"
