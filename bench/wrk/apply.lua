-- POST /v1/postings/{id}/applications as multipart with a 200 KB PDF CV; one applicant per
-- request, since a second application by the same email is refused.
local boundary = "bench-boundary-7d1c"
local cv = "%PDF-1.4\n" .. string.rep("0", 200 * 1024) .. "\n%%EOF\n"
local path = "/v1/postings/" .. os.getenv("BENCH_POSTING") .. "/applications"
local counter = 0
local threads = 0

local function field(name, value)
  return "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"" .. name ..
    "\"\r\n\r\n" .. value .. "\r\n"
end

local tail = "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"cv\"; " ..
  "filename=\"cv.pdf\"\r\nContent-Type: application/pdf\r\n\r\n" .. cv .. "\r\n--" ..
  boundary .. "--\r\n"

-- Unique across wrk's threads and across runs against the same database.
setup = function(thread)
  threads = threads + 1
  thread:set("thread_tag", os.getenv("BENCH_RUN") .. "-" .. threads)
end

request = function()
  counter = counter + 1
  local body = field("name", "Bench Applicant") ..
    field("email", "bench-" .. thread_tag .. "-" .. counter .. "@example.org") ..
    field("consent", "true") .. field("cover_letter", "I would love to work on this.") .. tail
  return wrk.format("POST", path, {
    ["Content-Type"] = "multipart/form-data; boundary=" .. boundary,
  }, body)
end
