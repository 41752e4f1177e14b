-- wrk script of bench/multi-node.sh: signed-in reads ({ me { email } } and the company's workstations)
-- and, one request in ten, a write (a new workstation with a label unique to the thread and request).
-- Counts per outcome, summed over threads in done(); written to MULTI_NODE_COUNTS as key=value lines.
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
  n = 0
  reads_ok, writes_ok, refused, failed = 0, 0, 0, 0
  wrk.headers["Host"] = "sstrn.localhost"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
  n = n + 1
  local body
  if n % 10 == 0 then
    body = string.format('{"query":"mutation { createWorkstation(input: { companyId: \\"%s\\", label: \\"WRK-%d-%d\\", cspCode: \\"676a\\", risks: [], confirmDuplicate: true }) { workstation { id } errors { code } } }"}', company, id, n)
  elseif n % 2 == 0 then
    body = string.format('{"query":"{ company(id: \\"%s\\") { name workstations(first: 5) { totalCount } } }"}', company)
  else
    body = '{"query":"{ me { email } }"}'
  end
  return wrk.format("POST", "/graphql", nil, body)
end

function response(status, headers, body)
  if status ~= 200 then
    failed = failed + 1
  elseif string.find(body, '"errors":%[{') and not string.find(body, '"createWorkstation"') then
    refused = refused + 1
  elseif string.find(body, '"createWorkstation":{"workstation":{"id"') then
    writes_ok = writes_ok + 1
  elseif string.find(body, '"createWorkstation"') then
    refused = refused + 1
  else
    reads_ok = reads_ok + 1
  end
end

function done(summary, latency, requests)
  local totals = { reads_ok = 0, writes_ok = 0, refused = 0, failed = 0 }
  for _, thread in ipairs(threads) do
    for key, _ in pairs(totals) do totals[key] = totals[key] + (thread:get(key) or 0) end
  end
  local out = io.open(os.getenv("MULTI_NODE_COUNTS"), "w")
  for key, value in pairs(totals) do out:write(key, "=", value, "\n") end
  out:write("requests=", summary.requests, "\n")
  out:write("socket_errors=", summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, "\n")
  out:write("non_2xx=", summary.errors.status, "\n")
  out:write("rps=", string.format("%.0f", summary.requests / (summary.duration / 1e6)), "\n")
  out:write("p99_ms=", string.format("%.1f", latency:percentile(99) / 1000), "\n")
  out:close()
end
