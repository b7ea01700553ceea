#!/usr/bin/env bash
# The faults of issue 15, tried on a billet binary as a user would; prints
# what each did (docs/integrity.md, "Before and after").
# Usage: scripts/integrity-faults.sh BILLET [WORKDIR]   (root for the tmpfs)
# Needs ../shared/corpus (skipped with a reason when absent) and corpus/.
set -u
set -m   # background jobs get SIGINT (non-interactive bash ignores it otherwise)
bin=$(realpath "$1")
work=${2:-$(mktemp -d)}
here=${BILLET_REPO:-$(cd "$(dirname "$0")/.." && pwd)}
shared=$here/../shared/corpus
[ -d "$shared" ] || { echo "skipped: $shared is absent"; exit 0; }
mkdir -p "$work"; cd "$work" || exit 2
lines() { if [ -f "$1/articles.jsonl" ]; then wc -l < "$1/articles.jsonl"; else echo -; fi; }
files() { if [ -d "$1/articles" ]; then find "$1/articles" -name '*.json' | wc -l; else echo -; fi; }
leftovers() { find "$1" "$(dirname "$1")" -maxdepth 3 \( -name '.*billet-*' -o -name '.index-tmp-*' -o -name 'staging-*' \) 2>/dev/null | grep -v "/.billet$" | wc -l; }
sums() { (cd "$1" && find . -type f ! -path './.billet/*' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-12); }

echo "== two analyze runs on one --out, 50 ms apart"
rm -rf two; "$bin" analyze "$shared" --out two --quiet 2>two.a & a=$!
sleep 0.05
"$bin" analyze "$shared/rom1v" "$shared/putaindecode" --out two --quiet 2>two.b; rb=$?
wait $a; ra=$?
echo "exits $ra $rb; articles.jsonl $(lines two) lines, articles/ $(files two) files"
echo "second run said: $(tail -1 two.b)"

echo "== disk full: 1 MB tmpfs, corpus/ then a rerun on nicolas-hoizey"
mkdir -p mnt
if mount -t tmpfs -o size=1m tmpfs mnt 2>/dev/null; then
  "$bin" analyze "$here/corpus" --out mnt/o --quiet 2>/dev/null
  before=$(sums mnt/o)
  "$bin" analyze "$shared/nicolas-hoizey" --out mnt/o --quiet 2>full.err; r=$?
  after=$(sums mnt/o)
  same=$([ "$before" = "$after" ] && echo byte-identical || echo CHANGED)
  echo "exit $r; previous output $same; articles.jsonl $(lines mnt/o) lines, articles/ $(files mnt/o) files; left over: $(leftovers mnt/o)"
  echo "message: $(tail -1 full.err)"
  umount mnt
else
  echo "skipped: cannot mount a tmpfs here (not root?)"
fi

echo "== rerun over a smaller input (corpus/ then rom1v)"
rm -rf small; "$bin" analyze "$here/corpus" --out small --quiet 2>/dev/null
"$bin" analyze "$shared/rom1v" --out small --quiet 2>/dev/null; r=$?
echo "exit $r; articles.jsonl $(lines small) lines, articles/ $(files small) files"

echo "== SIGINT during billet index, at 50/100/150 ms"
rm -rf ix; "$bin" analyze "$shared" --out ix --quiet 2>/dev/null
"$bin" index ix >/dev/null 2>&1
for ms in 0.05 0.10 0.15; do
  "$bin" index ix >/dev/null 2>int.err & p=$!
  sleep $ms; kill -INT $p; wait $p; r=$?
  echo "at ${ms}s: exit $r, $(tail -1 int.err); left over: $(leftovers ix/index)"
done
"$bin" search ix "rust" --limit 1 >/dev/null 2>&1 && echo "search after: ok" || echo "search after: FAILED"

echo "== search in a loop during 10 index rebuilds"
( for _ in $(seq 10); do "$bin" index ix >/dev/null 2>&1; done ) & builder=$!
n=0; failed=0
while kill -0 $builder 2>/dev/null; do
  n=$((n + 1))
  "$bin" search ix "rust" --limit 3 >/dev/null 2>search.err || { failed=$((failed + 1)); cp search.err search.lasterr; }
done
echo "$failed of $n searches failed"
[ "$failed" -gt 0 ] && echo "last error: $(tail -1 search.lasterr)"
exit 0
