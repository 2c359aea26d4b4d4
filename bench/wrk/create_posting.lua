-- POST /v1/postings with an admin key: a new posting of a typical size per request.
local counter = 0
local description = string.rep("We build open research infrastructure with care. ", 20)

request = function()
  counter = counter + 1
  local body = string.format(
    '{"organisation": "org-1", "title": "Benchmark Engineer %d", "location": "Berlin",' ..
    ' "remote": "hybrid", "deadline": "2099-01-31", "tags": ["bench", "python"],' ..
    ' "description": "%s"}', counter, description)
  return wrk.format("POST", "/v1/postings", {
    ["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY"),
    ["Content-Type"] = "application/json",
  }, body)
end
