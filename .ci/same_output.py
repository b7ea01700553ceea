#!/usr/bin/env python3
"""Checks that a gathered sharded output equals one `billet analyze` run.

    same_output.py SINGLE GATHERED --shards N

Every file but corpus.json must be byte-identical (articles/*.json,
articles.jsonl, series.json, errors.jsonl, and whatever else billet
writes). corpus.json holds timings, and two figures that do not add up over
shards (distinct_stems, top_terms: see examples/shards/billet_shards.py):
every other field must be equal, and `shards` must list N shards whose
documents add up to the single run's. Exit 1, saying what differs."""
import argparse
import json
import os
import sys

NOT_ADDITIVE = {"distinct_stems", "top_terms"}
TIMINGS = {"elapsed_seconds", "steps", "mb_per_s"}


def files(root):
    out = set()
    for folder, dirs, names in os.walk(root):
        # .billet/ is billet's own state (lock marker, cache), not output.
        if folder == root and ".billet" in dirs:
            dirs.remove(".billet")
        for name in names:
            out.add(os.path.relpath(os.path.join(folder, name), root))
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("single")
    p.add_argument("gathered")
    p.add_argument("--shards", type=int, required=True)
    a = p.parse_args()
    problems = []
    left, right = files(a.single), files(a.gathered)
    for name in sorted(left ^ right):
        side = "single run" if name in left else "gathered output"
        problems.append(f"{name}: only in the {side}")
    same = 0
    for name in sorted(left & right):
        if name == "corpus.json":
            continue
        with open(os.path.join(a.single, name), "rb") as f1, \
                open(os.path.join(a.gathered, name), "rb") as f2:
            if f1.read() != f2.read():
                problems.append(f"{name}: differs")
            else:
                same += 1
    with open(os.path.join(a.single, "corpus.json"), encoding="utf-8") as f:
        single = json.load(f)
    with open(os.path.join(a.gathered, "corpus.json"), encoding="utf-8") as f:
        gathered = json.load(f)
    for key, value in single.items():
        if key in NOT_ADDITIVE | TIMINGS:
            continue
        if gathered.get(key) != value:
            problems.append(f"corpus.json {key}: {gathered.get(key)!r} != {value!r}")
    shards = gathered.get("shards", [])
    if len(shards) != a.shards:
        problems.append(f"corpus.json: {len(shards)} shards, expected {a.shards}")
    if sum(s["documents"] for s in shards) != single["documents"]:
        problems.append("corpus.json: the shards' documents do not add up")
    if problems:
        print("gathered output differs from the single run:", file=sys.stderr)
        for line in problems:
            print(f"  {line}", file=sys.stderr)
        return 1
    print(f"same output: {same} files byte-identical, corpus.json equal but for "
          f"timings; {len(shards)} shards", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
