#!/usr/bin/env bash
# Git history export speed: the agent's walker (JGit, agent-core's GitHistoryWalker) against C git on
# the same repository, in the same run; and the agent's blame against `git blame` per changed file.
#
# The repository is generated deterministically: HistoryGenerator (agent-core test sources) writes a
# `git fast-import` stream from a seed: COMMITS commits with edits, renames (with and without edits),
# binaries, files turning binary and back, whole-file rewrites, empty commits, branches merged back
# with merge commits and branches left open. SHAPE=large generates the other shape instead
# (LargeFileHistoryGenerator): twelve text files of 1,000 to 24,000 lines with long histories on one
# branch, edited in small hunks, moved blocks, scattered rewrites, appends, re-indents and runs of
# frequent lines.
#
# Both sides do the same work: every commit of every branch, each diffed against its first parent
# with rename detection and Myers:
#   agent: GitHistoryWalker over all refs/heads/*, with code statistics and blame, each Commit and
#          each Blame serialized to JSON (not written), THREADS diff workers (default: one per core),
#          -Xmx2g by default (BENCH_XMX), the heap bound bin/agent gives an export, which sizes JGit's
#          pack and delta-base caches (JGitCaches); it prints the peak heap of each run (the heap in use, sampled every 20 ms). JAVA_TOOL_OPTIONS=-Dblame=false (or -Dcodestats=false) measures without them.
#   git:   git log --branches --numstat --diff-merges=first-parent -M --diff-algorithm=myers
#          (that is `git log --numstat --first-parent` per commit, without limiting the walk to the
#          first-parent line, so that it covers the same commits), output to /dev/null
# Each side runs RUNS times, alternating; medians are reported, JVM start excluded (in-process timer,
# JIT warm-up included: every export is a fresh JVM). The agent also logs its phases (graph walk,
# diffs, branches). Measured on 2 busy cores (load 3-8 from other work): 10,000 commits 0.20-0.30,
# 100,000 commits (468 branches, -Xmx512m) 0.40-0.51; see the closing note of issue 3.
#
# Blame: `git blame --porcelain <sha> -- <file>` for every file added, modified or renamed by each of
# SAMPLE commits spread evenly over the history (what an export without carried-along blame would
# run), timed, and scaled to all commits; the speed-up is that estimate over the agent's median time
# for the whole export (history, statistics and blame).
#
# Usage: bench/git-history.sh [COMMITS] [RUNS] [SEED] [THREADS] [SAMPLE]  (defaults: 10000 3 1 0 100)
#        SHAPE=large bench/git-history.sh 2000 [RUNS] [SEED] [THREADS] [SAMPLE]        (few large files)
#        REPO=/path/to/repository bench/git-history.sh - [RUNS] - [THREADS] [SAMPLE]   (a real repository)
set -euo pipefail

COMMITS=${1:-10000}
RUNS=${2:-3}
SEED=${3:-1}
THREADS=${4:-0}
SAMPLE=${5:-100}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/agent-git-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "building agent-core and its test classes..." >&2
(cd "$here" && mvn -B -q -pl agent-core -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test >&2)
cp="$here/agent-core/target/test-classes:$here/agent-core/target/classes:$here/rpcdef/target/classes:$here/proto/target/classes:$(cat "$work/cp.txt")"

if [ -n "${REPO:-}" ]; then
  # An existing repository instead of a generated one (a clone, or a bare mirror): REPO=/path/to/it.
  repo=$REPO
else
  repo="$work/repo"
  git init -q -b main "$repo"
  generator=agent.core.git.HistoryGenerator
  [ "${SHAPE:-}" = large ] && generator=agent.core.git.LargeFileHistoryGenerator
  java -cp "$cp" "$generator" "$COMMITS" "$SEED" | (cd "$repo" && git fast-import --quiet)
  (cd "$repo" && git gc -q)
