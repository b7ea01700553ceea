#!/usr/bin/env bash
# The faults of issue 15, tried on a billet binary as a user would; prints
# what each did (docs/integrity.md, "Before and after").
# Usage: scripts/integrity-faults.sh BILLET [WORKDIR]   (root for the tmpfs;
# strace for the injected I/O errors)
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
# sums DIR [NAME]: one hash of the files under DIR (billet's .billet/ and
# files named NAME aside).
sums() { (cd "$1" && find . -type f ! -path './.billet/*' ${2:+! -name "$2"} -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-12); }

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

echo "== billet export --out DIR (an analysis of ../shared/corpus): two at once, a full disk, Ctrl-C"
rm -rf ex exb; "$bin" analyze "$shared" --out ex --quiet 2>/dev/null
"$bin" export ex --format es-bulk --body > with-body.ndjson 2>/dev/null
"$bin" export ex --format es-bulk > without-body.ndjson 2>/dev/null
bulk() {  # which export DIR's bulk files are: with body, without, or a mix
  local got; got=$(cat "$1"/bulk-*.ndjson 2>/dev/null | sha256sum | cut -c1-12)
  if [ "$got" = "$(sha256sum < with-body.ndjson | cut -c1-12)" ]; then echo "the one with bodies"
  elif [ "$got" = "$(sha256sum < without-body.ndjson | cut -c1-12)" ]; then echo "the one without"
  else echo MIX; fi
}
"$bin" export ex --format es-bulk --out exb 2>/dev/null
"$bin" export ex --format es-bulk --body --out exb 2>exb.a & a=$!
sleep 0.05
"$bin" export ex --format es-bulk --out exb 2>exb.b; rb=$?
wait $a; ra=$?
echo "two exports 50 ms apart: exits $ra $rb; exb holds $(bulk exb); left over: $(leftovers exb)"
[ "$rb" -ne 0 ] && echo "   second said: $(tail -1 exb.b)"
[ "$ra" -ne 0 ] && echo "   first said: $(tail -1 exb.a)"
for ms in 0.03 0.08; do
  "$bin" export ex --format es-bulk --out exb 2>/dev/null; before=$(sums exb)
  "$bin" export ex --format es-bulk --body --out exb 2>int.err & p=$!
  sleep $ms; kill -INT $p; wait $p; r=$?
  same=$([ "$(sums exb)" = "$before" ] && echo "previous export byte-identical" || echo "holds $(bulk exb)")
  echo "SIGINT at ${ms}s: exit $r; $same; left over beside: $(find . -maxdepth 1 -name '.*billet*' | wc -l); said: $(tail -1 int.err)"
done
mkdir -p mnt
if mount -t tmpfs -o size=1m tmpfs mnt 2>/dev/null; then
  "$bin" analyze "$here/corpus" --out small-ex --quiet 2>/dev/null
  "$bin" export small-ex --format jsonl --out mnt/j 2>/dev/null; before=$(sums mnt/j)
  head -c $(( $(df -B1 --output=avail mnt | tail -1) - 8192 )) /dev/zero > mnt/filler 2>/dev/null
  "$bin" export small-ex --format jsonl --body --out mnt/j 2>full.err; r=$?
  same=$([ "$(sums mnt/j)" = "$before" ] && echo byte-identical || echo CHANGED)
  echo "disk full (1 MB tmpfs, 8 KB left): exit $r; previous export $same; left over: $(find mnt -maxdepth 1 -name '.*billet*' | wc -l)"
  echo "   message: $(tail -1 full.err)"
  umount mnt
else
  echo "disk full: skipped (cannot mount a tmpfs here: not root?)"
fi

echo "== I/O errors injected with strace into a rerun (corpus/'s output, rerun over rom1v)"
# strace -e inject makes the Nth call of a system call fail with an errno
# (or, for the swap, refuse RENAME_EXCHANGE with EINVAL: billet then takes
# its portable rename-aside path). "previous" = byte-identical to the
# output before the rerun; "new" = the rerun's whole output (as a clean
# run writes it, corpus.json's timings aside); "MIX" = anything else.
if command -v strace >/dev/null; then
  rm -rf ref; "$bin" analyze "$shared/rom1v" --out ref --quiet 2>/dev/null
  want=$(sums ref corpus.json)
  # One thread (--jobs 1): strace counts calls per thread, so the Nth
  # write is then always the same one.
  rm -rf count; "$bin" analyze "$here/corpus" --out count --quiet 2>/dev/null
  strace -f -qq -o count.trace -e trace=write "$bin" analyze "$shared/rom1v" --out count --quiet --jobs 1 2>/dev/null
  nw=$(grep 'write(' count.trace | grep -vc 'write(2,')
  # corpus.json is the last output file; the cache of issue 16 may follow
  # (its failure is a warning).
  nc=$(grep 'write(' count.trace | grep -v 'write(2,' | grep -n 'format_version' | tail -1 | cut -d: -f1)
  echo "(the rerun makes $nw write calls to its output folder when nothing fails; corpus.json is #$nc)"
  inject() {  # syscall, when, errno
    rm -rf eio; "$bin" analyze "$here/corpus" --out eio --quiet 2>/dev/null
    local before; before=$(sums eio)
    strace -f -qq -o eio.trace -e trace="$1" -e inject="$1:error=$3:when=$2" \
      "$bin" analyze "$shared/rom1v" --out eio --quiet --jobs 1 2>eio.err; local r=$?
    local hit; hit=$(grep -c INJECTED eio.trace)
    local now=MIX
    if [ "$(sums eio)" = "$before" ]; then now=previous
    elif [ "$(sums eio corpus.json)" = "$want" ]; then now=new; fi
    local left=$(( $(find . -maxdepth 1 -name '.eio.billet-*' | wc -l) + $(find eio -name '.billet-*.tmp' | wc -l) ))
    echo "$1 #$2 → $3: injected $hit; exit $r; output $now ($(lines eio) lines, $(files eio) files); left over: $left"
    if [ "$r" -ne 0 ]; then echo "   said: $(grep -v "^$" eio.err | tail -1)"
    elif grep -qE 'warning|cannot' eio.err; then echo "   warned: $(grep -E 'warning|cannot' eio.err | head -1)"; fi
  }
  for n in 1 $((nw / 4)) $((nw / 2)) $nc "$nw"; do inject write "$n" EIO; done
  for sc in fsync syncfs renameat2; do inject "$sc" 1 EIO; done
  inject write 1 ENOSPC
  inject renameat2 1 EINVAL
  strace -f -qq -o aside.trace -e trace=rename,renameat,renameat2 -e inject=renameat2:error=EINVAL \
    "$bin" analyze "$here/corpus" --out eio --quiet 2>/dev/null
  echo "   (with EXCHANGE refused the swap was: $(grep -oE 'rename(at2?)?\(' aside.trace | sort | uniq -c | tr -s ' ' | tr '\n' ';'))"
else
  echo "skipped: strace is not installed (apt-get install strace)"
fi
exit 0
