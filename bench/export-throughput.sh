#!/usr/bin/env bash
# Export throughput of the plugin pipeline against gzip -1 on the same bytes, in the same run.
#
# The mock plugin streams about OBJECTS objects through the real protocol (plugin process -> gRPC ->
# host -> gzip level 1 -> fsynced files): pull requests, each with 2 reviews, 2 comments and 2
# commits, a realistic mix of about 515 bytes of JSON per object (the run prints the measured size). The same uncompressed bytes are
# then compressed with `gzip -1`, the physical limit of this pipeline on one core, and, when pigz is
# installed, with `pigz -1 -p 2`, the same on two cores. Each side runs RUNS times, alternating;
# medians are reported, of wall time and of CPU time (user+sys, the plugin's included), with the
# load average around the runs: on a shared machine the wall times are only comparable side by side.
# Also: the wall time of a mock validate-config, from process start to result.
#
# Usage: bench/export-throughput.sh [OBJECTS] [RUNS]     (defaults: 1000000 3)
# Needs a built distribution (mvn -B -q package -DskipTests) and gzip; pigz and GNU time are optional.
set -euo pipefail

OBJECTS=${1:-1000000}
RUNS=${2:-3}
REPOS=10
here=$(cd "$(dirname "$0")/.." && pwd)
agent="$here/cmd/target/dist/agent/bin/agent"
[ -x "$agent" ] || { echo "no distribution: run 'mvn -B -q package -DskipTests' first" >&2; exit 2; }
command -v gzip >/dev/null || { echo "gzip is needed for the reference run" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/agent-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
# 7 objects per pull request (itself, 2 reviews, 2 comments, 2 commits), plus one Repo per repo.
per_repo=$(( (OBJECTS + 7 * REPOS - 1) / (7 * REPOS) ))
OBJECTS=$(( per_repo * 7 * REPOS + REPOS ))
integrations="[{\"name\":\"mock\",\"config\":{\"organizations\":1,\"repos_per_org\":$REPOS,\"pull_requests_per_repo\":$per_repo,\"reviews_per_pr\":2,\"comments_per_pr\":2,\"commits_per_pr\":2,\"users\":0}}]"

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
load() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0; }
# timed FILE CMD...: runs CMD, appends its CPU seconds (user+sys, waited-for children included) to FILE.
if [ -x /usr/bin/time ]; then
  timed() { local f=$1; shift; /usr/bin/time -o "$f.one" -f '%U %S' "$@" && awk '{print $1+$2}' "$f.one" >> "$f"; }
else
  timed() { local f=$1; shift; "$@" && echo 0 >> "$f"; }
fi
pigz=$(command -v pigz || true)