fi
commits=$(git -C "$repo" rev-list --branches | wc -l)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other processes on the machine skew both sides)"
echo "git history bench: $commits commits, $(git -C "$repo" branch | wc -l) branches, ${REPO:+an existing repository}${REPO:-${SHAPE:-default} shape}, seed $SEED, $(nproc) cores," \
  "$(git --version), $(java -version 2>&1 | head -1)"

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
: > "$work/git.txt"
: > "$work/agent.txt"
for i in $(seq 1 "$RUNS"); do
  t0=$(now)
  git -C "$repo" -c core.quotepath=false log --branches --numstat --diff-merges=first-parent -M \
    --diff-algorithm=myers --format=%H > /dev/null
  t1=$(now)
  echo "$t0 $t1" | awk '{print $2-$1}' | tee -a "$work/git.txt" | sed "s/^/git run $i: /; s/$/ s/"
  java -Xmx"${BENCH_XMX:-2g}" -Dbench.numstat="$work/agent-numstat.txt" -cp "$cp" agent.core.git.GitHistoryBench "$repo" 1 \
    "$THREADS" | tee "$work/agent-$i.txt" \
    | sed "s/^agent run 1/agent run $i/" | grep 'run'
  grep -o '[0-9.]* s ' "$work/agent-$i.txt" | head -1 | grep -o '[0-9.]*' >> "$work/agent.txt"
done
# Exactness: per commit, the sorted added/deleted counts of its files, git's against the agent's.
git -C "$repo" -c core.quotepath=false log --branches --numstat --diff-merges=first-parent -M \
  --diff-algorithm=myers --format='@%H' | LC_ALL=C awk -F'\t' '
    /^@/ { if (sha != "") print sha, counts(); sha = substr($0, 2); n = 0; next }
    NF >= 3 { c[++n] = $1 "\t" $2 }
    function counts(   i, j, t, s) {
      for (i = 2; i <= n; i++) for (j = i; j > 1 && c[j - 1] > c[j]; j--) { t = c[j]; c[j] = c[j - 1]; c[j - 1] = t }
      s = ""; for (i = 1; i <= n; i++) s = s (i > 1 ? "," : "") c[i]; return s
    }
    END { if (sha != "") print sha, counts() }' | LC_ALL=C sort > "$work/git-numstat.txt"
LC_ALL=C sort "$work/agent-numstat.txt" > "$work/agent-numstat.sorted"
exact=$(comm -12 "$work/git-numstat.txt" "$work/agent-numstat.sorted" | wc -l)
git_s=$(median < "$work/git.txt")
agent_s=$(median < "$work/agent.txt")

git -C "$repo" rev-list --branches | awk -v n="$commits" -v s="$SAMPLE" 'NR % int(n / s > 1 ? n / s : 1) == 0' \
  | head -n "$SAMPLE" > "$work/sample.txt"
sampled=$(wc -l < "$work/sample.txt")
files=0
t0=$(now)
while read -r c; do
  while IFS= read -r f; do
    [ -n "$f" ] || continue
    git -C "$repo" blame --porcelain "$c" -- "$f" > /dev/null
    files=$((files + 1))
  done < <(git -C "$repo" -c core.quotepath=false log -1 --format= --name-only --diff-filter=AMR -M \
    --diff-merges=first-parent "$c")
done < "$work/sample.txt"
t1=$(now)
blame_s=$(echo "$t0 $t1" | awk '{print $2-$1}')
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v n="$commits" -v e="$exact" -v g="$git_s" -v a="$agent_s" -v b="$blame_s" -v s="$sampled" -v f="$files" 'BEGIN {
  printf "git:   %8.0f commits/s (median %.2f s)\n", n / g, g
  printf "agent: %8.0f commits/s (median %.2f s)\n", n / a, a
  printf "ratio agent/git: %.2f\n", g / a
  printf "exactness: %d of %d commits have numstat counts equal to git log --numstat\n", e, n
  printf "git blame: %d files of %d sampled commits in %.2f s, %.1f ms a commit: %.0f s for all %d commits\n", \
    f, s, b, 1000 * b / s, n * b / s, n
  printf "blame speed-up, agent (history, statistics and blame) over git blame per changed file: %.1fx\n", \
    (n * b / s) / a
}'
