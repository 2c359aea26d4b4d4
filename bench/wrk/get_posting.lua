-- GET {BENCH_PREFIX}{id} (the JSON posting, or with /postings/ its page), the id drawn at
-- random from BENCH_IDS (published postings).
local prefix = os.getenv("BENCH_PREFIX") or "/v1/postings/"
local ids = {}
for id in string.gmatch(os.getenv("BENCH_IDS"), "%d+") do
  ids[#ids + 1] = id
end

request = function()
  return wrk.format("GET", prefix .. ids[math.random(#ids)])
end
