#!/usr/bin/env bash
# A fuzz campaign as docs/RELIABILITY.md § Fuzzing reports it: one worker per target, reading
# the seeds (fuzz/seeds/TARGET, made by seed.py) and the committed corpus (fuzz/corpus/TARGET,
# which also takes what it finds), then `cargo fuzz cmin`, the size budget and a summary line.
#   fuzz/run.sh                 every target, 480 s each
#   fuzz/run.sh TARGET [SECONDS]
# Needs cargo-fuzz (`cargo install cargo-fuzz`); stable Rust takes its -Z flags with
# RUSTC_BOOTSTRAP=1. Crashes land in fuzz/artifacts/TARGET/, logs in fuzz/logs/. A target with
# a dictionary (dicts/TARGET.dict: the format's keywords) is fuzzed with it.
# BUDGET_KB (576) caps each committed corpus.
set -euo pipefail
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
targets=(project_load import_jsonl import_brat import_conll import_doccano import_label_studio txt_decode)
[[ $# -ge 1 && -n "$1" ]] && targets=("$1")
seconds=${2:-480}
budget=$((${BUDGET_KB:-576} * 1024)) # bytes of corpus per target
# No sanitizer: the parsers are safe Rust. Debug assertions on, so an overflow is a crash.
flags=(--sanitizer none --debug-assertions)
mkdir -p logs
cargo fuzz build "${flags[@]}"
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    log="logs/$t.log"
    dict=()
    [[ -f "dicts/$t.dict" ]] && dict=(-dict="dicts/$t.dict")
    cargo fuzz run "${flags[@]}" "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$seconds" -max_len=16384 -timeout=10 -print_final_stats=1 "${dict[@]}" \
        >"$log" 2>&1 || echo "$t: the fuzzer stopped early (a crash?), see $log and artifacts/$t/"
    cargo fuzz cmin "${flags[@]}" "$t" "corpus/$t" >"logs/$t.cmin.log" 2>&1
    minimised=$(find "corpus/$t" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}')
    # The corpora live in git: past the budget, the largest inputs go (the seeds, kept apart,
    # hold the whole valid documents; cmin keeps the smallest input of each feature).
    find "corpus/$t" -type f -printf '%s %p\n' | sort -n |
        awk -v budget="$budget" '{ s += $1; if (s > budget) print $2 }' | xargs -r rm
    kept=$(target/x86_64-unknown-linux-gnu/release/"$t" -runs=0 "corpus/$t" "seeds/$t" 2>&1 | grep INITED || true)
    last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<<"$last")
    files=$(find "corpus/$t" -type f | wc -l)
    bytes=$(find "corpus/$t" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}')
    crashes=$(find "artifacts/$t" -type f 2>/dev/null | wc -l)
    growth=$(awk -f growth.awk "$log")
    echo "$t seconds=$seconds execs=$execs exec/s=$rate cov=$cov ft=$ft $growth minimised_bytes=$minimised corpus_files=$files corpus_bytes=$bytes crashes=$crashes kept:${kept#*INITED}" | tee -a logs/summary.txt
done
