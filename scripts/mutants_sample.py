#!/usr/bin/env python3
"""Grows a mutation sample without testing again what is known.

A sample is one round-robin shard of a module's mutants, listed by
`cargo mutants --list -f <glob> --shard 0/N --sharding round-robin`. When
the library's code is unchanged since an earlier run of scripts/mutants.sh
and only tests were added, a mutant that run caught (or timed out on, or
found unviable) still is: only the others need testing again.

  scripts/mutants_sample.py select LIST OLD... > regexes
      one --re pattern a line: the mutants of LIST no OLD run settled
  scripts/mutants_sample.py tally LIST OLD... NEW
      the score of the sample LIST, outcomes from OLD runs and NEW

OLD and NEW are folders target/mutants-out/<module> of scripts/mutants.sh
(unit/ and full/ hold the two passes' outcome lists). See docs/mutants.md.
"""
import math
import re
import sys


def lines(path):
    try:
        with open(path, encoding="utf-8") as f:
            return {line.rstrip("\n") for line in f if line.strip()}
    except FileNotFoundError:
        return set()


def outcomes(folder):
    """Mutant name → caught, timeout, missed or unviable, over both
    passes (a survivor of pass 1 takes its outcome from pass 2)."""
    unit, full = folder + "/unit/mutants.out", folder + "/full/mutants.out"
    out = {}
    for kind in ("unviable", "caught", "timeout"):
        for name in lines(f"{unit}/{kind}.txt"):
            out[name] = kind
    caught2, timeout2 = lines(f"{full}/caught.txt"), lines(f"{full}/timeout.txt")
    for name in lines(f"{unit}/missed.txt"):
        out[name] = (
            "caught" if name in caught2 else "timeout" if name in timeout2 else "missed"
        )
    return out


def as_regex(name):
    """The name as a --re pattern that matches it alone, without spaces
    (scripts/mutants.sh splits MUTANTS_ARGS on them)."""
    escaped = re.sub(r"([\]\[\\.+*?(){}|^$])", r"\\\1", name)
    return "^" + escaped.replace(" ", r"\s") + "$"


def wilson(k, n, z=1.96):
    p = k / n
    d = 1 + z * z / n
    c = p + z * z / (2 * n)
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return 100 * (c - h) / d, 100 * (c + h) / d


def main():
    if len(sys.argv) < 4 or sys.argv[1] not in ("select", "tally"):
        sys.exit(__doc__)
    cmd, listing, *folders = sys.argv[1:]
    sample = sorted(lines(listing))
    if cmd == "select":
        settled = {}
        for folder in folders:
            settled.update(outcomes(folder))
        for name in sample:
            if settled.get(name) not in ("caught", "timeout", "unviable"):
                print(as_regex(name))
        return
    known = {}
    for folder in folders[:-1]:
        known.update((n, o) for n, o in outcomes(folder).items() if o != "missed")
    new = outcomes(folders[-1])
    result = {n: known.get(n) or new.get(n, "untested") for n in sample}
    count = {k: list(result.values()).count(k)
             for k in ("caught", "timeout", "missed", "unviable", "untested")}
    viable = count["caught"] + count["timeout"] + count["missed"]
    killed = count["caught"] + count["timeout"]
    score = "n/a"
    if viable:
        low, high = wilson(killed, viable)
        score = f"{100 * killed / viable:.1f} % [{low:.0f}–{high:.0f}]"
    print(f"{len(sample)} mutants: {viable} viable, {count['caught']} caught, "
          f"{count['timeout']} timeouts, {count['missed']} missed, "
          f"{count['unviable']} unviable, {count['untested']} untested: {score}")
    for name in sorted(n for n, o in result.items() if o in ("missed", "untested")):
        print(f"  {result[name]}: {name}")


if __name__ == "__main__":
    main()
