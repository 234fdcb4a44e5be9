-- wrk script: POSTs the same body (UGC_BODY) with a bearer token (UGC_TOKEN) to the path given on the wrk command line,
-- with an Origin header when UGC_ORIGIN is set.
-- Events without event_id get a fresh id from the server on every request, so each request is a new event.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("UGC_TOKEN")
wrk.body = os.getenv("UGC_BODY")
if os.getenv("UGC_ORIGIN") then
  -- a browser's cross-origin request: the API's CORS handler checks it and adds its headers
  wrk.headers["Origin"] = os.getenv("UGC_ORIGIN")
end

-- No response() function: with one, wrk parses every response's headers and body into Lua (its SCRIPTING notes call
-- that expensive), CPU taken from the API under test on the same cores that a GET /health/live run without a script
-- does not spend. wrk counts non-2xx answers itself (summary.errors.status, printed below).
done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms  p95 %.2f ms  p99 %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
  io.write(string.format("non-2xx/3xx responses: %d, socket errors: connect %d read %d write %d timeout %d\n",
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
