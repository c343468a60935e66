-- Sends each request with a credential from CRED_FILE in header CRED_HEADER (prefixed by CRED_PREFIX).
-- Threads walk disjoint slices, so "each key once" files stay "each key once" across threads.
-- Without CRED_FILE it sends plain requests. With ONE_PASS=1 each thread stops after its slice
-- (every credential sent once: a cache preload). done() prints one machine-readable RESULT line.
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  creds = {}
  file = os.getenv("CRED_FILE")
  header = os.getenv("CRED_HEADER")
  prefix = os.getenv("CRED_PREFIX") or ""
  step = tonumber(os.getenv("WRK_THREADS") or "1")
  if file and file ~= "" then
    for line in io.lines(file) do creds[#creds + 1] = line end
  end
  idx = id
  one_pass = os.getenv("ONE_PASS") == "1"
end

function response(status, headers, body)
  if one_pass and idx >= #creds then
    wrk.thread:stop()
  end
end

function request()
  if #creds == 0 then
    return wrk.format(nil, nil, nil)
  end
  local cred = creds[(idx % #creds) + 1]
  idx = idx + step
  return wrk.format(nil, nil, { [header] = prefix .. cred })
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d non2xx=%d socket_errors=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end

-- With PACE_MS set, each connection waits that long before each request: c connections then send
-- about c × 1000 / (PACE_MS + latency in ms) requests a second (bench/flood.sh's paced loads).
local pace = tonumber(os.getenv("PACE_MS") or "")
if pace then
  function delay()
    return pace
  end
end
