#!/usr/bin/env bash
# Export throughput of the plugin pipeline against gzip -1 on the same bytes, in the same run.
#
# The mock plugin streams about OBJECTS objects through the real protocol (plugin process -> gRPC ->
# host -> gzip level 1 -> fsynced files): pull requests, each with 2 reviews, 2 comments and 2
# commits, a realistic mix of about 515 bytes of JSON per object (the run prints the measured size). The same uncompressed bytes are
# then compressed with `gzip -1`, the physical limit of this pipeline on one core. Each side runs
# RUNS times, alternating; medians are reported. Also: the wall time of a mock validate-config, from
# process start to result.
#
# Usage: bench/export-throughput.sh [OBJECTS] [RUNS]     (defaults: 1000000 3)
# Needs a built distribution (mvn -B -q package -DskipTests) and gzip.
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

echo "agent export throughput: $OBJECTS objects, $RUNS runs each, $(nproc) cores, $(java -version 2>&1 | head -1)"
: > "$work/agent.txt"; : > "$work/gzip.txt"; : > "$work/wall.txt"; : > "$work/stream.txt"
for i in $(seq 1 "$RUNS"); do
  root="$work/root-$i"
  t0=$(now)
  "$agent" export --pinpoint-root="$root" --log-level=info --integrations-json "$integrations" > "$work/out-$i.txt"
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
  gzip -1 -c "$work/raw.ndjson" > "$work/ref.gz"
  g1=$(now)
  echo "$g0 $g1" | awk '{print $2-$1}' >> "$work/gzip.txt"
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
  printf "ratio agent/gzip -1: %.2f streaming, %.2f integration, %.2f whole command (target >= 0.6)\n", g / s, g / a, g / w
}'

: > "$work/validate.txt"
for i in $(seq 1 5); do
  v0=$(now)
  "$agent" validate-config --pinpoint-root="$work/v" --log-level=warn --integrations-json '[{"name":"mock","config":{}}]' > /dev/null
  v1=$(now)
  echo "$v0 $v1" | awk '{print $2-$1}' >> "$work/validate.txt"
done
echo "validate-config (mock), process start to result, median of 5: $(median < "$work/validate.txt" | awk '{printf "%.2f s", $1}')"
