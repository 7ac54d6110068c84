-- wrk script: POSTs pre-made JSON bodies (one per line of a file) in turn, optionally with a bearer token.
--   wrk -t2 -c16 -d20s --latency -s rotate-post.lua URL -- BODIES_FILE [TOKEN_FILE]
-- Ends with one machine-readable line (RESULT ...) that run-all.sh collects.
local bodies = {}
local headers = { ["Content-Type"] = "application/json" }
local at = 0

function setup(thread)
  -- Threads start at different places in the list, so they do not send the same CSR at the same moment.
  thread:set("offset", (thread_count or 0) * 997)
  thread_count = (thread_count or 0) + 1
end

function init(args)
  for line in io.lines(args[1]) do bodies[#bodies + 1] = line end
  if args[2] then
    local f = assert(io.open(args[2]))
    headers["Authorization"] = "Bearer " .. f:read("*l")
    f:close()
  end
  at = (offset or 0) % #bodies
end

function request()
  at = at % #bodies + 1
  return wrk.format("POST", nil, headers, bodies[at])
end

-- done(): the RESULT line, as for plain GETs (summary.lua, next to this script).
dofile((debug.getinfo(1, "S").source:match("^@(.*)[/\\]") or ".") .. "/summary.lua")
