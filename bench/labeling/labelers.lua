-- wrk script: LabelBench's labelers driven by wrk, a load generator written in C, so that the
-- load generator takes less of the 2-core machine than the app it measures (LabelBench's Java HTTP
-- client took 0.35 cores at 4,000 labels/s on one machine, and most of the machine on another).
--
-- Run as `WRK_TOKENS=<file, one token per line> WRK_API=/api/projects/<slug> WRK_MODE=<mode>
-- wrk -t N -c N -s labelers.lua <base-url>`: one thread per connection, so that each thread's Lua
-- state is one labeler (the token on the thread's line of the file) and holds the key its last
-- answer handed out. wrk sends a connection's next request only after the answer to its last.
--   mode "one":     PUT .../labels/me?next=true, one request per label (what the labeling page does);
--   mode "two":     GET queue/next, then PUT the label: two requests per label;
--   mode "me":      GET /api/me with the labeler's token (the lightest authenticated request);
--   mode "trivial": GET /q/health/live without a token (the trivial endpoint).
-- WRK_RATE=<labels/s> makes modes one and two a steady offered load: the labelers share the rate,
-- each with its own fixed times at which its labels are due, whether or not its last answer was
-- late (an open loop); a label's latency runs from when it was due to the answer to its PUT, as in
-- LabelBench. Without WRK_RATE, p50 and p99 are wrk's own, per request, as fast as the app answers.
-- WRK_DUMP=<file> writes each label's due time (CLOCK_MONOTONIC, ms) and latency (ms), one per line.
-- The last line printed is "wrk: <requests> <labels> <errors> <seconds> <p50 ms> <p99 ms> <empty>", empty
-- counting the answers "nothing left" (204) to a request for the next example: the queue ran dry.

local ffi = require("ffi")
ffi.cdef [[
   typedef struct { long tv_sec; long tv_nsec; } concord_timespec;
   int clock_gettime(int clk_id, concord_timespec *tp);
]]
local timespec = ffi.new("concord_timespec")
local function now_ms()
   ffi.C.clock_gettime(1, timespec) -- CLOCK_MONOTONIC
   return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

local rate = tonumber(os.getenv("WRK_RATE") or "")
local threads, next_id = {}, 0

-- setup runs in wrk's main Lua state, before each thread's init: it numbers the threads.
function setup(thread)
   next_id = next_id + 1
   thread:set("id", next_id)
   table.insert(threads, thread)
end

function init(args)
   api, mode = os.getenv("WRK_API"), os.getenv("WRK_MODE")
   local n = 0
   for line in io.lines(os.getenv("WRK_TOKENS")) do
      n = n + 1
      if n == id then token = line end
   end
   if rate then interval = n * 1000 / rate end -- each labeler's share of the rate
   key, pending, labels, errors, empty = nil, nil, 0, 0, 0
   latencies, dues, due, label_due = {}, {}, nil, nil
end

if rate then
   -- Before each request: how long until this labeler's next label is due. The PUT of a
   -- next + submit pair goes at once: it belongs to the label its GET started.
   function delay()
      if mode == "two" and pending == "next" and key then return 0 end
      local t = now_ms()
      due = due and due + interval or t + (id - 1) * 1000 / rate
      return math.max(0, math.ceil(due - t))
   end
end

function request()
   local auth = { ["Authorization"] = token }
   if mode == "me" then
      pending = "me"
      return wrk.format("GET", "/api/me", auth)
   elseif mode == "trivial" then
      pending = "trivial"
      return wrk.format("GET", "/q/health/live")
   end
   if key == nil or mode == "two" and pending ~= "next" then
      pending = "next"
      label_due = due or now_ms()
      return wrk.format("GET", api .. "/queue/next", auth)
   end
   if mode == "one" then label_due = due or now_ms() end
   pending = "label"
   auth["Content-Type"] = "application/json"
   local query = mode == "one" and "?next=true" or ""
   return wrk.format("PUT", api .. "/examples/" .. key .. "/labels/me" .. query, auth, '{"label":"a"}')
end

function response(status, headers, body)
   if status >= 300 and status ~= 204 then
      errors = errors + 1
      key = nil
      return
   end
   if pending == "next" then
      if status == 204 then empty = empty + 1 end
      key = status == 200 and body:match('"key"%s*:%s*"([^"]+)"') or nil
   elseif pending == "label" then
      labels = labels + 1
      if rate then
         latencies[#latencies + 1] = now_ms() - label_due
         dues[#dues + 1] = label_due
      end
      key = mode == "one" and body:match('"next"%s*:%s*{%s*"key"%s*:%s*"([^"]+)"') or nil
   end
end

function done(summary, latency, requests)
   local labels_total, errors_total, empty_total, all = 0, 0, 0, {}
   local dump = rate and os.getenv("WRK_DUMP") and io.open(os.getenv("WRK_DUMP"), "w")
   for _, t in ipairs(threads) do
      labels_total = labels_total + t:get("labels")
      errors_total = errors_total + t:get("errors")
      empty_total = empty_total + t:get("empty")
      if rate then
         local dues = t:get("dues")
         for i, ms in ipairs(t:get("latencies")) do
            all[#all + 1] = ms
            if dump then dump:write(string.format("%.3f %.3f\n", dues[i], ms)) end
         end
      end
   end
   if dump then dump:close() end
   local p50, p99 = latency:percentile(50) / 1000, latency:percentile(99) / 1000
   if rate then
      table.sort(all)
      local function at(p) return #all == 0 and 0 / 0 or all[math.max(1, math.ceil(p * #all))] end
      p50, p99 = at(0.50), at(0.99)
   end
   io.write(string.format("wrk: %d %d %d %.3f %.2f %.2f %d\n", summary.requests, labels_total, errors_total,
      summary.duration / 1e6, p50, p99, empty_total))
end
