-- wrk script: POST /api/v1/booking/staff/bookings, each request for its own household (ids BASE + tid*STRIDE + n)
-- with a unique Idempotency-Key, as a facility manager (bearer TOKEN). Environment: TOKEN, RESOURCE, START, END,
-- BASE, STRIDE, PREFIX; SPREAD=1 spreads requests over the 80 weekday slots of 2026-12-02..30 (START/END unused),
-- as a day of many bookings does, instead of piling them all into one slot.
local counter = 0
local tid = 0
local threads = {}
local next_tid = 0

function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
  table.insert(threads, thread)
end

function init(args)
  tid = tonumber(wrk.thread:get("tid")) or 0
end

local token = os.getenv("TOKEN")
local resource = os.getenv("RESOURCE")
local start_at = os.getenv("START")
local end_at = os.getenv("END")
local base = tonumber(os.getenv("BASE"))
local stride = tonumber(os.getenv("STRIDE"))
local prefix = os.getenv("PREFIX")
local spread = os.getenv("SPREAD") == "1"
local days = {2, 3, 4, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18, 21, 22, 23, 24, 28, 29, 30}
local hours = {9, 11, 13, 15}

function request()
  counter = counter + 1
  local hh = base + tid * stride + counter
  local s, e = start_at, end_at
  if spread then
    local d = days[(counter % #days) + 1]
    local h = hours[(math.floor(counter / #days) + tid) % #hours + 1]
    s = string.format("2026-12-%02dT%02d:00:00+09:00", d, h)
    e = string.format("2026-12-%02dT%02d:00:00+09:00", d, h + 2)
  end
  local body = '{"household_id":' .. hh .. ',"resource_id":' .. resource .. ',"start":"' .. s ..
               '","end":"' .. e .. '","channel":"phone"}'
  local headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = prefix .. "-" .. tid .. "-" .. counter,
  }
  return wrk.format("POST", "/api/v1/booking/staff/bookings", headers, body)
end
