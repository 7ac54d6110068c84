#!/usr/bin/env bash
# The in-process reference for issuance: JMH IssuanceBenchmark (the whole pipeline, SQLite on disk, EC P-256, ACCP)
# with 16 threads, as many as the HTTPS clients, for SECONDS_PER_RUN after 10 s of warm-up.
# Prints: RESULT inprocess threads=16 rps=...
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_jars
threads=${THREADS:-16}
timeout $((SECONDS_PER_RUN + 120)) "$JAVA" -jar "$BENCH_JAR" IssuanceBenchmark -p provider=accp -p key=EC_prime256v1 \
  -p storage=disk -t "$threads" -f 1 -wi 2 -w 5s -i 1 -r "${SECONDS_PER_RUN}s" -rf csv -rff "$work/inprocess.csv" \
  > "$work/inprocess.txt" 2>&1 || { tail -20 "$work/inprocess.txt" >&2; exit 1; }
score=$(awk -F, 'NR==2 {gsub(/"/,"",$5); printf "%.0f", $5}' "$work/inprocess.csv")
echo "RESULT inprocess threads=$threads rps=$score"
