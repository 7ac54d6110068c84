#!/usr/bin/env bash
# Prints run-all.sh's markdown table from a file of RESULT lines (run-all.sh calls it; also usable on a kept run):
#   table.sh RESULTS_FILE "SIZES" "LOAD_BEFORE" "LOAD_AFTER" ELAPSED_SECONDS
set -euo pipefail
results=$1; sizes=$2; load_before=${3:-}; load_after=${4:-}; elapsed=${5:-}
get() { { grep "^RESULT $1 " "$results" | grep -E "${3:-.}" | head -1 | sed -n "s/.*\b$2=\([^ ]*\).*/\1/p"; } || true; }
ratio() { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }' || echo "-"; }

inproc=$(get inprocess rps); cfssl=$(get cfssl rps); cfssl_db=$(get cfssl-db rps); cfssl_db_tls=$(get cfssl-db-tls rps); nginx=$(get nginx rps); bytes=$(get nginx bytes)
echo
echo "Load before: ${load_before#*load average: }; after: ${load_after#*load average: }; $(nproc) CPUs; ${elapsed} s; ${SECONDS_PER_RUN:-20} s per measured run"
echo
echo "| run | stored certs | req/s | p50 ms | p99 ms | errors | reference (same run) | ratio | fsyncs per cert |"
echo "|---|---|---|---|---|---|---|---|---|"
echo "| in-process pipeline, 16 threads (JMH) | 0 | $inproc | | | | | | |"
echo "| cfssl serve, wrk 16 conns | – | $cfssl | $(get cfssl p50_ms) | $(get cfssl p99_ms) | $(get cfssl errors) | | | |"
[ -z "$cfssl_db" ] || echo "| cfssl serve storing in SQLite (WAL, synchronous=FULL), wrk 16 conns | – | $cfssl_db | $(get cfssl-db p50_ms) | $(get cfssl-db p99_ms) | $(get cfssl-db errors) | | | |"
[ -z "$cfssl_db_tls" ] || echo "| cfssl serve storing in SQLite, over HTTPS, wrk 16 conns | – | $cfssl_db_tls | $(get cfssl-db-tls p50_ms) | $(get cfssl-db-tls p99_ms) | $(get cfssl-db-tls errors) | | | |"
for n in $sizes; do
  f="count=$n "
  r=$(get stamp-wrk rps "$f")
  echo "| Stamp HTTPS issuance, wrk 16 conns | $n | $r | $(get stamp-wrk p50_ms "$f") | $(get stamp-wrk p99_ms "$f") | $(get stamp-wrk errors "$f") | in-process $inproc / cfssl $cfssl${cfssl_db_tls:+ / cfssl storing, HTTPS $cfssl_db_tls} | $(ratio "$r" "$inproc") / $(ratio "$r" "$cfssl")${cfssl_db_tls:+ / $(ratio "$r" "$cfssl_db_tls")} | $(ratio "$(get stamp-wrk fsyncs "$f")" "$(get stamp-wrk requests "$f")") |"
  j=$(get stamp-java rps "$f")
  [ -z "$j" ] || echo "| Stamp HTTPS issuance, Java client 16 clients | $n | $j | $(get stamp-java p50_ms "$f") | $(get stamp-java p99_ms "$f") | $(get stamp-java errors "$f") | in-process $inproc | $(ratio "$j" "$inproc") | |"
  a=$(get stamp-aws rps "$f")
  [ -z "$a" ] || echo "| Stamp AWS API IssueCertificate+GetCertificate pairs, 16 clients (SigV4) | $n | $a | $(get stamp-aws p50_ms "$f") | $(get stamp-aws p99_ms "$f") | $(get stamp-aws errors "$f") | native Java client $j | $(ratio "$a" "$j") | |"
done
echo "| nginx static file ($bytes B), wrk 32 conns | – | $nginx | $(get nginx p50_ms) | $(get nginx p99_ms) | $(get nginx errors) | | | |"
for n in $sizes; do
  f="count=$n "
  o=$(get stamp-ocsp rps "$f")
  echo "| Stamp OCSP GET pre-signed, wrk 32 conns | $n | $o | $(get stamp-ocsp p50_ms "$f") | $(get stamp-ocsp p99_ms "$f") | $(get stamp-ocsp errors "$f") | nginx $nginx | $(ratio "$o" "$nginx") | |"
done
echo
echo "Ratios: Stamp ÷ reference (issuance targets: ≥ 0.5 of in-process, ≥ 1 of cfssl storing nothing; OCSP target: ≥ 0.5 of nginx)."
