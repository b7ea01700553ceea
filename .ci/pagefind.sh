#!/usr/bin/env bash
# Pagefind, for real: billet built with its `pagefind` feature writes a
# bundle for our corpus with Pagefind's own indexer, and that bundle's
# pagefind.js, served on 127.0.0.1, answers French searches in Debian's
# headless Chromium (.ci/pagefind_check.py says which).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ci_apt chromium
billet=$(ci_billet)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$billet" analyze "$ci_root/corpus" --out "$tmp/out" --quiet 2>/dev/null
"$billet" export "$tmp/out" --format pagefind --out "$tmp/site/pagefind" \
  --url '/{source}/'
python3 "$ci_root/.ci/pagefind_check.py" "$tmp/site/pagefind" "$tmp/out"
# Built again over the first: the folder is replaced, not mixed.
"$billet" export "$tmp/out" --format pagefind --out "$tmp/site/pagefind" 2>/dev/null
python3 "$ci_root/.ci/pagefind_check.py" "$tmp/site/pagefind" "$tmp/out" 2>/dev/null
ci_log "ok"
