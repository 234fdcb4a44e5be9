-- wrk script: like post.lua, but each request carries the next of many users' tokens (UGC_TOKENS_FILE, one token per
-- line, e.g. from `./ugc token --user u1 --user u2 ...`), so that the events spread over users — and, keyed by user,
-- over Kafka partitions — as real traffic does, instead of one user's token on every request. Every request is
-- formatted once at start-up; each wrk thread walks the list from its own starting point.
local tokens = {}
for line in io.lines(os.getenv("UGC_TOKENS_FILE")) do
  if #line > 0 then
    tokens[#tokens + 1] = line
  end
end

local threads = 0
setup = function(thread)
  thread:set("thread_index", threads)
  threads = threads + 1
end

local requests = {}
local next_request = 1
init = function(args)
  local body = os.getenv("UGC_BODY")
  for i, token in ipairs(tokens) do
    requests[i] = wrk.format("POST", nil,
      { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
  end
  next_request = ((thread_index or 0) * math.floor(#requests / 2)) % #requests + 1
end

request = function()
  local r = requests[next_request]
  next_request = next_request % #requests + 1
  return r
end

done = function(summary, latency, requests)
  io.write(string.format("users %d\n", #tokens))
  io.write(string.format("p50 %.2f ms  p95 %.2f ms  p99 %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
  io.write(string.format("non-2xx/3xx responses: %d, socket errors: connect %d read %d write %d timeout %d\n",
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
