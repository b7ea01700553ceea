#!/usr/bin/env bash
# The Spark recipe (examples/spark/billet_spark.py), for real: pyspark from
# PyPI in local mode on a Debian Java runtime. Its output equals one `billet
# analyze` run (our corpus in 3 shards; a corpus with failing, ignored,
# hidden, same-id and symlinked posts), and a crashing billet fails the job
# loudly.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ci_java
bin=$(ci_venv)
billet=$(ci_billet)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check=$ci_root/.ci/same_output.py
cd "$tmp"

# Local mode on two cores; every Spark socket on the loopback, no web UI.
export SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON=$bin/python PYSPARK_DRIVER_PYTHON=$bin/python
# spark-submit prints the driver's stderr on its stdout: logs take both.
spark() {
  "$bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    "$ci_root/examples/spark/billet_spark.py" "$@"
}

cp -r "$ci_root/corpus" corpus
"$billet" analyze corpus --out single --quiet 2>/dev/null
spark --billet "$billet" --shards 3 corpus out > log 2>&1 || { cat log >&2; exit 1; }
python3 "$check" single out --shards 3

ci_tricky_input tricky
status=0
"$billet" analyze tricky --out tricky-single --quiet 2>/dev/null || status=$?
[ "$status" -eq 1 ] || { ci_log "single run over tricky/: exit $status, expected 1"; exit 1; }
status=0
spark --billet "$billet" --shards 3 tricky tricky-out > log 2>&1 || status=$?
[ "$status" -eq 1 ] || { cat log >&2; ci_log "tricky/: exit $status, expected 1"; exit 1; }
python3 "$check" tricky-single tricky-out --shards 3

for step in stats analyze; do
  ci_failing_billet "fail-$step" "$billet" "$step" part-01
  status=0
  spark --billet "$PWD/fail-$step" --shards 3 corpus "out-$step" > log 2>&1 || status=$?
  ci_expect_failure "a crash in billet $step" "out-$step" log "$status"
  grep -q "crashing on purpose" log || { ci_log "billet's own message not shown"; exit 1; }
  grep -q "FAILED: billet $step failed on part-01 (exit 101)" log \
    || { ci_log "the failing shard is not named"; exit 1; }
done
ci_log "ok"
