#!/usr/bin/env bash
# Every server benchmark of docs/benchmarks.md in one bounded run (about 8-10 minutes with SECONDS_PER_RUN=20),
# loopback only, printing a markdown table at the end. Needs wrk, nginx, cfssl (see docs/benchmarks.md).
#   stamp-bench/scripts/run-all.sh            # everything
#   SIZES="0 10000" run-all.sh                # fewer stored-certificate sizes
# Env: SECONDS_PER_RUN (20 s per measured run), WRK_THREADS (2), SIZES ("0 10000 100000 1000000").
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_jars
sizes=${SIZES:-"0 10000 100000 1000000"}
results="$work/results.txt"
: > "$results"
load_before=$(uptime)
started=$SECONDS

run() { # run NAME SCRIPT ARGS...: the script's RESULT lines into $results, its other output to a log
  local name=$1; shift
  echo "== $name" >&2
  BENCH_WORK="$work/$name" bash "$@" 2> "$work/$name.log" | grep '^RESULT' | tee -a "$results" >&2 \
    || { echo "$name failed; last lines of its log:" >&2; tail -15 "$work/$name.log" >&2; }
}
export CSR_DIR="$work/csrs-shared"

run inprocess "$here/inprocess.sh"
first=1
for n in $sizes; do
  if [ -n "$first" ]; then run "stamp-$n" "$here/stamp-server.sh" "$n"; first=
  else SKIP_JAVA_CLIENT=1 run "stamp-$n" "$here/stamp-server.sh" "$n"; fi
done
run cfssl "$here/cfssl.sh"
# Not the issue's reference: cfssl doing more of Stamp's work (storing in SQLite as durably, then also over TLS).
CFSSL_DB=1 run cfssl-db "$here/cfssl.sh"
CFSSL_DB=1 CFSSL_TLS=1 run cfssl-db-tls "$here/cfssl.sh"
bytes=$(grep -m1 'stamp-ocsp' "$results" | sed -n 's/.*ocsp_bytes=\([0-9]*\).*/\1/p')
run nginx "$here/nginx.sh" "${bytes:-1000}"
load_after=$(uptime)

bash "$here/table.sh" "$results" "$sizes" "$load_before" "$load_after" "$((SECONDS - started))"
