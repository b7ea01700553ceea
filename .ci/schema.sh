#!/usr/bin/env bash
# JSON Schema, for real: what `billet analyze` writes for our corpus, for
# an input with failures, duplicate ids and a series (ci_tricky_input),
# and for ../shared/corpus when it is there, validated against the
# shipped schema/ files by Python's jsonschema (.ci/schema_check.py);
# tests/schema.rs keeps those files equal to what the types give.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
venv=$(ci_venv)
billet=$(ci_billet)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$billet" analyze "$ci_root/corpus" --out "$tmp/corpus-out" --quiet 2>/dev/null
ci_tricky_input "$tmp/tricky"
# Some inputs fail on purpose: exit 1 is expected.
"$billet" analyze "$tmp/tricky" --out "$tmp/tricky-out" --quiet 2>/dev/null \
  || [ $? -eq 1 ]
outs=("$tmp/corpus-out" "$tmp/tricky-out")
shared=$ci_root/../shared/corpus
if [ -d "$shared" ]; then
  "$billet" analyze "$shared" --out "$tmp/shared-out" --quiet 2>/dev/null \
    || [ $? -eq 1 ]
  outs+=("$tmp/shared-out")
else
  ci_log "skipping ../shared/corpus: not found next to the project"
fi
"$venv/python" "$ci_root/.ci/schema_check.py" "$ci_root/schema" "${outs[@]}"
ci_log "ok"
