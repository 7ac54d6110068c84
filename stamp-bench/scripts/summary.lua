-- wrk script for plain GETs (OCSP, nginx): only adds the machine-readable RESULT line that run-all.sh collects
-- (rotate-post.lua loads it for the same line).
--   wrk -t2 -c32 -d20s --latency -s summary.lua URL
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f requests=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, e.status + e.connect + e.read + e.write + e.timeout))
end
