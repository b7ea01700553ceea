#!/usr/bin/env python3
"""Checks the Kubernetes example (examples/k8s/) without a cluster.

    k8s.py BILLET WORKDIR

1. Each YAML file parses (PyYAML) into one batch/v1 Job whose pod mounts
   the volume at /data, restarts Never, runs `sh -c` with one script; the
   Indexed Jobs (stats, analyze) agree with the deal step on the number of
   shards; run.sh applies the five steps in order.
2. The Jobs' own scripts run here, in run.sh's order, each Indexed Job once
   per index with JOB_COMPLETION_INDEX set, with /data standing for
   WORKDIR/data (the volume) and `billet`, `billet-shards` on PATH (the
   image): the output equals one `billet analyze` over the same posts.
"""
import os
import re
import shutil
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
K8S = os.path.join(ROOT, "examples", "k8s")
STEPS = ["deal", "stats", "merge", "analyze", "gather"]


def fail(msg):
    sys.exit(f"k8s.py: {msg}")


def load(step):
    path = os.path.join(K8S, f"billet-{step}.yaml")
    with open(path, encoding="utf-8") as f:
        docs = [d for d in yaml.safe_load_all(f) if d is not None]
    if len(docs) != 1:
        fail(f"{path}: {len(docs)} documents, expected one Job")
    job = docs[0]
    where = f"billet-{step}.yaml"
    if job.get("apiVersion") != "batch/v1" or job.get("kind") != "Job":
        fail(f"{where}: not a batch/v1 Job")
    if job["metadata"]["name"] != f"billet-{step}":
        fail(f"{where}: named {job['metadata']['name']}")
    pod = job["spec"]["template"]["spec"]
    if pod.get("restartPolicy") != "Never":
        fail(f"{where}: restartPolicy must be Never (failures must show)")
    (container,) = pod["containers"]
    if container["command"] != ["sh", "-c"] or len(container["args"]) != 1:
        fail(f"{where}: expected command sh -c and one script")
    mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    claims = {v["name"]: v["persistentVolumeClaim"]["claimName"] for v in pod["volumes"]}
    if mounts.get("data") != "/data" or claims.get("data") != "billet-data":
        fail(f"{where}: the billet-data volume must be mounted at /data")
    return job, container["args"][0]


def main():
    billet, workdir = sys.argv[1], sys.argv[2]
    jobs = {step: load(step) for step in STEPS}
    shards = int(re.search(r"--shards (\d+)", jobs["deal"][1]).group(1))
    for step in ("stats", "analyze"):
        spec = jobs[step][0]["spec"]
        if spec.get("completionMode") != "Indexed":
            fail(f"billet-{step}.yaml: not an Indexed Job")
        if spec["completions"] != shards:
            fail(f"billet-{step}.yaml: {spec['completions']} completions, deal makes {shards} shards")
    with open(os.path.join(K8S, "run.sh"), encoding="utf-8") as f:
        if f"for step in {' '.join(STEPS)}; do" not in f.read():
            fail("run.sh does not apply the steps in order")

    # The image: billet and billet-shards on PATH.
    image = os.path.join(workdir, "image")
    os.makedirs(image)
    os.symlink(billet, os.path.join(image, "billet"))
    shards_py = os.path.join(ROOT, "examples", "shards", "billet_shards.py")
    os.symlink(shards_py, os.path.join(image, "billet-shards"))
    data = os.path.join(workdir, "data")
    env = dict(os.environ, PATH=image + os.pathsep + os.environ["PATH"])
    for step in STEPS:
        job, script = jobs[step]
        script = script.replace("/data/", data + "/")
        indexes = range(job["spec"]["completions"]) if job["spec"].get(
            "completionMode") == "Indexed" else [None]
        for i in indexes:
            run_env = dict(env) if i is None else dict(env, JOB_COMPLETION_INDEX=str(i))
            r = subprocess.run(["sh", "-c", script], env=run_env, capture_output=True, text=True)
            if r.returncode != 0:
                fail(f"billet-{step}" + (f" (index {i})" if i is not None else "") + f" exited {r.returncode}:\n{r.stderr}")
    print(f"k8s.py: 5 Jobs parsed and run ({shards} indexes each for stats and analyze)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
