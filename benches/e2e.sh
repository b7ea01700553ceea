#!/usr/bin/env bash
# End to end: `billet analyze` on whole folders beside two peers, in one
# run (issue 16). Builds the release binary and the peers
# (examples/peers.rs), writes every input and output on tmpfs, runs each
# command in turn (interleaved, so that a slow moment of a shared machine
# hits all of them alike) and prints the medians in MB/s with the ratios.
#
#   benches/e2e.sh [--shared] [--scale] [--memory MB] [--incremental]
#                  [--runs N] [--copies K] [--no-peers]
#
#   --shared        (the default when no other part is named)
#                   ../shared/corpus copied K times (10): billet --jobs 1
#                   and --jobs 2, the tantivy peer, the naive loop.
#   --scale         benches/gen_corpus.py at 20 MB and 200 MB: the same
#                   four commands, and what 10x the input costs in time.
#   --memory MB     a generated corpus of MB (1000 for the issue's 1 GB):
#                   billet --jobs 2 once, peak RSS (/usr/bin/time -v).
#   --incremental   the copied corpus analysed (no cache), analysed again
#                   unchanged, then again after 1 % of its posts were
#                   edited, added or removed (--jobs 1, same --out): the
#                   reruns' times, and their output compared with a
#                   --no-cache run's (timed too).
#
# E2E_DIR (default /dev/shm/billet-e2e) holds the inputs and outputs; it
# is removed at the end unless E2E_KEEP=1. SHARED_CORPUS defaults to
# ../shared/corpus. Run it on a quiet machine: the figures are wall
# clock. docs/performance/end-to-end.md says what the peers do and do not
# do; docs/performance.md, how the figures stand against the targets.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

RUNS=5
COPIES=10
SHARED_PART=0
SCALE=0
INCREMENTAL=0
MEMORY=""
PEERS=1
while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=$2; shift 2 ;;
        --copies) COPIES=$2; shift 2 ;;
        --shared) SHARED_PART=1; shift ;;
        --scale) SCALE=1; shift ;;
        --incremental) INCREMENTAL=1; shift ;;
        --memory) MEMORY=$2; shift 2 ;;
        --no-peers) PEERS=0; shift ;;
        -h | --help) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "e2e.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

if [ "$SCALE$INCREMENTAL" = 00 ] && [ -z "$MEMORY" ]; then
    SHARED_PART=1
fi

WORK=${E2E_DIR:-/dev/shm/billet-e2e}
SHARED=${SHARED_CORPUS:-$ROOT/../shared/corpus}
mkdir -p "$WORK"
if [ "${E2E_KEEP:-0}" != 1 ]; then
    trap 'rm -rf "$WORK"' EXIT
fi

# Two builds: the billet binary exactly as `cargo build --release` makes
# it, and the peers (which need the dev-dependencies' tantivy features).
cargo build --release --quiet --bin billet
cargo build --release --quiet --example peers
BILLET=$ROOT/target/release/billet
PEER=$ROOT/target/release/examples/peers

echo "# billet end to end, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (modified)')," \
    "$(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
    "$(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
echo "inputs and outputs in $WORK ($(stat -f -c %T "$WORK")); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$RUNS runs of each command, interleaved; medians"
echo

# run LABEL CMD...: runs CMD once, appends "LABEL seconds peak_kB" to
# $TIMES. Output folders are removed before, outside the timing.
run() {
    local label=$1
    shift
    rm -rf "$WORK/out"
    local t0 t1
    t0=$(date +%s%N)
    if ! /usr/bin/time -f '%M' -o "$WORK/rss" "$@" >"$WORK/stdout" 2>"$WORK/stderr"; then
        echo "e2e.sh: failed: $*" >&2
        cat "$WORK/stderr" >&2
        exit 1
    fi
    t1=$(date +%s%N)
    echo "$label $(((t1 - t0) / 1000)) $(cat "$WORK/rss")" >>"$TIMES"
    # billet's own steps (corpus.json), to see which one scales how.
    if [ -f "$WORK/out/corpus.json" ]; then
        python3 -c 'import json, sys; s = json.load(open(sys.argv[2]))["steps"]
print(sys.argv[1], " ".join(f"{k}={v}" for k, v in s.items()))' \
            "$label" "$WORK/out/corpus.json" >>"$TIMES.steps"
    fi
}

