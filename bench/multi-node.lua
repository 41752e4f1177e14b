-- wrk script of bench/multi-node.sh: signed-in reads ({ me { email } } and the company's workstations)
-- and, one request in ten, a write (a new workstation with a label unique to the phase, thread and request).
-- Each answer is sorted by kind, HTTP status and error codes (GraphQL errors[].extensions.code and the
-- payload's errors[].code, else the first error message), so that a failure says why. The id of each
-- acknowledged write (HTTP 200, a workstation, no error) goes to MULTI_NODE_COUNTS.ids.<thread>: the
-- script looks every one up in the database afterwards. Totals are written to MULTI_NODE_COUNTS as
-- key=value lines, the outcomes to MULTI_NODE_COUNTS.outcomes as « count<TAB>kind HTTP status codes ».
-- The kind is also in the query string (?kind=…), for nginx's log: a 502 page names no GraphQL field.
local threads = {}
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
  table.insert(threads, thread)
end

function init(args)
  token = os.getenv("MULTI_NODE_TOKEN")
  company = os.getenv("MULTI_NODE_COMPANY")
  phase = os.getenv("MULTI_NODE_PHASE") or "CHARGE"
  n = 0
  reads_ok, writes_ok, refused, failed = 0, 0, 0, 0
  outcomes = {}
  ids = io.open(os.getenv("MULTI_NODE_COUNTS") .. ".ids." .. id, "w")
  wrk.headers["Host"] = "sstrn.localhost"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
  n = n + 1
  local body, kind
  if n % 10 == 0 then
    -- A label as a user writes one: words with vowels (« WRK-1-10 » was refused as an acronym, ACRONYM).
    kind = "write"
    body = string.format('{"query":"mutation { createWorkstation(input: { companyId: \\"%s\\", label: \\"Poste de banc %s %d-%d\\", cspCode: \\"676a\\", risks: [], confirmDuplicate: true }) { workstation { id } errors { code message } } }"}', company, phase, id, n)
  elseif n % 2 == 0 then
    kind = "company"
    body = string.format('{"query":"{ company(id: \\"%s\\") { name workstations(first: 5) { totalCount } } }"}', company)
  else
    kind = "me"
    body = '{"query":"{ me { email } }"}'
  end
  return wrk.format("POST", "/graphql?kind=" .. kind, nil, body)
end

-- The error codes of an answer, sorted and distinct ("ACRONYM", "INVALID_TOKEN,NOT_FOUND"), else its first message.
local function reasons(body)
  local seen, codes = {}, {}
  for code in string.gmatch(body, '"code":"([%w_%.%-]+)"') do
    if not seen[code] then seen[code] = true; table.insert(codes, code) end
  end
  table.sort(codes)
  if #codes > 0 then return table.concat(codes, ",") end
  local message = string.match(body, '"message":"(.-)"')
  if message then return "message: " .. string.sub(message, 1, 120) end
  return ""
end

local function kind_of(body)
  if string.find(body, '"createWorkstation"', 1, true) then return "write" end
  if string.find(body, '"company"', 1, true) then return "company" end
  if string.find(body, '"me"', 1, true) then return "me" end
  return "?"
end

function response(status, headers, body)
  local kind = kind_of(body)
  local why = reasons(body)
  local key = string.format("%-7s HTTP %d %s", kind, status, why)
  outcomes[key] = (outcomes[key] or 0) + 1
  if status ~= 200 then
    failed = failed + 1
  elseif kind == "write" then
    local written = string.match(body, '"createWorkstation":{"workstation":{"id":"([%x%-]+)"}')
    if written and string.find(body, '"errors":[]', 1, true) then
      writes_ok = writes_ok + 1
      ids:write(written, "\n")
      ids:flush()
    else
      refused = refused + 1
    end
  elseif why ~= "" then
    refused = refused + 1
  else
    reads_ok = reads_ok + 1
  end
end

function done(summary, latency, requests)
  local totals = { reads_ok = 0, writes_ok = 0, refused = 0, failed = 0 }
  local all = {}
  for _, thread in ipairs(threads) do
    for key, _ in pairs(totals) do totals[key] = totals[key] + (thread:get(key) or 0) end
    for key, count in pairs(thread:get("outcomes") or {}) do all[key] = (all[key] or 0) + count end
  end
  local path = os.getenv("MULTI_NODE_COUNTS")
  local out = io.open(path, "w")
  for key, value in pairs(totals) do out:write(key, "=", value, "\n") end
  out:write("requests=", summary.requests, "\n")
  out:write("socket_errors=", summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, "\n")
  out:write("non_2xx=", summary.errors.status, "\n")
  out:write("rps=", string.format("%.0f", summary.requests / (summary.duration / 1e6)), "\n")
  out:write("p99_ms=", string.format("%.1f", latency:percentile(99) / 1000), "\n")
  out:close()
  out = io.open(path .. ".outcomes", "w")
  for key, count in pairs(all) do out:write(count, "\t", key, "\n") end
  out:close()
end
