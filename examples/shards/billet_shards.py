#!/usr/bin/env python3
"""Deal a folder of posts into shards and gather the shards' outputs.

The shared half of billet's scale-out recipes (Spark, GNU parallel,
Kubernetes): they differ only in how they run `billet stats` and `billet
analyze --stats` on each shard. Python's standard library only.

Layout of a work folder (the same in every recipe):

    WORK/shards/part-00/…   the posts of shard 0, as symlinks that keep
                            their path relative to INPUT
    WORK/stats/part-00.stats      `billet stats WORK/shards/part-00`
    WORK/all.stats                `billet stats --merge` of them, in order
    WORK/out/part-00/             `billet analyze … --stats WORK/all.stats`
    WORK/shards.json              INPUT as given and the shard names

Dealing walks INPUT as billet does (each folder sorted by name, bytes
compared; hidden entries skipped; symlinks followed) and cuts the list
into contiguous runs of about equal bytes. Contiguous runs keep the
single run's input order across the shards, which `billet stats --merge`
needs so that ids made unique with `-2` and series without part numbers
come out as one run over INPUT would give them. A post keeps its path
relative to its shard's root, so its `source` and `id` are those of the
single run.

Gathering writes what one `billet analyze INPUT` writes:
- `articles/`: every shard's files (no name may come twice);
- `articles.jsonl`: the shards' lines merged by id;
- `series.json`: the whole corpus's, identical in every shard (checked);
- `errors.jsonl`: the shards' lines in shard order, their paths under
  WORK/shards/part-NN told as under INPUT;
- `corpus.json`: the counts that add up over shards (documents, words,
  boilerplate lines, ignored, skipped and failed files, bytes) summed,
  series and inputs as in a single run, timings of the whole job, and
  `shards`: each shard's own corpus.json. `distinct_stems` and
  `top_terms` do not add up over shards (a stem seen in two shards is
  one stem), so they are only in each shard's entry;
- any other file the shards write: copied when identical in every shard,
  else kept per shard under `shards/part-NN/` with a warning.
The result is assembled in WORK and renamed over OUT: OUT holds the
previous complete output or the new one, never a mix.

    billet_shards.py deal INPUT WORK --shards N   # prints the shard names
    billet_shards.py gather WORK OUT [--elapsed SECONDS]
"""

import argparse
import heapq
import json
import os
import shutil
import sys
import time

LAYOUT = "shards.json"


class ShardError(Exception):
    """Something the user must fix; the message says what."""


def walk(root, exclude=()):
    """Every file under `root` as (relative path, size), in billet's order.

    billet (walkdir) sorts each folder's entries by name, files and
    folders together, comparing bytes, and goes depth first; it skips
    names starting with "." below the root and follows symlinks, never
    around a loop. `exclude`: real paths of folders to leave out (the
    output and work folders when they sit inside INPUT)."""
    out = []
    exclude = {os.path.realpath(p) for p in exclude}

    def visit(folder, rel, ancestors):
        try:
            entries = sorted(os.scandir(folder), key=lambda e: os.fsencode(e.name))
        except OSError as e:
            raise ShardError(f"{folder}: cannot list: {e.strerror}") from e
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = os.path.join(folder, entry.name)
            sub = f"{rel}/{entry.name}" if rel else entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                real = os.path.realpath(path)
                if real in exclude or real in ancestors:
                    # billet reports a loop as an error of the single
                    # run; a shard cannot reproduce it, so say it here.
                    if real in ancestors:
                        print(f"billet-shards: {path}: symlink loop, not followed",
                              file=sys.stderr)
                    continue
                visit(path, sub, ancestors | {real})
            else:
                try:
                    size = entry.stat().st_size
                except OSError:
                    size = 0
                out.append((sub, size))

    visit(root, "", {os.path.realpath(root)})
    return out


def cut(files, shards):
    """Splits `files` into at most `shards` contiguous runs of about equal
    bytes, none empty. Returns the runs' lengths."""
    n = len(files)
    shards = max(1, min(shards, n))
    weights = [max(size, 1) for _, size in files]
    total = sum(weights)
    bounds, acc, i = [0], 0, 0
    for k in range(1, shards):
        # Run k starts at the first file past k/shards of the bytes, with
        # at least one file in each run before and after it.
        while i < n and (acc + weights[i]) * shards <= total * k:
            acc += weights[i]
            i += 1
        b = min(max(i, bounds[-1] + 1), n - (shards - k))
        while i < b:
            acc += weights[i]
            i += 1
        bounds.append(b)
    bounds.append(n)
    return [b - a for a, b in zip(bounds, bounds[1:])]


