#!/usr/bin/env bash
# The Kubernetes example (examples/k8s/), without a cluster: its YAML
# parses into the Jobs it should be, and the Jobs' own scripts, run here in
# order (each index of the Indexed Jobs), write the output of one `billet
# analyze` run. See .ci/k8s.py.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bin=$(ci_venv)
billet=$(ci_billet)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/data"
ci_tricky_input "$tmp/data/input"
status=0
"$billet" analyze "$tmp/data/input" --out "$tmp/single" --quiet 2>/dev/null || status=$?
[ "$status" -eq 1 ] || { ci_log "single run: exit $status, expected 1"; exit 1; }
"$bin/python" "$ci_root/.ci/k8s.py" "$billet" "$tmp"
# Fewer posts than the Jobs' 16 indexes: as many shards as posts.
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["shards"]))' \
  "$tmp/data/out/corpus.json")
python3 "$ci_root/.ci/same_output.py" "$tmp/single" "$tmp/data/out" --shards "$n"
ci_log "ok"
