#!/usr/bin/env bash
# The report (issue 18) in a real browser: Debian's chromium, headless,
# driven by playwright-core, with axe-core for contrast and keyboard checks
# (tests/browser/report.mjs says what is checked). Pages checked:
# - corpus/, in French (inside the output folder) and in English (beside it);
# - a corpus of hostile posts (markup and script in titles, tags, authors);
# - a generated corpus of about 5,000 posts (its data is compressed);
# - ../shared/corpus, when it is there (skipped, saying so, otherwise);
# - with BILLET_REPORT_LARGE=1, a generated corpus of 50,000 posts, timed.
# Screenshots go to $BILLET_SHOTS (default: a temporary folder, printed).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ci_apt chromium
node_major=$(node --version 2>/dev/null | sed 's/^v\([0-9]*\).*/\1/')
if [ -z "$node_major" ] || [ "$node_major" -lt 20 ]; then
  ci_apt nodejs npm
  node_major=$(node --version | sed 's/^v\([0-9]*\).*/\1/')
  [ "$node_major" -ge 20 ] || { ci_log "playwright-core needs Node.js 20 or later, found $(node --version)"; exit 1; }
fi
(cd "$ci_root/tests/browser" && npm ci --no-audit --no-fund --loglevel=error >&2)
billet=$(ci_billet)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
shots=${BILLET_SHOTS:-${CARGO_TARGET_DIR:-$ci_root/target}/report-shots}
cases=$tmp/cases.json

add_case() { # NAME HTML OUT [FLAGS as JSON members]
  local sep=','
  [ -s "$cases" ] || { echo '[' > "$cases"; sep=''; }
  printf '%s{"name":"%s","html":"%s","out":"%s"%s}\n' "$sep" "$1" "$2" "$3" "${4:+,$4}" >> "$cases"
}

# An analysis, then its report: REPORT NAME INPUT [report flags].
report() {
  local name=$1 input=$2
  shift 2
  local status=0
  "$billet" analyze "$input" --out "$tmp/$name" --quiet 2>/dev/null || status=$?
  [ "$status" -le 1 ] || { ci_log "$name: billet analyze exit $status"; exit 1; }
  "$billet" report "$tmp/$name" "$@"
}

report corpus "$ci_root/corpus"
add_case corpus "$tmp/corpus/report.html" "$tmp/corpus"
"$billet" report "$tmp/corpus" --lang en --html "$tmp/corpus-en.html"
add_case corpus-en "$tmp/corpus-en.html" "$tmp/corpus"

mkdir -p "$tmp/hostile-posts"
cat > "$tmp/hostile-posts/evil.md" <<'EOF'
---
title: "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\"> Pourquoi </script> ?"
author: "<b onmouseover=alert(1)>Mallory</b>"
date: 2024-02-03
tags: ["<img src=x onerror=alert(3)>", "sécurité", "\u2028</script><!--"]
---

Pourquoi écrire <script>alert(4)</script> dans un billet ? Parce que le rapport doit le montrer comme du texte.

Est-ce que le rapport tient bon ? Et vous, qu'en pensez-vous ? Avez-vous essayé ? Comment faites-vous ?
EOF
printf -- '---\ntitle: "{{script}} Un billet sans histoire, partie 1"\ndate: 2024-03-05\ntags: ["sécurité", "web"]\n---\n\nUn texte tranquille sur la sécurité du web. La sécurité du web compte.\n' \
  > "$tmp/hostile-posts/calme-1.md"
printf -- '---\ntitle: "{{script}} Un billet sans histoire, partie 3"\ndate: 2024-04-05\ntags: ["web"]\n---\n\nLa suite tranquille sur la sécurité du web. La suite au prochain billet !\n' \
  > "$tmp/hostile-posts/calme-3.md"
report hostile "$tmp/hostile-posts"
add_case hostile "$tmp/hostile/report.html" "$tmp/hostile" '"hostile":true'

python3 "$ci_root/benches/gen_corpus.py" "$tmp/gen-posts" 28 >&2
report generated "$tmp/gen-posts"
add_case generated "$tmp/generated/report.html" "$tmp/generated" '"timing":true'

shared=$ci_root/../shared/corpus
if [ -d "$shared" ]; then
  report shared "$shared"
  add_case shared "$tmp/shared/report.html" "$tmp/shared"
else
  ci_log "skipping ../shared/corpus: not found at $shared"
fi

if [ "${BILLET_REPORT_LARGE:-}" = 1 ]; then
  python3 "$ci_root/benches/gen_corpus.py" "$tmp/large-posts" 275 >&2
  report large "$tmp/large-posts"
  ci_log "50k report: $(stat -c %s "$tmp/large/report.html") bytes"
  add_case large "$tmp/large/report.html" "$tmp/large" '"timing":true'
fi
echo ']' >> "$cases"

SHOTS=$shots node "$ci_root/tests/browser/report.mjs" "$cases"
ci_log "screenshots in $shots"