# bench NAME DIR: the four commands on DIR, interleaved, then the table
# row of NAME.
bench() {
    local name=$1 dir=$2
    TIMES=$WORK/times-$(echo "$name" | tr -c 'A-Za-z0-9\n' '-')
    : >"$TIMES"
    : >"$TIMES.steps"
    local commands=(billet-j1 billet-j2)
    if [ "$PEERS" = 1 ]; then
        commands+=(tantivy naive)
    fi
    local n=${#commands[@]}
    # The order turns by one each round, so that no command always runs
    # right after the same one: on this VM a run right after the naive
    # loop (which allocates and frees the most) was ~0.2 s slower than
    # after any other (measured 2026-12-05 on billet --jobs 1).
    for r in $(seq 0 $((RUNS - 1))); do
        for i in $(seq 0 $((n - 1))); do
            case ${commands[$(((i + r) % n))]} in
                billet-j1) run billet-j1 "$BILLET" analyze "$dir" --out "$WORK/out" --quiet --jobs 1 ;;
                billet-j2) run billet-j2 "$BILLET" analyze "$dir" --out "$WORK/out" --quiet --jobs 2 ;;
                tantivy) run tantivy "$PEER" tantivy "$dir" ;;
                naive) run naive "$PEER" naive "$dir" ;;
            esac
        done
    done
    # The bytes billet read, which the peers read too.
    rm -rf "$WORK/out"
    "$BILLET" analyze "$dir" --out "$WORK/out" --quiet --jobs 2 2>/dev/null
    python3 - "$name" "$TIMES" "$WORK/out/corpus.json" <<'EOF'
import json, statistics, sys
name, times, corpus = sys.argv[1:4]
report = json.load(open(corpus))
mb = report["bytes"] / 1e6
runs = {}
for line in open(times):
    label, us, rss = line.split()
    runs.setdefault(label, []).append((int(us) / 1e6, int(rss) / 1024))
med = {k: statistics.median(s for s, _ in v) for k, v in runs.items()}
rss = {k: max(r for _, r in v) for k, v in runs.items()}
def cell(k):
    return f"{mb / med[k]:.1f} MB/s ({med[k]:.2f} s)" if k in med else "—"
def ratio(a, b):
    return f"{med[b] / med[a]:.2f}×" if a in med and b in med else "—"
print(f"{name}: {mb:.1f} MB, {report['documents']} articles")
print("| billet --jobs 1 | billet --jobs 2 | tantivy peer | naive loop"
      " | j1 ÷ tantivy | j1 ÷ naive | j2 ÷ j1 |")
print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
print(f"| {cell('billet-j1')} | {cell('billet-j2')} | {cell('tantivy')}"
      f" | {cell('naive')} | {ratio('billet-j1', 'tantivy')}"
      f" | {ratio('billet-j1', 'naive')} | {ratio('billet-j2', 'billet-j1')} |")
print("peak RSS: " + ", ".join(f"{k} {v:.0f} MB" for k, v in rss.items()))
# Each step of billet's runs (corpus.json's "steps", seconds), medians:
# where --jobs 2 gains less than the whole.
steps = {}
for line in open(times + ".steps"):
    label, *pairs = line.split()
    for pair in pairs:
        step, seconds = pair.split("=")
        steps.setdefault(step, {}).setdefault(label, []).append(float(seconds))
