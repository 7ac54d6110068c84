#!/usr/bin/env bash
# The reference for OCSP: nginx serving a static file of BYTES bytes (the size of Stamp's OCSP response), keep-alive,
# driven by wrk with 32 connections on loopback, exactly as stamp-server.sh drives OCSP.
#   nginx.sh BYTES
# Prints: RESULT nginx bytes=... rps=... p50_ms=... p99_ms=... requests=... errors=...
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bytes=${1:?usage: nginx.sh BYTES}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "nginx not installed (apt-get install nginx-light)" >&2; exit 1; }
# nginx workers run as another user: the work directory (mktemp: 0700) must let them in.
chmod 755 "$work"
mkdir -p "$work/nginx/html" "$work/nginx/logs"
head -c "$bytes" /dev/urandom > "$work/nginx/html/response.der"
port=$(free_port)
cat > "$work/nginx/nginx.conf" <<CONF
daemon off;
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log $work/nginx/logs/access.log;
  keepalive_requests 1000000;
  types { application/ocsp-response der; }
  server {
    listen 127.0.0.1:$port;
    root $work/nginx/html;
  }
}
CONF
"$NGINX" -p "$work/nginx" -c "$work/nginx/nginx.conf" &
pids+=($!)
url="http://127.0.0.1:$port/response.der"
wait_http "$url" 20
timeout $((WARMUP_SECONDS + 30)) wrk -t"$WRK_THREADS" -c32 -d"${WARMUP_SECONDS}s" "$url" >/dev/null
line=$(timeout $((SECONDS_PER_RUN + 30)) wrk -t"$WRK_THREADS" -c32 -d"${SECONDS_PER_RUN}s" --latency -s "$here/summary.lua" "$url" \
  | tee "$work/nginx-wrk.txt" | grep '^RESULT')
echo "RESULT nginx bytes=$bytes ${line#RESULT }"
