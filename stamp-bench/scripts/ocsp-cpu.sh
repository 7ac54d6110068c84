#!/usr/bin/env bash
# CPU cost of one OCSP GET of a pre-signed response: the server's process CPU time (utime+stime from /proc/PID/stat)
# over a bounded wrk run, divided by the requests served. Far less sensitive to a busy machine than req/s.
#   ocsp-cpu.sh            (STAMP_JAR=... to measure another build; JFR=file.jfr to record the measured run)
# Prints: RESULT stamp-ocsp-cpu cpu_us_per_req=... rps=... requests=... ocsp_bytes=...
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
data="$work/data"
stamp_init "$data"
stamp token create --data "$data" --role issuer --ca "$ca_id" --name bench > "$work/issuer.token" 2>/dev/null
start_server "$data" "$work/server.log"
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/leaf.key" -subj /CN=ocsp.bench -out "$work/leaf.csr" 2>/dev/null
jq -n --rawfile csr "$work/leaf.csr" '{csr: $csr, validity: "90d"}' > "$work/one.body"
curl -sf --cacert "$work/root.pem" -H "Authorization: Bearer $(cat "$work/issuer.token")" -H 'Content-Type: application/json' \
  --data-binary @"$work/one.body" "https://localhost:$https/api/v1/cas/$ca_id/certificates" | jq -r .certificate > "$work/leaf.pem"
ocsp_get
curl -sf -o "$work/ocsp.resp" "$ocsp_url"
bytes=$(stat -c %s "$work/ocsp.resp")
timeout $((WARMUP_SECONDS + 30)) wrk -t"$WRK_THREADS" -c32 -d"${WARMUP_SECONDS}s" "$ocsp_url" >/dev/null
[ -z "${JFR:-}" ] || "$JAVA_HOME/bin/jcmd" "$server" JFR.start name=ocsp settings=profile >/dev/null
before=$(cpu_ticks "$server")
line=$(timeout $((SECONDS_PER_RUN + 30)) wrk -t"$WRK_THREADS" -c32 -d"${SECONDS_PER_RUN}s" --latency -s "$here/summary.lua" "$ocsp_url" | grep '^RESULT')
after=$(cpu_ticks "$server")
# The recording (when asked for) covers the measured run only; its own cost is small but counted above.
requests=$(field "$line" requests)
hz=$(getconf CLK_TCK)
echo "RESULT stamp-ocsp-cpu cpu_us_per_req=$(( (after - before) * 1000000 / hz / requests )) ocsp_bytes=$bytes ${line#RESULT }"
[ -z "${JFR:-}" ] || "$JAVA_HOME/bin/jcmd" "$server" JFR.stop name=ocsp filename="$JFR" >/dev/null