if steps:
    def gain(v):
        if "billet-j1" in v and "billet-j2" in v:
            j1, j2 = (statistics.median(v[k]) for k in ("billet-j1", "billet-j2"))
            return f"{j1:.3f} / {j2:.3f} s ({j1 / j2:.2f}×)" if j2 > 0 else ""
        return " ".join(f"{k} {statistics.median(s):.3f} s" for k, s in v.items())
    print("steps, --jobs 1 / --jobs 2: " + "; ".join(
        f"{step} {gain(v)}" for step, v in steps.items()))
print("all runs (s): " + "; ".join(
    f"{k} " + " ".join(f"{s:.2f}" for s, _ in v) for k, v in runs.items()))
# For --scale: "name seconds_j1 seconds_j2".
with open(times + ".med", "w") as f:
    f.write(f"{med.get('billet-j1', 0)} {med.get('billet-j2', 0)}\n")
EOF
    echo
}

# The real posts, copied K times (each copy its own folder).
copies() {
    local dir=$WORK/shared-x$COPIES
    if [ ! -d "$dir" ]; then
        for k in $(seq "$COPIES"); do
            mkdir -p "$dir/copy-$k"
            cp -r "$SHARED"/. "$dir/copy-$k/"
        done
        chmod -R u+w "$dir"
    fi
    echo "$dir"
}

if [ "$SHARED_PART$INCREMENTAL" != 00 ] && [ ! -d "$SHARED" ]; then
    echo "skipped ../shared/corpus x$COPIES: $SHARED is absent"
    SHARED_PART=0
    INCREMENTAL=0
fi
if [ "$SHARED_PART" = 1 ]; then
    bench "../shared/corpus x$COPIES" "$(copies)"
fi

if [ "$SCALE" = 1 ]; then
    python3 benches/gen_corpus.py "$WORK/g20" 20 >/dev/null
    python3 benches/gen_corpus.py "$WORK/g200" 200 >/dev/null
    bench "generated 20 MB" "$WORK/g20"
    bench "generated 200 MB" "$WORK/g200"
    read -r a1 a2 <"$WORK/times-generated-20-MB.med"
    read -r b1 b2 <"$WORK/times-generated-200-MB.med"
    python3 -c "import sys; a1, a2, b1, b2 = map(float, sys.argv[1:]);
print(f'10x the input (20 -> 200 MB): {b1 / a1:.2f}x the time at --jobs 1, {b2 / a2:.2f}x at --jobs 2')" \
        "$a1" "$a2" "$b1" "$b2"
    rm -rf "$WORK/g20" "$WORK/g200"
    echo
fi

if [ -n "$MEMORY" ]; then
    python3 benches/gen_corpus.py "$WORK/g$MEMORY" "$MEMORY" >/dev/null
    rm -rf "$WORK/out"
    /usr/bin/time -v "$BILLET" analyze "$WORK/g$MEMORY" --out "$WORK/out" --quiet --jobs 2 2>"$WORK/time-v"
    python3 - "$MEMORY" "$WORK/time-v" "$WORK/out/corpus.json" <<'EOF'
import json, sys
size, timev, corpus = sys.argv[1:4]
fields = dict(l.strip().split(": ", 1) for l in open(timev) if ": " in l)
report = json.load(open(corpus))
rss = int(fields["Maximum resident set size (kbytes)"]) / 1024
print(f"generated {size} MB ({report['bytes'] / 1e6:.0f} MB, {report['documents']} articles), --jobs 2:"
      f" peak RSS {rss:.0f} MB, {report['elapsed_seconds']:.1f} s ({report['mb_per_s']} MB/s),"
      f" steps {report['steps']}")
EOF
    rm -rf "$WORK/g$MEMORY" "$WORK/out"
    echo
fi

