#!/usr/bin/env bash
# The reference for issuance: `cfssl serve` (Debian's golang-cfssl) with a P-256 CA, signing the same CSRs as
# stamp-server.sh and storing nothing, driven by wrk with 16 connections over plain HTTP on loopback.
# Prints: RESULT cfssl rps=... p50_ms=... p99_ms=... requests=... errors=...
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v cfssl >/dev/null || { echo "cfssl not installed (apt-get install golang-cfssl)" >&2; exit 1; }
need_jars
csr_bodies
mkdir -p "$work/cfssl"
cd "$work/cfssl"
echo '{"CN":"Bench cfssl CA","key":{"algo":"ecdsa","size":256}}' > ca-csr.json
cfssl gencert -initca ca-csr.json 2>/dev/null | cfssljson -bare ca
port=$(free_port)
cfssl serve -address 127.0.0.1 -port "$port" -ca ca.pem -ca-key ca-key.pem > serve.log 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$port/api/v1/cfssl/scaninfo" 30 || wait_http "http://127.0.0.1:$port/" 5 || true
url="http://127.0.0.1:$port/api/v1/cfssl/sign"
# One request by hand first: it must sign, or the figure would be of error answers.
sed -n 1p "$CSRS/cfssl.bodies" > one.body
curl -sf --data-binary @one.body "$url" | jq -e '.success == true and (.result.certificate | startswith("-----BEGIN CERTIFICATE"))' >/dev/null \
  || { echo "cfssl did not sign the first CSR" >&2; exit 1; }
timeout $((WARMUP_SECONDS + 30)) wrk -t"$WRK_THREADS" -c16 --timeout 10s -d"${WARMUP_SECONDS}s" -s "$here/rotate-post.lua" "$url" -- "$CSRS/cfssl.bodies" >/dev/null
line=$(timeout $((SECONDS_PER_RUN + 30)) wrk -t"$WRK_THREADS" -c16 --timeout 10s -d"${SECONDS_PER_RUN}s" --latency -s "$here/rotate-post.lua" \
  "$url" -- "$CSRS/cfssl.bodies" | tee "$work/cfssl-wrk.txt" | grep '^RESULT')
echo "RESULT cfssl ${line#RESULT }"
