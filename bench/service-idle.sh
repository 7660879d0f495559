#!/bin/sh
# Idle service-run, side by side with a bare JVM doing the same polling:
#   bench/service-idle.sh [SECONDS]
# Starts bin/devbackend, enrolls, runs bin/agent service-run with its defaults (30 s heartbeat, 30 s
# long poll) beside BarePoller (java.net.http: the same heartbeat and long poll with the same key,
# the same -XX:+UseSerialGC), waits SECONDS (default 60), prints both resident sizes (VmRSS) and
# their ratio; then queues a mock export and prints the time from the command's creation on the
# backend to the agent's "started" event (posted by service-run when it takes the command) and to the
# first "progress" event (the export child's first status: its JVM started and began the export);
# medians of 3. Then, SECONDS after the last export, both resident sizes again: idle after work.
set -eu
SECONDS_IDLE=${1:-60}
HERE=$(cd "$(dirname "$0")" && pwd)
DIST=$HERE/../cmd/target/dist/agent
[ -x "$DIST/bin/agent" ] || { echo "no distribution: mvn -B -q -pl cmd -am package -DskipTests" >&2; exit 2; }
WORK=$(mktemp -d)
cleanup() { for p in ${PIDS:-}; do kill "$p" 2>/dev/null || true; done; sleep 1; rm -rf "$WORK"; }
trap cleanup EXIT INT TERM

"$DIST/bin/devbackend" --port 0 --data-dir "$WORK/backend" --admin-token t >"$WORK/backend.out" 2>/dev/null &
PIDS="$!"
while ! grep -q listening "$WORK/backend.out" 2>/dev/null; do sleep 0.1; done
URL=$(sed -n 's/listening on //p' "$WORK/backend.out")
admin() { curl -sf -X "$1" -H 'Authorization: Bearer t' "$URL/admin$2" ${3:+-d "$3"}; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

CODE=$(admin POST /enrollment-codes '{}' | json 'd["code"]')
curl -sf -X POST "$URL/api/v1/enroll" -d "{\"code\":\"$CODE\",\"request_id\":\"bench\"}" >"$WORK/enrolled.json"
KEY=$(json 'd["api_key"]' <"$WORK/enrolled.json")
DEVICE=$(json 'd["device_id"]' <"$WORK/enrolled.json")
mkdir -p "$WORK/root"
python3 - "$WORK/root/config.json" "$URL" "$WORK/enrolled.json" <<'PY'
import json, sys, os
e = json.load(open(sys.argv[3]))
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT, 0o600)
os.write(fd, json.dumps({"backend_url": sys.argv[2], "customer_id": e["customer_id"], "device_id": e["device_id"],
                         "api_key": e["api_key"], "channel": "dev"}).encode())
PY

mkdir -p "$WORK/bare"
cat >"$WORK/bare/BarePoller.java" <<'JAVA'
import java.net.URI;
import java.net.http.*;
import java.time.Duration;
public class BarePoller {
  public static void main(String[] a) throws Exception {
    HttpClient c = HttpClient.newHttpClient();
    long next = 0;
    while (true) {
      if (System.currentTimeMillis() >= next) {
        c.send(HttpRequest.newBuilder(URI.create(a[0] + "/api/v1/heartbeat")).header("Authorization", "Bearer " + a[1])
            .POST(HttpRequest.BodyPublishers.ofString("{\"time\":\"2026-01-01T00:00:00Z\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
        next = System.currentTimeMillis() + 30_000;
      }
      c.send(HttpRequest.newBuilder(URI.create(a[0] + "/api/v1/commands?wait=30")).header("Authorization", "Bearer " + a[1])
          .timeout(Duration.ofSeconds(45)).build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
JAVA
javac -d "$WORK/bare" "$WORK/bare/BarePoller.java"

"$DIST/bin/agent" service-run --pinpoint-root="$WORK/root" >"$WORK/service.out" 2>&1 &
SERVICE=$!
PIDS="$PIDS $SERVICE"
# The bare poller uses a second device so that it never takes the service's commands.
CODE2=$(admin POST /enrollment-codes '{}' | json 'd["code"]')
KEY2=$(curl -sf -X POST "$URL/api/v1/enroll" -d "{\"code\":\"$CODE2\",\"request_id\":\"bench2\"}" | json 'd["api_key"]')
java -XX:+UseSerialGC -cp "$WORK/bare" BarePoller "$URL" "$KEY2" &
BARE=$!
PIDS="$PIDS $BARE"

sleep "$SECONDS_IDLE"
rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
S=$(rss "$SERVICE"); B=$(rss "$BARE")
echo "idle RSS after ${SECONDS_IDLE} s: service-run $((S / 1024)) MiB, bare JVM polling $((B / 1024)) MiB, ratio $(python3 -c "print(round($S/$B, 2))")"

STARTED=""
PROGRESS=""
for i in 1 2 3; do
  ID=$(admin POST /commands "{\"device_id\":\"$DEVICE\",\"type\":\"export\",\"parameters\":{\"integrations\":[{\"name\":\"mock\",\"config\":{\"organizations\":1}}]}}" | json 'd["id"]')
  while ! admin GET "/commands/$ID" | grep -q '"completed"\|"failed"'; do sleep 0.2; done
  MS=$(admin GET "/commands/$ID" | python3 -c '
import json, sys, datetime, re
def ms(t):
    m = re.match(r"(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$", t)
    base = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    return base.timestamp() * 1000 + float("0." + (m.group(2) or "0")) * 1000
d = json.load(sys.stdin)
created = ms(d["command"]["created"])
def first(kind):
    got = [e for e in d["events"] if e["type"] == kind]
    return str(round(ms(got[0]["received"]) - created)) if got else "none"
print(first("started"), first("progress"))')
  STARTED="$STARTED ${MS% *}"
  PROGRESS="$PROGRESS ${MS#* }"
  sleep 3
done
median() { python3 -c "import statistics, sys; v=[float(x) for x in sys.argv[1:] if x != 'none']; print(round(statistics.median(v)) if v else 'none')" "$@"; }
echo "command created -> started event received (ms):$STARTED; median $(median $STARTED) ms"
echo "command created -> first progress event (the child's first status) received (ms):$PROGRESS; median $(median $PROGRESS) ms"

sleep "$SECONDS_IDLE"
S=$(rss "$SERVICE"); B=$(rss "$BARE")
echo "idle RSS ${SECONDS_IDLE} s after the exports: service-run $((S / 1024)) MiB, bare JVM polling $((B / 1024)) MiB, ratio $(python3 -c "print(round($S/$B, 2))")"
