#!/usr/bin/env bash
# Pacing benchmark: the cot method over the GSM8K test split (1,319 problems, one call each) against
# bench/ratelimit_stub.py, an OpenAI-compatible stub that enforces RPM requests a minute as OpenAI does (RPM/60 a
# second at most) and reports it in x-ratelimit-* headers. No rate limit is configured: the headers alone pace the
# calls. Prints the time from the first request to the end of the run against the limit's own (problems / (RPM/60)),
# the calls the stub got and the share it answered 429. See bench/README.md.
#
#   bench/ratelimit.sh [rpm] [concurrency] [latency-ms]      e.g. bench/ratelimit.sh 3000 16 100 (the defaults)
#   BENCH_DATA=test.jsonl                                   the data set; by default ../shared/... beside the project
#   BENCH_TPM=600000                                        a token limit too (the stub's --tpm)
#
# Needs python3 and curl. A benchmark, not a test: CI does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."
rpm=${1:-3000}
concurrency=${2:-16}
latency=${3:-100}
data=${BENCH_DATA:-../shared/datasets/gsm8k/test.jsonl}
port=${BENCH_PORT:-18766}
[ -f "$data" ] || { echo "needs the GSM8K test split ($data; set BENCH_DATA)" >&2; exit 2; }
[ -f target/tale-camel.jar ] || mvn -B -q package -DskipTests

python3 bench/ratelimit_stub.py --port "$port" --latency-ms "$latency" --rpm "$rpm" --tpm "${BENCH_TPM:-0}" &
stub_pid=$!
work=$(mktemp -d)
trap 'kill $stub_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/stats" >/dev/null && break; sleep 0.1; done

# no tale.llm.max-requests-per-minute or max-tokens-per-minute: only the endpoint's headers pace the calls. The
# launcher's class archive does not matter here: start-up is not measured.
env TALE_LLM_PROVIDER=openai TALE_LLM_BASE_URL="http://127.0.0.1:$port/v1" TALE_LLM_API_KEY= TALE_METHODS=cot \
  TALE_LLM_MAX_REQUESTS_PER_MINUTE=0 TALE_LLM_MAX_TOKENS_PER_MINUTE=0 TALE_CONCURRENCY="$concurrency" \
  TALE_INBOX="$work/unused-inbox" TALE_OUTPUT="$work/out" bin/tale-camel --once "$data" > "$work/log" 2>&1 || {
  echo "tale-camel failed:" >&2; tail -20 "$work/log" >&2; exit 1; }
curl -sf "http://127.0.0.1:$port/stats" > "$work/stats"

python3 - "$work" "$rpm" "$concurrency" "$latency" "${BENCH_TPM:-0}" <<'PY'
import csv, glob, json, sys
from datetime import datetime
work, rpm, concurrency, latency, tpm = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
run = glob.glob(work + "/out/runs/*/summary.json")[0]
summary = json.load(open(run))
stats = json.load(open(work + "/stats"))
t = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
problems = summary["results"][0]["problems"]
answered = summary["results"][0]["answered"]
with open(run.replace("summary.json", "audit.csv")) as f:
    first = min(t(r["timestamp"]) - int(r["latency_ms"] or 0) / 1000 for r in csv.DictReader(f))
working = t(summary["finishedAt"]) - first
# the limit's own time: the calls at rpm/60 a second, or (with a token limit) their tokens at tpm/60, the longer
ideal = max(problems / (rpm / 60), stats["tokens"] / (tpm / 60) if tpm else 0)
calls, refused = stats["requests"], stats["refused"]
tokens = f", tpm {tpm} ({stats['tokens'] / problems:.0f} tokens a call)" if tpm else ""
print(f"rpm {rpm}{tokens}, concurrency {concurrency}, latency {latency} ms: {problems} problems ({answered} answered), "
      f"first request to end of run {working:.2f} s against {ideal:.2f} s at the limit ({working / ideal - 1:+.1%}); "
      f"{calls} calls, {refused} answered 429 ({refused / calls:.2%})")
PY
