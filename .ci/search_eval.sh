#!/usr/bin/env bash
# Known-item search (issue 20), for real: scripts/search_eval.py runs the
# queries `billet eval-search` builds from titles (as written, without
# accents, with a typo, by rarest words) with billet and with Pagefind
# (PyPI pagefind + pagefind-bin, its own pagefind.js in Debian's headless
# Chromium), on corpus/ and on each blog of ../shared/corpus when it is
# there (skipped, saying so, otherwise), and fails unless billet reaches
# the issue's targets on every one.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ci_apt chromium
# A venv of its own holding .ci/requirements-search.txt, rebuilt only when
# they change.
venv=$ci_cache/venv-search
req=$ci_root/.ci/requirements-search.txt
if ! cmp -s "$req" "$venv/requirements.txt" 2>/dev/null; then
  ci_log "creating $venv (pip install -r .ci/requirements-search.txt)"
  rm -rf "$venv"
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$req" >&2
  cp "$req" "$venv/requirements.txt"
fi
billet=$(ci_billet)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
blogs=("$ci_root/corpus")
shared=$ci_root/../shared/corpus
if [ -d "$shared" ]; then
  for blog in "$shared"/*/; do
    [ "$(basename "$blog")" = LICENSES ] || blogs+=("${blog%/}")
  done
else
  ci_log "skipping ../shared/corpus: $shared not found"
fi
python3 "$ci_root/scripts/search_eval.py" --billet "$billet" \
  --python "$venv/bin/python" --work "$tmp" --check "${blogs[@]}"
ci_log "ok"
