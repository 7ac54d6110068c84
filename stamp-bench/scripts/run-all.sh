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
bytes=$(grep -m1 'stamp-ocsp' "$results" | sed -n 's/.*ocsp_bytes=\([0-9]*\).*/\1/p')
run nginx "$here/nginx.sh" "${bytes:-1000}"
load_after=$(uptime)

get() { grep "^RESULT $1 " "$results" | grep -E "${3:-.}" | head -1 | sed -n "s/.*\b$2=\([^ ]*\).*/\1/p"; }
ratio() { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }' || echo "-"; }

inproc=$(get inprocess rps); cfssl=$(get cfssl rps); nginx=$(get nginx rps)
echo
echo "Load before: ${load_before#*load average: }; after: ${load_after#*load average: }; $(nproc) CPUs; $((SECONDS - started)) s; ${SECONDS_PER_RUN} s per measured run"
echo
echo "| run | stored certs | req/s | p50 ms | p99 ms | errors | reference (same run) | ratio | fsyncs per cert |"
echo "|---|---|---|---|---|---|---|---|---|"
echo "| in-process pipeline, 16 threads (JMH) | 0 | $inproc | | | | | | |"
echo "| cfssl serve, wrk 16 conns | – | $cfssl | $(get cfssl p50_ms) | $(get cfssl p99_ms) | $(get cfssl errors) | | | |"
for n in $sizes; do
  f="count=$n "
  r=$(get stamp-wrk rps "$f")
  echo "| Stamp HTTPS issuance, wrk 16 conns | $n | $r | $(get stamp-wrk p50_ms "$f") | $(get stamp-wrk p99_ms "$f") | $(get stamp-wrk errors "$f") | in-process $inproc / cfssl $cfssl | $(ratio "$r" "$inproc") / $(ratio "$r" "$cfssl") | $(ratio "$(get stamp-wrk fsyncs "$f")" "$(get stamp-wrk requests "$f")") |"
  j=$(get stamp-java rps "$f")
  [ -n "$j" ] && echo "| Stamp HTTPS issuance, Java client 16 clients | $n | $j | $(get stamp-java p50_ms "$f") | $(get stamp-java p99_ms "$f") | $(get stamp-java errors "$f") | in-process $inproc | $(ratio "$j" "$inproc") | |"
done
echo "| nginx static file ($bytes B), wrk 32 conns | – | $nginx | $(get nginx p50_ms) | $(get nginx p99_ms) | $(get nginx errors) | | | |"
for n in $sizes; do
  f="count=$n "
  o=$(get stamp-ocsp rps "$f")
  echo "| Stamp OCSP GET pre-signed, wrk 32 conns | $n | $o | $(get stamp-ocsp p50_ms "$f") | $(get stamp-ocsp p99_ms "$f") | $(get stamp-ocsp errors "$f") | nginx $nginx | $(ratio "$o" "$nginx") | |"
done
echo
echo "Ratios: Stamp ÷ reference (issuance targets: ≥ 0.5 of in-process, ≥ 1 of cfssl; OCSP target: ≥ 0.5 of nginx)."