# Outputs of two runs, byte for byte, but the cache and corpus.json's
# timings.
same_output() {
    python3 - "$1" "$2" <<'EOF'
import json, os, sys
def files(root):
    out = {}
    for d, dirs, names in os.walk(root):
        dirs[:] = [x for x in dirs if x != ".billet"]
        for n in names:
            p = os.path.join(d, n)
            data = open(p, "rb").read()
            if os.path.relpath(p, root) == "corpus.json":
                j = json.loads(data)
                for k in ("elapsed_seconds", "mb_per_s", "steps"):
                    j.pop(k, None)
                data = json.dumps(j, sort_keys=True).encode()
            out[os.path.relpath(p, root)] = data
    return out
a, b = files(sys.argv[1]), files(sys.argv[2])
bad = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
print("identical" if not bad else f"DIFFERENT: {len(bad)} files, e.g. {bad[:3]}")
EOF
}

# timed LABEL CMD...: runs CMD once (output folders kept), appends
# "LABEL microseconds 0" to $TIMES.
timed() {
    local label=$1 t0 t1
    shift
    t0=$(date +%s%N)
    if ! "$@" >/dev/null 2>"$WORK/stderr"; then
        cat "$WORK/stderr" >&2
        exit 1
    fi
    t1=$(date +%s%N)
    echo "$label $(((t1 - t0) / 1000)) 0" >>"$TIMES"
}

if [ "$INCREMENTAL" = 1 ]; then
    TIMES=$WORK/times-incremental
    : >"$TIMES"
    src=$(copies)
    for r in $(seq "$RUNS"); do
        rm -rf "$WORK/in" "$WORK/rerun"
        cp -r "$src" "$WORK/in"
        timed first "$BILLET" analyze "$WORK/in" --out "$WORK/rerun" --quiet --jobs 1
        timed unchanged "$BILLET" analyze "$WORK/in" --out "$WORK/rerun" --quiet --jobs 1
        # 1 % of the posts: a third edited, a third copied under a new
        # name, a third removed (the same ones on every run).
        python3 - "$WORK/in" <<'EOF'
import os, random, sys
root = sys.argv[1]
rng = random.Random(16)
posts = sorted(os.path.join(d, n) for d, _, ns in os.walk(root) for n in ns
               if n.endswith((".md", ".markdown", ".txt", ".html", ".htm")))
k = max(3, len(posts) // 100)
picked = rng.sample(posts, k)
third = k // 3
for p in picked[:third]:
    with open(p, "a", encoding="utf-8") as f:
        f.write("\n\nUn paragraphe ajouté pour la relance.\n")
for i, p in enumerate(picked[third:2 * third]):
    base, ext = os.path.splitext(p)
    with open(p, "rb") as f, open(f"{base}-copie-{i}{ext}", "wb") as g:
        g.write(f.read().replace(b"e", "é".encode(), 3))
for p in picked[2 * third:]:
    os.remove(p)
EOF
        timed edited "$BILLET" analyze "$WORK/in" --out "$WORK/rerun" --quiet --jobs 1
        rm -rf "$WORK/fresh"
        timed fresh "$BILLET" analyze "$WORK/in" --out "$WORK/fresh" --quiet --jobs 1 --no-cache
        if [ "$r" = 1 ]; then
            echo "rerun after 1 % of posts edited, added, removed vs a --no-cache run: $(same_output "$WORK/rerun" "$WORK/fresh")"
        fi
    done
    python3 - "$TIMES" <<'EOF'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    label, us, _ = line.split()
    runs.setdefault(label, []).append(int(us) / 1e6)
med = {k: statistics.median(v) for k, v in runs.items()}
print(f"incremental, --jobs 1: first run {med['first']:.2f} s;"
      f" rerun unchanged {med['unchanged']:.2f} s"
      f" ({med['first'] / med['unchanged']:.2f}x faster);"
      f" rerun after 1 % changed {med['edited']:.2f} s"
      f" ({med['first'] / med['edited']:.2f}x faster; a fresh --no-cache"
      f" run on the changed input {med['fresh']:.2f} s)")
print("all runs (s): " + "; ".join(
    f"{k} " + " ".join(f"{s:.2f}" for s in v) for k, v in runs.items()))
EOF
    rm -rf "$WORK/in" "$WORK/rerun" "$WORK/fresh"
fi
