"""billet on Spark: one run over INPUT, scored across shards.

    spark-submit examples/spark/billet_spark.py [--billet PATH] [--shards N]
        [--work DIR] [--top N] [--stopwords FILE] INPUT OUT

1. deals INPUT's posts into N shards (WORK/shards/part-NN, symlinks; see
   examples/shards/billet_shards.py for the layout);
2. runs `billet stats` on each shard, one Spark task per shard;
3. merges the counts on the driver (`billet stats --merge`, shard order);
4. runs `billet analyze SHARD --stats all.stats` on each shard;
5. gathers the shards' outputs into OUT: the same articles, articles.jsonl,
   series.json and errors.jsonl as one `billet analyze INPUT --out OUT`,
   and a corpus.json of the whole corpus (see billet_shards.py).

Any failing step fails the job, loudly: billet's own message (in the task's
stderr: the console in local mode, the executor's log on a cluster), a line
"billet-spark: FAILED: …" naming the step and shard, exit status 2, and OUT
untouched. (spark-submit prints the driver's stderr on its stdout.) Exit 1
when some posts could not be read (as `billet analyze` does: the rest is
written and errors.jsonl lists them); 0 otherwise.

INPUT, OUT, WORK and billet itself must be at the same paths on the driver
and on every executor (local mode; or shared storage such as NFS, and billet
installed on each node or shipped with `--files` and named with --billet
./billet). WORK defaults to a new folder beside OUT, removed after success
and kept (with its path printed) after a failure.

Two details of `RDD.pipe` this script takes care of: it starts its command
with an empty environment, so billet is called by its absolute path with
PATH set; and it ignores the command's exit status unless checkCode=True.
Each billet gets `--jobs` = `spark.task.cpus` (default 1) threads, so that
Spark's scheduling of tasks on cores holds.
"""

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

# billet_shards.py: beside this file in the repository (examples/shards/),
# or shipped next to it with `spark-submit --py-files`.
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "shards"))
import billet_shards  # noqa: E402

# Runs one billet step for each shard name read on stdin; prints
# "NAME<TAB>STATUS" per shard. billet's status 1 (some posts unreadable,
# the rest written) is passed on; any other failure stops the task with
# billet's status, which checkCode turns into a failed Spark task.
STEP = r"""
billet=$1 work=$2 step=$3 jobs=$4; shift 4
while IFS= read -r name; do
  case $step in
    stats) "$billet" stats "$work/shards/$name" --out "$work/stats/$name.stats" \
             --jobs "$jobs" --quiet "$@" ;;
    analyze) "$billet" analyze "$work/shards/$name" --stats "$work/all.stats" \
             --out "$work/out/$name" --jobs "$jobs" --quiet "$@" ;;
  esac </dev/null >&2
  rc=$?
  if [ "$rc" -gt 1 ]; then
    echo "billet-spark: billet $step failed on shard $name (exit $rc)" >&2
    echo "$rc" > "$work/failed-$step-$name"
    exit "$rc"
  fi
  printf '%s\t%s\n' "$name" "$rc"
done
"""


class JobFailed(Exception):
    pass


def resolve_billet(path):
    found = shutil.which(path) if path else shutil.which("billet")
    if not found:
        raise JobFailed(f"billet not found ({path or 'billet'} on PATH): give --billet PATH")
    return os.path.abspath(found)


def run_step(sc, names, billet, work, step, jobs, extra):
    """One Spark task per shard running `billet STEP`; returns the statuses
    by shard (0, or 1 when some posts were unreadable)."""
    command = " ".join(shlex.quote(a) for a in
                       ["/bin/sh", "-c", STEP, "billet-spark", billet, work, step,
                        str(jobs), *extra])
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8"}
    if "TMPDIR" in os.environ:
        env["TMPDIR"] = os.environ["TMPDIR"]
    rdd = sc.parallelize(names, len(names))
    try:
        lines = rdd.pipe(command, env=env, checkCode=True).collect()
    except Exception as e:  # Py4JJavaError: a task failed past its retries.
        failed = sorted(f for f in os.listdir(work) if f.startswith(f"failed-{step}-"))
        where = ", ".join(
            f"{f[len(f'failed-{step}-'):]} (exit {open(os.path.join(work, f)).read().strip()})"
            for f in failed) or "a shard"
        raise JobFailed(f"billet {step} failed on {where}; billet's message is in "
                        f"the task's stderr above (or the executor's log)") from e
    status = dict(line.split("\t") for line in lines if line)
    missing = [n for n in names if n not in status]
    if missing:
        raise JobFailed(f"the {step} step returned nothing for {', '.join(missing)}")
    return {n: int(status[n]) for n in names}


def main(argv=None):
    p = argparse.ArgumentParser(
        prog="billet_spark.py",
        description="Run billet over INPUT on Spark, shard by shard; write OUT "
                    "as one `billet analyze INPUT --out OUT` would.")
    p.add_argument("input", metavar="INPUT", help="folder of posts")
    p.add_argument("out", metavar="OUT", help="output folder (replaced as a whole)")
    p.add_argument("--billet", help="the billet binary (default: billet on PATH)")
    p.add_argument("--shards", type=int, default=None,
                   help="number of shards (default: Spark's default parallelism)")
    p.add_argument("--work", help="work folder (default: a new one beside OUT)")
    p.add_argument("--top", type=int, help="passed to billet analyze")
    p.add_argument("--stopwords", help="passed to billet stats and analyze")
    args = p.parse_args(argv)

    started = time.time()
    try:
        billet = resolve_billet(args.billet)
        billet_shards.check_out(args.out)
    except (JobFailed, billet_shards.ShardError) as e:
        print(f"billet-spark: {e}", file=sys.stderr)
        return 2

    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("billet").getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    shards = args.shards or sc.defaultParallelism
    jobs = int(sc.getConf().get("spark.task.cpus", "1"))
    common = ["--stopwords", os.path.abspath(args.stopwords)] if args.stopwords else []
    analyze_extra = common + (["--top", str(args.top)] if args.top is not None else [])

    parent = os.path.dirname(os.path.abspath(args.out))
    os.makedirs(parent, exist_ok=True)
    work = os.path.abspath(args.work) if args.work else tempfile.mkdtemp(
        prefix=".billet-spark-", dir=parent)
    try:
        names = billet_shards.deal(args.input, work, shards, exclude=[args.out])
        print(f"billet-spark: {len(names)} shards in {work}/shards", file=sys.stderr)
        run_step(sc, names, billet, work, "stats", jobs, common)
        stats = [os.path.join(work, "stats", f"{n}.stats") for n in names]
        merge = [billet, "stats", "--merge", *stats, "--out",
                 os.path.join(work, "all.stats"), *common]
        if subprocess.run(merge, stdin=subprocess.DEVNULL).returncode != 0:
            raise JobFailed("billet stats --merge failed (its message is above)")
        status = run_step(sc, names, billet, work, "analyze", jobs, analyze_extra)
        billet_shards.gather(work, args.out, elapsed=time.time() - started)
    except (JobFailed, billet_shards.ShardError, OSError) as e:
        print(f"billet-spark: FAILED: {e}; OUT not written; work files kept in {work}",
              file=sys.stderr)
        spark.stop()
        return 2
    spark.stop()
    shutil.rmtree(work)
    failed = [n for n, rc in status.items() if rc == 1]
    print(f"billet-spark: {len(names)} shards → {args.out} in "
          f"{time.time() - started:.1f} s" +
          (f"; some posts failed in {', '.join(failed)} (see errors.jsonl)" if failed else ""),
          file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
