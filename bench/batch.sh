#!/usr/bin/env bash
# Batch mode at scale: cot and tale-ep over the GSM8K test split (1,319 problems) in tale.llm.mode=batch against the
# built-in simulator's SIMULATED Batch API. Prints the batches (requests and bytes of each input file), wall time,
# peak RSS, and whether every problem was answered the same as one by one. See bench/README.md.
#
#   bench/batch.sh                     BENCH_DATA=test.jsonl sets the data set (default ../shared/... beside the project)
#   BENCH_FILES=4 bench/batch.sh       the data set split into 4 files, read as one run (the same batches are expected)
#
# Needs /usr/bin/time (Debian package "time"). A benchmark, not a test: CI does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${BENCH_DATA:-../shared/datasets/gsm8k/test.jsonl}
[ -f "$data" ] || { echo "needs the GSM8K test split ($data; set BENCH_DATA)" >&2; exit 2; }
[ -f target/tale-camel.jar ] || mvn -B -q package -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

files=${BENCH_FILES:-1}
input=$data
if [ "$files" -gt 1 ]; then
  # round-robin, so that each file has a share of the problems: a run of several files
  input="$work/files"
  mkdir -p "$input"
  awk -v n="$files" -v dir="$input" '{ print > sprintf("%s/part-%02d.jsonl", dir, (NR - 1) % n + 1) }' "$data"
fi

tale=(env TALE_METHODS=cot,tale-ep TALE_INBOX="$work/unused-inbox" TALE_SIMULATOR_BATCH_PROCESSING_MS=5000
  TALE_BATCH_POLL_MS=1000 java -jar target/tale-camel.jar --once "$input")
for mode in sync batch; do
  started=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss-$mode" env TALE_OUTPUT="$work/$mode" TALE_LLM_MODE=$mode "${tale[@]}" \
    > "$work/log-$mode" 2>&1 || [ $? -eq 1 ] || { echo "tale-camel failed:" >&2; tail -20 "$work/log-$mode" >&2; exit 1; }
  echo "$mode $(echo "$(date +%s.%N) - $started" | bc)" >> "$work/wall"
done

python3 - "$work" <<'PY'
import csv, glob, json, os, sys
work = sys.argv[1]
wall = dict(line.split() for line in open(work + "/wall"))
def run(mode):
    folder = os.path.dirname(glob.glob(f"{work}/{mode}/runs/*/summary.json")[0])
    with open(folder + "/audit.csv") as f:
        rows = {(r["source_file"], r["problem_id"], r["method"], r["phase"]): (r["response"], r["correct"]) for r in csv.DictReader(f)}
    return folder, json.load(open(folder + "/summary.json")), rows
_, sync, sync_rows = run("sync")
folder, batch, batch_rows = run("batch")
rss = {m: int(open(f"{work}/rss-{m}").read().split()[-1]) / 1024 for m in ("sync", "batch")}
for b in batch["batches"]:
    size = os.path.getsize(f"{folder}/batches/batch-{b['number']}.input.jsonl")
    print(f"batch {b['number']}: {b['total']} requests, input file {size / 1e6:.1f} MB, {b['status']}")
for mode, s in (("sync", sync), ("batch", batch)):
    methods = ", ".join(f"{m['method']} {100 * m['accuracy']:.1f}% @ {m['meanOutputTokens']:.1f} tokens"
                        for m in s["results"])
    print(f"{mode:5}: {s['problems']} problems, {methods}; {float(wall[mode]):.1f} s wall, peak RSS {rss[mode]:.0f} MB")
same = sync_rows == batch_rows
print("every answer the same as one by one:", "yes" if same else
      f"NO ({sum(1 for k in sync_rows if sync_rows[k] != batch_rows.get(k))} differ)")
sys.exit(0 if same else 1)
PY
