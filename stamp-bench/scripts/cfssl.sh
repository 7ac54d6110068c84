#!/usr/bin/env bash
# The reference for issuance: `cfssl serve` (Debian's golang-cfssl) with a P-256 CA, signing the same CSRs as
# stamp-server.sh and storing nothing, driven by wrk with 16 connections over plain HTTP on loopback.
# Prints: RESULT cfssl rps=... p50_ms=... p99_ms=... requests=... errors=... [stored=N]
# Env: CFSSL_DB=1 makes cfssl store every certificate in SQLite (its certdb, `-db-config`) in WAL mode with
# synchronous=FULL, the durability Stamp gives; CFSSL_TLS=1 serves over HTTPS (a P-256 certificate for 127.0.0.1
# from the same CA). Neither is the issue's reference; they show what cfssl costs doing more of Stamp's work.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v cfssl >/dev/null || { echo "cfssl not installed (apt-get install golang-cfssl)" >&2; exit 1; }
need_jars
csr_bodies
mkdir -p "$work/cfssl"
cd "$work/cfssl"
echo '{"CN":"Bench cfssl CA","key":{"algo":"ecdsa","size":256}}' > ca-csr.json
cfssl gencert -initca ca-csr.json 2>/dev/null | cfssljson -bare ca
port=$(free_port)
options=()
name=cfssl
scheme=http
if [ -n "${CFSSL_DB:-}" ]; then
  # cfssl 1.2's certdb schema (the columns its INSERT names); WAL is a property of the file, so cfssl keeps it, and
  # go-sqlite3 commits with SQLite's default synchronous=FULL.
  rm -f certs.db certs.db-wal certs.db-shm
  python3 - <<'PY'
import sqlite3
db = sqlite3.connect("certs.db")
db.execute("PRAGMA journal_mode=WAL")
db.executescript("""
CREATE TABLE certificates (serial_number blob NOT NULL, authority_key_identifier blob NOT NULL, ca_label blob,
  status blob NOT NULL, reason int, expiry timestamp, revoked_at timestamp, pem blob NOT NULL,
  PRIMARY KEY(serial_number, authority_key_identifier));
CREATE TABLE ocsp_responses (serial_number blob NOT NULL, authority_key_identifier blob NOT NULL, body blob NOT NULL,
  expiry timestamp, PRIMARY KEY(serial_number, authority_key_identifier),
  FOREIGN KEY(serial_number, authority_key_identifier) REFERENCES certificates(serial_number, authority_key_identifier));
""")
db.commit()
PY
  echo '{"driver":"sqlite3","data_source":"certs.db"}' > db.json
  options+=(-db-config db.json)
  name=cfssl-db
fi
if [ -n "${CFSSL_TLS:-}" ]; then
  echo '{"CN":"127.0.0.1","hosts":["127.0.0.1"],"key":{"algo":"ecdsa","size":256}}' > tls-csr.json
  cfssl gencert -ca ca.pem -ca-key ca-key.pem tls-csr.json 2>/dev/null | cfssljson -bare tls
  options+=(-tls-cert tls.pem -tls-key tls-key.pem)
  name=$name-tls
  scheme=https
fi
cfssl serve -address 127.0.0.1 -port "$port" -ca ca.pem -ca-key ca-key.pem "${options[@]}" > serve.log 2>&1 &
pids+=($!)
wait_http "$scheme://127.0.0.1:$port/api/v1/cfssl/scaninfo" 30 || wait_http "$scheme://127.0.0.1:$port/" 5 || true
url="$scheme://127.0.0.1:$port/api/v1/cfssl/sign"
# One request by hand first: it must sign, or the figure would be of error answers.
sed -n 1p "$CSRS/cfssl.bodies" > one.body
curl -sf --cacert ca.pem --data-binary @one.body "$url" | jq -e '.success == true and (.result.certificate | startswith("-----BEGIN CERTIFICATE"))' >/dev/null \
  || { echo "cfssl did not sign the first CSR" >&2; exit 1; }
timeout $((WARMUP_SECONDS + 30)) wrk -t"$WRK_THREADS" -c16 --timeout 10s -d"${WARMUP_SECONDS}s" -s "$here/rotate-post.lua" "$url" -- "$CSRS/cfssl.bodies" >/dev/null
line=$(timeout $((SECONDS_PER_RUN + 30)) wrk -t"$WRK_THREADS" -c16 --timeout 10s -d"${SECONDS_PER_RUN}s" --latency -s "$here/rotate-post.lua" \
  "$url" -- "$CSRS/cfssl.bodies" | tee "$work/cfssl-wrk.txt" | grep '^RESULT')
stored=
if [ -n "${CFSSL_DB:-}" ]; then
  stored=" stored=$(python3 -c 'import sqlite3; print(sqlite3.connect("certs.db").execute("SELECT COUNT(*) FROM certificates").fetchone()[0])')"
fi
echo "RESULT $name ${line#RESULT }$stored"
