#!/usr/bin/env bash
# Start-up of short commands against a bare JVM's start, with and without class-data sharing.
#
# Each command runs as a user runs it, `bin/agent ...` from process start to exit, plugin included:
#   validate-config      mock, default config
#   export-onboard-data  mock, --object-type users (5 users)
#   empty export         mock with no organizations and no users: 0 objects
# and, for reference, a bare JVM: `java -Xshare:auto -XX:+UseSerialGC -cp <cmd jar> -version`, the
# floor of any start on this machine. Each command runs RUNS times without class-data sharing
# (AGENT_CDS=off) and with it (archives made first, in a scratch folder, by the launcher's own
# training run), alternating, and the script prints the medians of wall time and of CPU time
# (user + sys of the whole process tree), the ratio of each to the bare JVM's, and the gain of
# class-data sharing. The machine's load (/proc/loadavg) is printed before and after: wall times on a
# loaded machine say little, CPU times hold up better.
#
# Usage: bench/startup.sh [RUNS]     (default 5)
# Needs a built distribution (mvn -B -q -pl cmd -am package -DskipTests).
set -euo pipefail

RUNS=${1:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
dist="$here/cmd/target/dist/agent"
agent="$dist/bin/agent"
[ -x "$agent" ] || { echo "no distribution: run 'mvn -B -q -pl cmd -am package -DskipTests' first" >&2; exit 2; }
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
cmd_jar=$(ls "$dist"/lib/host/cmd-*.jar)

work=$(mktemp -d "${TMPDIR:-/tmp}/agent-startup.XXXXXX")
trap 'rm -rf "$work"' EXIT
export AGENT_CDS_DIR="$work/cds"

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
load() { cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || uptime; }

names=(validate-config export-onboard-data empty-export)
run_named() {
  local root="$work/root"
  case $1 in
    validate-config) "$agent" validate-config --pinpoint-root="$root" --log-level=warn \
        --integrations-json '[{"name":"mock","config":{}}]' ;;
    export-onboard-data) "$agent" export-onboard-data --pinpoint-root="$root" --log-level=warn --object-type users \
        --integrations-json '[{"name":"mock","config":{}}]' ;;
    empty-export) "$agent" export --pinpoint-root="$root" --log-level=warn --progress=off \
        --integrations-json '[{"name":"mock","config":{"organizations":0,"users":0}}]' ;;
    bare) "$java" -Xshare:auto -XX:+UseSerialGC -cp "$cmd_jar" -version ;;
  esac
}
# Appends "wall cpu" in seconds to $work/<name>-<mode>.txt.
timed() {
  local name=$1 mode=$2 t
  local TIMEFORMAT='%R %U %S'
  if [ "$mode" = off ]; then
    t=$( { time AGENT_CDS=off run_named "$name" > "$work/out.txt" 2>&1; } 2>&1 )
  else
    t=$( { time run_named "$name" > "$work/out.txt" 2>&1; } 2>&1 )
  fi
  grep -q 'Exception\|internal error' "$work/out.txt" && { echo "$name failed:" >&2; cat "$work/out.txt" >&2; exit 1; }
  echo "$t" | awk '{print $1, $2 + $3}' >> "$work/$name-$mode.txt"
}

echo "agent start-up: $RUNS runs each, $(nproc) cores, $("$java" -version 2>&1 | head -1)"
echo "load before: $(load)"
# The archives, made as on a first run: the launcher starts its training run in the background.
"$agent" version >/dev/null
for _ in $(seq 1 600); do
  ls -d "$AGENT_CDS_DIR"/host-*.lock >/dev/null 2>&1 || break
  sleep 1
done
ls "$AGENT_CDS_DIR"/host-*.jsa "$AGENT_CDS_DIR"/plugin-mock-*.jsa >/dev/null 2>&1 \
  || { echo "no class-data archive after 10 minutes; the training log:" >&2; cat "$AGENT_CDS_DIR"/host-*.log >&2; exit 1; }
echo "archives: $(du -sh "$AGENT_CDS_DIR" | cut -f 1) in $(ls "$AGENT_CDS_DIR"/*.jsa | wc -l) files"

for i in $(seq 1 "$RUNS"); do
  timed bare on
  for n in "${names[@]}"; do
    if [ $((i % 2)) = 1 ]; then timed "$n" off; timed "$n" on; else timed "$n" on; timed "$n" off; fi
  done
done
echo "load after:  $(load)"

col() { cut -d ' ' -f "$2" < "$work/$1.txt" | median; }
bare_w=$(col bare-on 1); bare_c=$(col bare-on 2)
printf '%-30s %22s %22s %14s\n' "" "wall s (÷ bare JVM)" "cpu s (÷ bare JVM)" "CDS gain"
printf '%-30s %12.2f %9s %12.2f %9s\n' "bare JVM" "$bare_w" "" "$bare_c" ""
for n in "${names[@]}"; do
  for m in off on; do
    w=$(col "$n-$m" 1); c=$(col "$n-$m" 2)
    label="$n, CDS $m"
    if [ "$m" = on ]; then
      gain=$(awk -v a="$(col "$n-off" 1)" -v b="$w" -v x="$(col "$n-off" 2)" -v y="$c" \
        'BEGIN {printf "wall %.0f%%, cpu %.0f%%", 100 * (a - b) / a, 100 * (x - y) / x}')
    else
      gain=""
    fi
    awk -v l="$label" -v w="$w" -v c="$c" -v bw="$bare_w" -v bc="$bare_c" -v g="$gain" \
      'BEGIN {printf "%-30s %12.2f (%5.1fx) %12.2f (%5.1fx)   %s\n", l, w, w / bw, c, c / bc, g}'
  done
done
echo "median of $RUNS; target for validate-config: <= 1.0 s wall on a quiet machine"
