#!/usr/bin/env bash
# Issuance over HTTPS and OCSP GET against the real `stamp server` jar, on a fresh data directory (SQLite, default
# EC P-256 issuing CA), optionally holding COUNT certificates stored beforehand.
#   stamp-server.sh [COUNT]      (COUNT: 0, 10000, 100000, 1000000)
# Prints RESULT lines:
#   stamp-wrk       issuance, wrk, 16 connections, the same CSR bodies as cfssl.sh (fsyncs=N: the server's fsync calls)
#   stamp-java      issuance, HttpsIssuanceLoad (JDK HttpClient), 16 clients
#   stamp-aws       IssueCertificate + GetCertificate pairs through the AWS-compatible API, AwsIssuanceLoad (SigV4 by the
#                   AWS SDK's signer), 16 clients
#   stamp-ocsp      OCSP GET of one pre-signed good response, wrk, 32 connections (and ocsp_bytes=N)
# Env: SECONDS_PER_RUN (20), WARMUP_SECONDS (15), WRK_THREADS (2), SKIP_JAVA_CLIENT=1 to leave out stamp-java,
# SKIP_AWS=1 to leave out stamp-aws, SKIP_OCSP=1 to leave out stamp-ocsp, STAMP_JAR to measure another build (e.g.
# before a change), STAMP_JAVA_OPTS (extra JVM options for the server only, e.g. -XX:StartFlightRecording=...).
# stamp-wrk also prints cpu_ms=N: the server process's CPU time (user + system, /proc/PID/stat) during the measured
# run divided by the requests wrk completed; far less sensitive to other load on the machine than the rate; and
# cpu_ms_nojit=N, the same without the JIT compiler threads; and alloc_kb=N, the KiB the server allocated per request
# (steadier than CPU time on a shared VM, so the measure to compare builds by for small changes).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
count=${1:-0}
need_jars
csr_bodies
data="$work/data-$count"

stamp_init "$data"
if [ "$count" -gt 0 ]; then
  timeout 600 "$JAVA" "${JAVA_OPTS[@]}" -cp "$BENCH_JAR" dev.stamp.bench.Prefill "$data" "$ca_id" "$count" >&2
fi
stamp token create --data "$data" --role issuer --ca "$ca_id" --name bench > "$work/issuer.token" 2>/dev/null
stamp token create --aws --data "$data" --role issuer --ca "$ca_id" --name bench-aws > "$work/aws.key" 2>/dev/null

# The per-token request rate (default 50/s, burst 100) would answer most of the load with 429: lift it for the bench.
printf 'limits:\n  requests-per-second: 1000000\n  burst: 1000000\n' > "$work/stamp.yaml"
start_server "$data" "$work/server-$count.log" --config "$work/stamp.yaml"
url="https://127.0.0.1:$https/api/v1/cas/$ca_id/certificates"

# Warm the JIT (WARMUP_SECONDS, not measured), then measure.
timeout $((WARMUP_SECONDS + 30)) wrk -t"$WRK_THREADS" -c16 --timeout 10s -d"${WARMUP_SECONDS}s" -s "$here/rotate-post.lua" "$url" -- "$CSRS/stamp.bodies" "$work/issuer.token" >/dev/null
# The server's fsync/fdatasync calls during the measured run (perf and kernel tracepoints permitting): with group
# commit, fewer than one per certificate.
fsyncs=
if command -v perf >/dev/null && perf stat -e syscalls:sys_enter_fdatasync -p "$server" -- true >/dev/null 2>&1; then
  perf stat -x, -e syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync -p "$server" -o "$work/fsyncs-$count.csv" \
    -- sleep "$SECONDS_PER_RUN" 2>/dev/null &
  perf_pid=$!
