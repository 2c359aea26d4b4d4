-- GET /v1/postings/{id}, the id drawn at random from BENCH_IDS (published postings).
local ids = {}
for id in string.gmatch(os.getenv("BENCH_IDS"), "%d+") do
  ids[#ids + 1] = id
end

request = function()
  return wrk.format("GET", "/v1/postings/" .. ids[math.random(#ids)])
end