def shard_name(i):
    return f"part-{i:02d}"


def deal(input_dir, work, shards, exclude=()):
    """Deals the posts of `input_dir` into `work/shards/part-NN` (symlinks)
    and records the layout. Returns the shard names, in order."""
    if not os.path.isdir(input_dir):
        raise ShardError(f"{input_dir}: not a folder")
    if os.path.lexists(os.path.join(work, "shards")):
        raise ShardError(f"{work}: already holds shards; give a new work folder")
    files = walk(input_dir, exclude=tuple(exclude) + (work,))
    if not files:
        raise ShardError(f"{input_dir}: no file to analyse")
    names = []
    start = 0
    for i, n in enumerate(cut(files, shards)):
        name = shard_name(i)
        names.append(name)
        base = os.path.join(work, "shards", name)
        for rel, _ in files[start:start + n]:
            link = os.path.join(base, *rel.split("/"))
            os.makedirs(os.path.dirname(link), exist_ok=True)
            os.symlink(os.path.abspath(os.path.join(input_dir, *rel.split("/"))), link)
        start += n
    for sub in ("stats", "out"):
        os.makedirs(os.path.join(work, sub), exist_ok=True)
    with open(os.path.join(work, LAYOUT), "w", encoding="utf-8") as f:
        json.dump({"input": input_dir, "shards": names}, f)
    return names


def read_layout(work):
    try:
        with open(os.path.join(work, LAYOUT), encoding="utf-8") as f:
            layout = json.load(f)
    except OSError as e:
        raise ShardError(f"{work}: no {LAYOUT} (run `deal` first): {e.strerror}") from e
    return layout["input"], layout["shards"]


def check_out(out):
    """OUT may be missing, empty, or a previous billet output (replaced);
    anything else is the user's and is never touched."""
    if not os.path.lexists(out):
        return
    if not os.path.isdir(out) or os.path.islink(out):
        raise ShardError(f"{out}: exists and is not a folder")
    entries = os.listdir(out)
    if entries and "corpus.json" not in entries:
        raise ShardError(f"{out}: a folder that is not a billet output: not replaced")


def _id_of(line):
    return json.loads(line)["id"]


def _json_inner(text):
    """`text` as it appears inside a JSON string written by billet."""
    return json.dumps(text, ensure_ascii=False)[1:-1].encode("utf-8")


def _merge_corpus(reports, input_dir, elapsed):
    first = reports[0]
    merged = {}
    for key in first:
        if key in ("documents", "words", "ignored_files", "skipped_items",
                   "failed_files", "bytes"):
            merged[key] = sum(r[key] for r in reports)
        elif key == "corpus_documents" or key in ("distinct_stems", "top_terms"):
            continue
        elif key == "boilerplate":
            counts = {}
            for r in reports:
                for b in r["boilerplate"]:
                    counts[b["line"]] = counts.get(b["line"], 0) + b["count"]
            merged[key] = [{"line": line, "count": n} for line, n in
                           sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].encode()))]
        elif key == "failed":
            merged[key] = [s for r in reports for s in r["failed"]]
        elif key == "inputs":
            merged[key] = [os.path.realpath(input_dir)]
        elif key == "elapsed_seconds":
            merged[key] = round(elapsed, 3)
        elif key == "steps":
            merged[key] = {step: round(sum(r["steps"].get(step, 0) for r in reports), 3)
                           for step in first["steps"]}
        elif key == "mb_per_s":
            merged[key] = round(merged.get("bytes", 0) / 1e6 / elapsed, 2) if elapsed > 0 else 0.0
        else:
            # Whole-corpus values every shard reports alike (series).
            merged[key] = first[key]
    merged["shards"] = reports
    return merged


