-- wrk script for bench/webhook-load.sh: POSTs an AdmissionReview (a Pod CREATE) with a fresh uid per request.
-- The body template comes from the environment (REVIEW_FILE); "__UID__" is replaced per request.
local template
local counter = 0

function init(args)
  local path = os.getenv("REVIEW_FILE")
  local file = assert(io.open(path, "rb"), "cannot open " .. tostring(path))
  template = file:read("*a")
  file:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local body = template:gsub("__UID__", string.format("bench-%d-%d", id or 0, counter))
  return wrk.format(nil, os.getenv("REVIEW_PATH") or "/validate", nil, body)
end

function setup(thread)
  thread:set("id", math.random(1, 1e9))
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
