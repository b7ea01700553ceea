# Helpers for the engine checks (.ci/*.sh): install what they need, once,
# and build billet. Sourced, not run.
#
# BILLET_CI_CACHE (default ~/.cache/billet-ci) holds the Python venv, so a
# second run installs nothing. BILLET_APT_LOCK: a file to hold with flock
# around apt-get (machines where several jobs install at once).

ci_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ci_cache=${BILLET_CI_CACHE:-$HOME/.cache/billet-ci}

ci_log() { echo "[$(basename "$0")] $*" >&2; }

# ci_apt PACKAGE...: installs the Debian packages not installed yet.
ci_apt() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' \
      || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  ci_log "apt-get install ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  local lock=()
  [ -n "${BILLET_APT_LOCK:-}" ] && lock=(flock "$BILLET_APT_LOCK")
  local apt=("${sudo[@]}" "${lock[@]}" env DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 -y -q)
  # A fresh machine may have no package lists yet.
  "${apt[@]}" install --no-install-recommends "${missing[@]}" >&2 \
    || { "${apt[@]}" update >&2 \
         && "${apt[@]}" install --no-install-recommends "${missing[@]}" >&2; }
}

# ci_java: a Java runtime of version 17 or later (Spark 4 needs 17).
ci_java() {
  local v
  v=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  if [ -n "$v" ] && [ "$v" -ge 17 ]; then return 0; fi
  ci_apt default-jre-headless
}

# ci_venv: a venv in the cache holding .ci/requirements.txt; prints the
# path of its bin folder. Rebuilt only when the requirements change.
ci_venv() {
  local venv=$ci_cache/venv req=$ci_root/.ci/requirements.txt
  if ! cmp -s "$req" "$venv/requirements.txt" 2>/dev/null; then
    ci_log "creating $venv (pip install -r .ci/requirements.txt)"
    rm -rf "$venv"
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$req" >&2
    cp "$req" "$venv/requirements.txt"
  fi
  echo "$venv/bin"
}

# ci_billet: builds billet (release, with the `pagefind` feature, so that
# every engine check runs one binary and it is built once) and prints its
# path.
ci_billet() {
  (cd "$ci_root" && cargo build --release --quiet --features pagefind --bin billet) >&2
  echo "${CARGO_TARGET_DIR:-$ci_root/target}/release/billet"
}

# ci_time NAME COMMAND...: runs COMMAND, says how long it took.
ci_time() {
  local name=$1 start end
  shift
  start=$(date +%s)
  "$@"
  end=$(date +%s)
  ci_log "$name: $((end - start)) s"
}

# ci_tricky_input DIR: our corpus plus what sharding must get right: an
# empty and a binary post (errors.jsonl), a file of another kind (ignored),
# a hidden folder (skipped), two posts with one id (the second gets `-2`),
# a symlink to a post.
ci_tricky_input() {
  local d=$1
  cp -r "$ci_root/corpus" "$d"
  : > "$d/notes/vide.txt"
  printf 'titre\0binaire' > "$d/carnet/binaire.md"
  echo 'pas un billet' > "$d/notes/image.png"
  mkdir "$d/.brouillons"
  printf 'Brouillon\n\nJamais lu.\n' > "$d/.brouillons/idee.txt"
  printf 'Club de lecture\n\nUn second texte du même nom, pour que son id revienne.\n' \
    > "$d/notes/club-de-lecture.md"
  ln -s ../notes/jardin-partage.txt "$d/carnet/lien.txt"
}

# ci_failing_billet PATH REAL STEP SHARD: writes at PATH a billet that
# crashes (exit 101, as a Rust panic does) on `billet STEP` of shard
# SHARD and runs REAL otherwise.
ci_failing_billet() {
  cat > "$1" <<SH
#!/bin/sh
if [ "\$1" = "$3" ]; then
  case "\$2" in */$4) echo "billet (test double): crashing on purpose" >&2; exit 101 ;; esac
fi
exec "$2" "\$@"
SH
  chmod +x "$1"
}

# ci_expect_failure NAME OUT LOG STATUS: the run failed as it should: a
# non-zero status, OUT not written, a FAILED line naming the step.
ci_expect_failure() {
  local name=$1 out=$2 log=$3 status=$4
  if [ "$status" -eq 0 ] || [ "$status" -eq 1 ]; then
    ci_log "$name: exit $status, expected a failure"; cat "$log" >&2; return 1
  fi
  if [ -e "$out" ]; then ci_log "$name: $out written despite the failure"; return 1; fi
  if ! grep -q 'FAILED' "$log"; then
    ci_log "$name: no FAILED line"; cat "$log" >&2; return 1
  fi
  ci_log "$name: failed as it should (exit $status): $(grep FAILED "$log" | head -1)"
}