def gather(work, out, elapsed=None):
    """Gathers `work/out/part-NN` into `out` (see the module's doc)."""
    started = time.time()
    input_dir, names = read_layout(work)
    check_out(out)
    outs = [os.path.join(work, "out", n) for n in names]
    for o in outs:
        if not os.path.isfile(os.path.join(o, "corpus.json")):
            raise ShardError(f"{o}: no billet output (did `billet analyze` run on this shard?)")
    stage = os.path.join(work, "gathered")
    if os.path.lexists(stage):
        shutil.rmtree(stage)
    os.makedirs(os.path.join(stage, "articles"))

    # articles/: moved, not copied; a name twice means a broken deal.
    for o in outs:
        folder = os.path.join(o, "articles")
        for name in sorted(os.listdir(folder)):
            target = os.path.join(stage, "articles", name)
            if os.path.lexists(target):
                raise ShardError(f"articles/{name} written by two shards")
            os.rename(os.path.join(folder, name), target)

    # articles.jsonl: each shard's is sorted by id; merge them.
    files = [open(os.path.join(o, "articles.jsonl"), "rb") for o in outs]
    try:
        with open(os.path.join(stage, "articles.jsonl"), "wb") as f:
            f.writelines(heapq.merge(*files, key=_id_of))
    finally:
        for fh in files:
            fh.close()

    # errors.jsonl: billet prints each failed file's path as given; tell
    # it as under INPUT, the way one run over INPUT would.
    with open(os.path.join(stage, "errors.jsonl"), "wb") as f:
        for name, o in zip(names, outs):
            shard_root = _json_inner(os.path.join(work, "shards", name) + os.sep)
            as_input = _json_inner(os.path.join(input_dir, ""))
            with open(os.path.join(o, "errors.jsonl"), "rb") as errs:
                for line in errs:
                    f.write(line.replace(shard_root, as_input))

    reports = []
    for o in outs:
        with open(os.path.join(o, "corpus.json"), encoding="utf-8") as f:
            reports.append(json.load(f))
    total = elapsed if elapsed is not None else time.time() - started
    with open(os.path.join(stage, "corpus.json"), "w", encoding="utf-8") as f:
        json.dump(_merge_corpus(reports, input_dir, total), f, ensure_ascii=False, indent=2)

    # series.json and whatever else the shards write.
    handled = {"articles", "articles.jsonl", "errors.jsonl", "corpus.json"}
    others = sorted({e for o in outs for e in os.listdir(o)} - handled)
    for name in others:
        copies = []
        for o in outs:
            path = os.path.join(o, name)
            copies.append(open(path, "rb").read() if os.path.isfile(path) else None)
        if all(c is not None and c == copies[0] for c in copies):
            with open(os.path.join(stage, name), "wb") as f:
                f.write(copies[0])
        elif name == "series.json":
            raise ShardError("series.json differs between shards: were they analysed "
                             "with the same all.stats?")
        else:
            print(f"billet-shards: {name} differs between shards: kept per shard "
                  f"under shards/", file=sys.stderr)
            for shard, copy in zip(names, copies):
                if copy is not None:
                    os.makedirs(os.path.join(stage, "shards", shard), exist_ok=True)
                    with open(os.path.join(stage, "shards", shard, name), "wb") as f:
                        f.write(copy)

    # Into place: the old output aside, the new one in, the old one gone.
    old = None
    if os.path.lexists(out):
        old = os.path.join(work, "previous")
        os.rename(out, old)
    os.rename(stage, out)
    if old:
        shutil.rmtree(old)
    return reports


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("deal", help="deal INPUT's posts into WORK/shards/part-NN")
    d.add_argument("input")
    d.add_argument("work")
    d.add_argument("--shards", type=int, required=True)
    d.add_argument("--exclude", action="append", default=[],
                   help="a folder inside INPUT to leave out (the output folder)")
    g = sub.add_parser("gather", help="gather WORK/out/part-NN into OUT")
    g.add_argument("work")
    g.add_argument("out")
    g.add_argument("--elapsed", type=float, help="wall time of the whole job, for corpus.json")
    args = p.parse_args(argv)
    try:
        if args.cmd == "deal":
            if args.shards < 1:
                raise ShardError("--shards must be at least 1")
            for name in deal(args.input, args.work, args.shards, args.exclude):
                print(name)
        else:
            gather(args.work, args.out, args.elapsed)
    except ShardError as e:
        print(f"billet-shards: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
