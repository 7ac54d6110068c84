# Shared by the benchmark scripts: paths, the JDK, waiting for ports, and cleanup of what a script started.
# Loopback only; every load run is bounded by wrk's -d or the Java client's duration.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
JAVA_HOME=${JAVA_HOME:-$("$root/bin/find-jdk")}
JAVA="$JAVA_HOME/bin/java"
JAVA_OPTS=(--enable-native-access=ALL-UNNAMED)
STAMP_JAR=${STAMP_JAR:-"$root/stamp-cli/target/stamp.jar"}
BENCH_JAR="$root/stamp-bench/target/benchmarks.jar"
SECONDS_PER_RUN=${SECONDS_PER_RUN:-20}
# Unmeasured load before each measured run: the server's JIT needs it (C2 compiles the pipeline, TLS, JDBC).
WARMUP_SECONDS=${WARMUP_SECONDS:-15}
WRK_THREADS=${WRK_THREADS:-2}
work=${BENCH_WORK:-$(mktemp -d /tmp/stamp-bench.XXXXXX)}
mkdir -p "$work"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "${BENCH_KEEP:-}" ] || [ -n "${BENCH_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT INT TERM

need_jars() {
  [ -f "$STAMP_JAR" ] && [ -f "$BENCH_JAR" ] && return 0
  echo "building stamp.jar and benchmarks.jar..." >&2
  (cd "$root" && ./mvnw -q -B -o -pl stamp-cli,stamp-bench -am package -DskipTests)
}

# wait_http URL SECONDS: until URL answers 2xx, at most SECONDS.
wait_http() {
  local url=$1 deadline=$((SECONDS + $2))
  until curl -ksf -o /dev/null "$url"; do
    [ $SECONDS -lt $deadline ] || { echo "no answer from $url after $2 s" >&2; return 1; }
    sleep 0.2
  done
}

# free_port: a TCP port nobody listens on right now (loopback).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# result_field LINE NAME: the value of NAME=... in a RESULT/key=value line.
field() { sed -n "s/.*\b$2=\([^ ]*\).*/\1/p" <<<"$1" | head -1; }

# The same 1024 P-256 CSRs for Stamp and cfssl (CSR_DIR shares them between scripts).
CSRS=${CSR_DIR:-$work/csrs}
csr_bodies() {
  [ -f "$CSRS/stamp.bodies" ] || "$JAVA" "${JAVA_OPTS[@]}" -cp "$BENCH_JAR" dev.stamp.bench.CsrBodies "$CSRS" 1024 >&2
}

# stamp ARGS...: the stamp CLI of STAMP_JAR.
stamp() { "$JAVA" "${JAVA_OPTS[@]}" -jar "$STAMP_JAR" "$@"; }

# stamp_init DATA: `stamp init` of a fresh data directory; sets root_id and ca_id (the issuing CA).
stamp_init() {
  local init
  init=$(stamp init --data "$1")
  root_id=$(sed -n 's/^ *root CA: *\([^ ]*\).*/\1/p' <<<"$init")
  ca_id=$(sed -n 's/^ *issuing CA: *\([^ ]*\).*/\1/p' <<<"$init")
}

# start_server DATA LOG [SERVER_OPTIONS...]: `stamp server` on two free loopback ports, stopped on exit; sets server
# (the JVM's pid), https and http (the ports), waits until it is ready and writes $work/root.pem and $work/issuing.pem.
start_server() {
  local data=$1 log=$2
  shift 2
  https=$(free_port); http=$(free_port)
  # Started directly (not through the stamp function), so that $! is the JVM and the trap stops it.
  "$JAVA" "${JAVA_OPTS[@]}" ${STAMP_JAVA_OPTS:-} -jar "$STAMP_JAR" server "$@" --data "$data" --listen "127.0.0.1:$https" \
    --http-listen "127.0.0.1:$http" > "$log" 2>&1 &
  server=$!
  pids+=($server)
  wait_http "http://127.0.0.1:$http/readyz" 120
  curl -sf "http://127.0.0.1:$http/ca/$root_id.cer" | openssl x509 -inform DER -out "$work/root.pem"
  curl -sf "http://127.0.0.1:$http/ca/$ca_id.cer" | openssl x509 -inform DER -out "$work/issuing.pem"
}

# cpu_ticks PID: the process's CPU time so far (user + system, /proc/PID/stat), in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# allocated_bytes PID: bytes the JVM's live threads have allocated so far (jcmd Thread.print -e, summed; virtual
# threads count on their carriers). Per request, a far steadier measure of the work done than CPU time on this VM.
allocated_bytes() {
  "$JAVA_HOME/bin/jcmd" "$1" Thread.print -e 2>/dev/null | grep -o 'allocated=[0-9]*[BKMG]' | awk -F= '
    { v = $2; u = substr(v, length(v)); n = substr(v, 1, length(v) - 1)
      n *= (u == "K" ? 1024 : u == "M" ? 1048576 : u == "G" ? 1073741824 : 1); total += n }
    END { printf "%.0f\n", total }'
}

# ocsp_get: an OCSP request without nonce (so the response is pre-signed and cached) for $work/leaf.pem issued by
# $work/issuing.pem, in $work/ocsp.req; sets ocsp_url, its GET URL on the server's http port.
ocsp_get() {
  openssl ocsp -issuer "$work/issuing.pem" -cert "$work/leaf.pem" -no_nonce -reqout "$work/ocsp.req" >/dev/null 2>&1 \
    || openssl ocsp -issuer "$work/issuing.pem" -cert "$work/leaf.pem" -no_nonce -reqout "$work/ocsp.req" -url "http://127.0.0.1:$http/ocsp" >/dev/null 2>&1 || true
  local b64
  b64=$(openssl base64 -A -in "$work/ocsp.req" | sed 's/+/%2B/g; s/\//%2F/g; s/=/%3D/g')
  ocsp_url="http://127.0.0.1:$http/ocsp/$b64"
}
