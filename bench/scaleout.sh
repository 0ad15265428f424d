#!/usr/bin/env bash
# Scale-out benchmark: the cot method over the GSM8K test split (1,319 problems, one call each) run by a coordinator
# whose calls go over an ActiveMQ Artemis broker to 1, 2 and 3 workers, each at the same concurrency, against the
# neutral stub with a fixed latency. Everything (broker, coordinator, workers, stub) on this machine. Prints, for each
# number of workers, problems per second from the first request to the end of the run, and each worker's CPU time
# and peak RSS. See bench/README.md.
#
#   bench/scaleout.sh [latency-ms] [concurrency-per-worker] [workers...]   e.g. bench/scaleout.sh 100 8 1 2 3
#   BENCH_DATA=test.jsonl BENCH_STUB=stub_llm.py     as for bench.sh
#   BENCH_RPM=3000                                  bench/ratelimit_stub.py instead, enforcing 3,000 requests a minute
#                                                   with 429s and x-ratelimit headers; no limit configured
#
# The broker is the tests' embedded Artemis (org.talecamel.broker.EmbeddedBroker: persistent, on loopback), run from
# the standalone module's test classes. A benchmark, not a test: CI does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."
latency=${1:-100}
concurrency=${2:-8}
shift $(( $# < 2 ? $# : 2 ))
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 2 3)
data=${BENCH_DATA:-../shared/datasets/gsm8k/test.jsonl}
stub=${BENCH_STUB:-../shared/bench/stub_llm.py}
port=${BENCH_PORT:-18766}
[ -f "$data" ] && [ -f "$stub" ] || {
  echo "needs the GSM8K test split ($data; set BENCH_DATA) and the stub endpoint ($stub; set BENCH_STUB)" >&2; exit 2; }
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$work"' EXIT
mvn -B -q package -DskipTests
mvn -B -q test-compile dependency:build-classpath -pl standalone -am -Dmdep.outputFile="$work/cp" \
  -Dmdep.includeScope=test > /dev/null

if [ -n "${BENCH_RPM:-}" ]; then
  python3 bench/ratelimit_stub.py --port "$port" --latency-ms "$latency" --rpm "$BENCH_RPM" & pids+=($!)
else
  python3 "$stub" --port "$port" --latency-ms "$latency" & pids+=($!)
fi
java -cp "standalone/target/test-classes:$(cat "$work/cp")" org.talecamel.broker.EmbeddedBroker "$work/broker" \
  > "$work/broker.log" 2>&1 & pids+=($!)
for _ in $(seq 100); do grep -q '^tcp://' "$work/broker.log" && break; sleep 0.2; done
url=$(grep -m1 '^tcp://' "$work/broker.log")

endpoint=(TALE_LLM_PROVIDER=openai TALE_LLM_BASE_URL="http://127.0.0.1:$port/v1" TALE_LLM_API_KEY= TALE_METHODS=cot
  TALE_BROKER_URL="$url" TALE_CONCURRENCY="$concurrency")
for n in "${counts[@]}"; do
  workers=()
  for i in $(seq "$n"); do
    env "${endpoint[@]}" TALE_OUTPUT="$work/w$n-$i" TALE_HTTP_PORT=$((port + 10 + i)) \
      /usr/bin/time -f "%M %U %S" -o "$work/w$n-$i.time" env TALE_CDS=off bin/tale-camel --worker \
      > "$work/w$n-$i.log" 2>&1 & workers+=($!)
  done
  for i in $(seq "$n"); do
    for _ in $(seq 150); do grep -q 'Worker ' "$work/w$n-$i.log" 2>/dev/null && break; sleep 0.2; done
  done
  env "${endpoint[@]}" TALE_OUTPUT="$work/c$n" TALE_INBOX="$work/unused-inbox" \
    /usr/bin/time -f "%M %U %S" -o "$work/c$n.time" env TALE_CDS=off bin/tale-camel --once "$data" \
    > "$work/c$n.log" 2>&1 || {
      echo "the coordinator failed:" >&2; tail -20 "$work/c$n.log" >&2; exit 1; }
  # /usr/bin/time's child is the JVM: TERM it, and time writes its figures when it exits
  for w in "${workers[@]}"; do pkill -TERM -P "$w" || true; done
  wait "${workers[@]}" 2>/dev/null || true
  echo "broker CPU so far: $(ps -o cputime= -p "${pids[1]}"); the stub so far: $(curl -s "http://127.0.0.1:$port/stats")"
  python3 - "$work" "$n" "$latency" "$concurrency" <<'PY'
import csv, glob, json, sys
from datetime import datetime
work, n, latency, concurrency = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
run = glob.glob(f"{work}/c{n}/runs/*/summary.json")[0]
summary = json.load(open(run))
t = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
problems = summary["results"][0]["problems"]
with open(run.replace("summary.json", "audit.csv")) as f:
    rows = list(csv.DictReader(f))
first = min(t(r["timestamp"]) - int(r["latency_ms"] or 0) / 1000 for r in rows)
failed = sum(1 for r in rows if r["outcome"] != "ok")
working = t(summary["finishedAt"]) - first
per = []
for i in range(1, n + 1):
    rss, user, system = open(f"{work}/w{n}-{i}.time").read().split()[-3:]
    per.append(f"{int(rss) / 1024:.0f} MB, {float(user) + float(system):.1f} s CPU")
rss, user, system = open(f"{work}/c{n}.time").read().split()[-3:]
coordinator = f"{int(rss) / 1024:.0f} MB, {float(user) + float(system):.1f} s CPU"
print(f"{n} worker(s) x concurrency {concurrency}, latency {latency} ms: {problems} problems ({failed} not ok), "
      f"first request to end {working:.2f} s = {problems / working:.1f} problems/s "
      f"(latency-bound limit {n * concurrency * 1000 / latency:.0f}/s); coordinator: {coordinator}; "
      f"workers: {'; '.join(per)}")
PY
done