echo "agent export throughput: $OBJECTS objects, $RUNS runs each, $(nproc) cores, $(java -version 2>&1 | head -1)"
for f in agent gzip pigz wall stream cpu-agent cpu-gzip cpu-pigz load; do : > "$work/$f.txt"; done
for i in $(seq 1 "$RUNS"); do
  root="$work/root-$i"
  load >> "$work/load.txt"
  t0=$(now)
  timed "$work/cpu-agent.txt" "$agent" export --pinpoint-root="$root" --log-level=info --integrations-json "$integrations" > "$work/out-$i.txt"
  t1=$(now)
  export_dir=$(ls -d "$root"/exports/*/ | head -1)
  # The integration's own duration: plugin start to files final (host JVM start excluded).
  ms=$(grep -o '"duration_ms" *: *[0-9]*' "$export_dir/manifest.json" | head -1 | grep -o '[0-9]*$')
  echo "$ms" >> "$work/agent.txt"
  # First object to files final: the pipeline's throughput, without the plugin's JVM start and warm-up.
  grep -o '[0-9]* ms streaming' "$work/out-$i.txt" | grep -o '^[0-9]*' >> "$work/stream.txt"
  echo "$t0 $t1" | awk '{print $2-$1}' >> "$work/wall.txt"
  if [ "$i" = 1 ]; then
    # The same bytes the agent compressed, for the reference.
    cat "$export_dir"/mock/*/*.json.gz | gzip -dc > "$work/raw.ndjson"
    count=$(wc -l < "$work/raw.ndjson")
    [ "$count" -eq "$OBJECTS" ] || { echo "expected $OBJECTS objects, found $count" >&2; exit 1; }
    raw_bytes=$(stat -c %s "$work/raw.ndjson")
    gz_bytes=$(cat "$export_dir"/mock/*/*.json.gz | wc -c)
  fi
  rm -rf "$root"
  g0=$(now)
  timed "$work/cpu-gzip.txt" gzip -1 -c "$work/raw.ndjson" > "$work/ref.gz"
  g1=$(now)
  echo "$g0 $g1" | awk '{print $2-$1}' >> "$work/gzip.txt"
  if [ -n "$pigz" ]; then
    p0=$(now)
    timed "$work/cpu-pigz.txt" "$pigz" -1 -p 2 -c "$work/raw.ndjson" > "$work/pigz.gz"
    p1=$(now)
    echo "$p0 $p1" | awk '{print $2-$1}' >> "$work/pigz.txt"
  fi
  load >> "$work/load.txt"
done

agent_s=$(median < "$work/agent.txt" | awk '{print $1/1000}')
stream_s=$(median < "$work/stream.txt" | awk '{print $1/1000}')
wall_s=$(median < "$work/wall.txt")
gzip_s=$(median < "$work/gzip.txt")
awk -v n="$OBJECTS" -v raw="$raw_bytes" -v gz="$gz_bytes" -v a="$agent_s" -v w="$wall_s" -v s="$stream_s" -v g="$gzip_s" -v ref="$(stat -c %s "$work/ref.gz")" 'BEGIN {
  mb = raw / 1e6
  printf "bytes: %.1f MB raw JSON (%.0f bytes/object), agent files %.1f MB, gzip -1 %.1f MB\n", mb, raw / n, gz / 1e6, ref / 1e6
  printf "agent export  (streaming, median)  : %6.2f s  %9.0f objects/s  %6.1f MB/s raw   first object to files final\n", s, n / s, mb / s
  printf "agent export  (integration, median): %6.2f s  %9.0f objects/s  %6.1f MB/s raw   + plugin start and JIT warm-up\n", a, n / a, mb / a
  printf "agent export  (whole command)      : %6.2f s  %9.0f objects/s  %6.1f MB/s raw   + host start\n", w, n / w, mb / w
  printf "gzip -1       (same bytes, median) : %6.2f s  %9.0f objects/s  %6.1f MB/s raw\n", g, n / g, mb / g
  printf "ratio agent/gzip -1: %.2f streaming, %.2f integration, %.2f whole command (target >= 1.0 streaming, >= 0.8 integration)\n", g / s, g / a, g / w
}'
if [ -n "$pigz" ]; then
  pigz_s=$(median < "$work/pigz.txt")
  awk -v raw="$raw_bytes" -v a="$agent_s" -v s="$stream_s" -v p="$pigz_s" -v ref="$(stat -c %s "$work/pigz.gz")" 'BEGIN {
    printf "pigz -1 -p 2  (same bytes, median) : %6.2f s  %6.1f MB/s raw, %.1f MB\n", p, raw / 1e6 / p, ref / 1e6
    printf "ratio agent/pigz -1 -p 2: %.2f streaming, %.2f integration\n", p / s, p / a
  }'
else
  echo "pigz -1 -p 2: not installed, no two-core reference"
fi
if [ -x /usr/bin/time ]; then
  echo "CPU time (user+sys, median): agent whole command $(median < "$work/cpu-agent.txt") s (host and plugin, starts included), gzip -1 $(median < "$work/cpu-gzip.txt") s$( [ -n "$pigz" ] && echo ", pigz -1 -p 2 $(median < "$work/cpu-pigz.txt") s")"
fi
echo "load average (1 min) before and after each run: $(tr '\n' ' ' < "$work/load.txt")(median $(median < "$work/load.txt"), $(nproc) cores)"

: > "$work/validate.txt"
for i in $(seq 1 5); do
  v0=$(now)
  "$agent" validate-config --pinpoint-root="$work/v" --log-level=warn --integrations-json '[{"name":"mock","config":{}}]' > /dev/null
  v1=$(now)
  echo "$v0 $v1" | awk '{print $2-$1}' >> "$work/validate.txt"
done
echo "validate-config (mock), process start to result, median of 5: $(median < "$work/validate.txt" | awk '{printf "%.2f s", $1}')"
