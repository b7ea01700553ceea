#!/bin/sh
# Runs the five Jobs in order, each once the one before has completed; stops
# at the first that fails. (`kubectl wait --for=condition=complete` alone
# would sit until its timeout on a failed Job.)
set -eu
cd "$(dirname "$0")"
for step in deal stats merge analyze gather; do
  kubectl delete job "billet-$step" --ignore-not-found
  kubectl apply -f "billet-$step.yaml"
  while :; do
    state=$(kubectl get job "billet-$step" \
      -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type} {end}')
    case " $state" in
      *" Complete "*) break ;;
      *" Failed "*) echo "billet-$step failed: kubectl logs job/billet-$step" >&2; exit 1 ;;
    esac
    sleep 10
  done
done
echo "done: /data/out on the billet-data volume"
