#!/usr/bin/env bash
# Throughput benchmark: the cot method over the GSM8K test split (1,319 problems, one call each) against a neutral
# OpenAI-compatible stub with a fixed latency. Prints problems per second from the first request to the end of the
# run (and over the whole run, from its file being read), JVM start to first request, and peak RSS. See bench/README.md.
#
#   bench/bench.sh [latency-ms] [concurrency]      e.g. bench/bench.sh 100 16, bench/bench.sh 0 16
#   BENCH_DATA=test.jsonl BENCH_STUB=stub_llm.py    the data set and the stub (python3 STUB --port P --latency-ms L,
#                                                   serving GET /stats); by default ../shared/... beside the project
#   TALE_JAR=/tmp/other.jar bench/bench.sh 0 16     another build of the jar, to compare two builds run alternately
#   TALE_JAVA_OPTS= bench/bench.sh 0 16              the JVM's defaults (plain java -jar) instead of bin/tale-camel's
#
# It runs tale-camel through bin/tale-camel, the launcher with JVM settings for batch runs (C1 only, and a
# class-data-sharing archive that the first run after a build writes; bench.sh makes that run first, unmeasured).
# TALE_CDS=off measures without the archive.
#
# Needs python3 (for the stub) and /usr/bin/time (Debian package "time"). A benchmark, not a test: CI does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."
latency=${1:-100}
concurrency=${2:-16}
data=${BENCH_DATA:-../shared/datasets/gsm8k/test.jsonl}
stub=${BENCH_STUB:-../shared/bench/stub_llm.py}
port=${BENCH_PORT:-18765}
[ -f "$data" ] && [ -f "$stub" ] || {
  echo "needs the GSM8K test split ($data; set BENCH_DATA) and the stub endpoint ($stub; set BENCH_STUB)" >&2; exit 2; }
[ -f target/tale-camel.jar ] || mvn -B -q package -DskipTests

python3 "$stub" --port "$port" --latency-ms "$latency" & stub_pid=$!
work=$(mktemp -d)
trap 'kill $stub_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/stats" >/dev/null && break; sleep 0.1; done

tale=(env TALE_LLM_PROVIDER=openai TALE_LLM_BASE_URL="http://127.0.0.1:$port/v1" TALE_LLM_API_KEY= TALE_METHODS=cot
  TALE_CONCURRENCY="$concurrency" TALE_INBOX="$work/unused-inbox" bin/tale-camel --once "$data")
# the launcher's class archive is written by the first run after a build: that run is not measured
jar=${TALE_JAR:-target/tale-camel.jar}
if [ "${TALE_CDS:-on}" != off ] && ! [ "${jar%.jar}.jsa" -nt "$jar" ]; then
  echo "writing the launcher's class archive (first run after a build, not measured)" >&2
  env TALE_OUTPUT="$work/archive-run" "${tale[@]}" > "$work/archive-log" 2>&1 || {
    tail -20 "$work/archive-log" >&2; exit 1; }
fi

started=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$work/rss" env TALE_OUTPUT="$work/out" "${tale[@]}" > "$work/log" 2>&1 || {
  echo "tale-camel failed:" >&2; tail -20 "$work/log" >&2; exit 1; }

python3 - "$work" "$started" "$latency" "$concurrency" <<'PY'
import csv, glob, json, sys
from datetime import datetime
work, started, latency, concurrency = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
run = glob.glob(work + "/out/runs/*/summary.json")[0]
summary = json.load(open(run))
t = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
seconds = t(summary["finishedAt"]) - t(summary["startedAt"])
problems = summary["results"][0]["problems"]
with open(run.replace("summary.json", "audit.csv")) as f:
    first = min(t(r["timestamp"]) - int(r["latency_ms"] or 0) / 1000 for r in csv.DictReader(f))
rss_mb = int(open(work + "/rss").read().split()[-1]) / 1024
limit = f"{concurrency * 1000 / latency:.0f}/s" if latency else "none (CPU-bound)"
# JVM start to the first request is start-up, reported apart, not throughput
working = t(summary["finishedAt"]) - first
print(f"latency {latency} ms, concurrency {concurrency}: {problems} problems, first request to end of run "
      f"{working:.2f} s = {problems / working:.0f} problems/s (latency-bound limit {limit}); "
      f"whole run {seconds:.2f} s = {problems / seconds:.0f} problems/s; "
      f"JVM start to first request {first - started:.2f} s; peak RSS {rss_mb:.0f} MB")
PY