fi
# The same without the JIT compiler threads (C1/C2 CompilerThre...), whose share depends on how warm the server is.
jit_ticks() { cat /proc/"$server"/task/*/stat 2>/dev/null | awk '/\(C[12] Compiler/ { sub(/^.*\) /, ""); n += $12 + $13 } END { print n + 0 }'; }
alloc0=$(allocated_bytes "$server"); cpu0=$(cpu_ticks "$server"); jit0=$(jit_ticks)
line=$(timeout $((SECONDS_PER_RUN + 30)) wrk -t"$WRK_THREADS" -c16 --timeout 10s -d"${SECONDS_PER_RUN}s" --latency -s "$here/rotate-post.lua" \
  "$url" -- "$CSRS/stamp.bodies" "$work/issuer.token" | tee "$work/stamp-wrk-$count.txt" | grep '^RESULT')
cpu1=$(cpu_ticks "$server"); jit1=$(jit_ticks); alloc1=$(allocated_bytes "$server")
nojit_ms=$(awk -v t=$((cpu1 - cpu0 - jit1 + jit0)) -v hz="$(getconf CLK_TCK)" -v n="$(field "$line" requests)" 'BEGIN { printf "%.3f", n ? t * 1000 / hz / n : 0 }')
cpu_ms=$(awk -v t=$((cpu1 - cpu0)) -v hz="$(getconf CLK_TCK)" -v n="$(field "$line" requests)" 'BEGIN { printf "%.3f", n ? t * 1000 / hz / n : 0 }')
if [ -n "${perf_pid:-}" ]; then
  wait "$perf_pid" || true
  fsyncs=$(awk -F, '/sys_enter_f/ { n += $1 } END { print n + 0 }' "$work/fsyncs-$count.csv")
fi
alloc_kb=$(awk -v a=$((alloc1 - alloc0)) -v n="$(field "$line" requests)" 'BEGIN { printf "%.1f", n ? a / 1024 / n : 0 }')
echo "RESULT stamp-wrk count=$count ${line#RESULT } fsyncs=${fsyncs:--} cpu_ms=$cpu_ms cpu_ms_nojit=$nojit_ms alloc_kb=$alloc_kb"

if [ -z "${SKIP_JAVA_CLIENT:-}" ]; then
  out=$(timeout $((SECONDS_PER_RUN + 60)) "$JAVA" -cp "$BENCH_JAR" dev.stamp.bench.HttpsIssuanceLoad "$url" \
    "$work/issuer.token" "$work/root.pem" "$CSRS/stamp.bodies" 16 "$SECONDS_PER_RUN" 5 | tee "$work/stamp-java-$count.txt")
  echo "RESULT stamp-java count=$count rps=$(field "$out" certs_per_second) p50_ms=$(field "$out" p50_ms) p99_ms=$(field "$out" p99_ms) requests=$(field "$out" issued) errors=$(field "$out" errors)"
fi

if [ -z "${SKIP_AWS:-}" ]; then
  out=$(timeout $((SECONDS_PER_RUN + 60)) "$JAVA" -cp "$BENCH_JAR" dev.stamp.bench.AwsIssuanceLoad "https://127.0.0.1:$https" us-east-1 \
    "arn:aws:acm-pca:us-east-1:000000000000:certificate-authority/$ca_id" "$work/aws.key" "$work/root.pem" "$CSRS/stamp.bodies" \
    16 "$SECONDS_PER_RUN" 5 | tee "$work/stamp-aws-$count.txt")
  echo "RESULT stamp-aws count=$count rps=$(field "$out" pairs_per_second) p50_ms=$(field "$out" p50_ms) p99_ms=$(field "$out" p99_ms) requests=$(field "$out" pairs) errors=$(field "$out" errors)"
fi

[ -z "${SKIP_OCSP:-}" ] || exit 0
# OCSP: one certificate, its request without nonce (so the response is pre-signed and cached), GET /ocsp/{base64}.
sed -n 1p "$CSRS/stamp.bodies" > "$work/one.body"
curl -sf --cacert "$work/root.pem" -H "Authorization: Bearer $(cat "$work/issuer.token")" \
  -H 'Content-Type: application/json' --data-binary @"$work/one.body" "https://localhost:$https/api/v1/cas/$ca_id/certificates" \
  | jq -r .certificate > "$work/leaf.pem"
ocsp_get
curl -sf -o "$work/ocsp.resp" "$ocsp_url"
openssl ocsp -respin "$work/ocsp.resp" -issuer "$work/issuing.pem" -cert "$work/leaf.pem" -CAfile "$work/root.pem" -resp_text 2>&1 \
  | grep -q "leaf.pem: good" || { echo "OCSP response is not 'good'" >&2; exit 1; }
bytes=$(stat -c %s "$work/ocsp.resp")
timeout $((WARMUP_SECONDS + 30)) wrk -t"$WRK_THREADS" -c32 -d"${WARMUP_SECONDS}s" "$ocsp_url" >/dev/null
line=$(timeout $((SECONDS_PER_RUN + 30)) wrk -t"$WRK_THREADS" -c32 -d"${SECONDS_PER_RUN}s" --latency -s "$here/summary.lua" "$ocsp_url" \
  | tee "$work/stamp-ocsp-$count.txt" | grep '^RESULT')
echo "RESULT stamp-ocsp count=$count ocsp_bytes=$bytes ${line#RESULT }"
