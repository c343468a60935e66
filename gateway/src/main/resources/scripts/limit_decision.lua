-- One decision for one caller over every policy that applies to it, atomically: each policy is
-- checked against the state it holds, and only when all of them allow the request is each consumed.
-- A refused request changes nothing, so it is never counted.
--
-- KEYS[i]: policy i's counter; every key of one caller carries the same hash tag (Redis Cluster).
-- ARGV: four values per policy, in the order of KEYS:
--   kind    "rate" (GCRA: limit requests per window, with a burst) or "daily" / "monthly" (a count
--           per UTC calendar window, the same windows as key-core's QuotaPeriod)
--   limit   requests per window (rate) or per calendar window (quota), >= 1
--   window  the rate's window in milliseconds (ignored for quotas)
--   burst   requests a full bucket admits at once (ignored for quotas), >= 1
-- Time is Redis TIME, so every gateway counts on one clock.
-- Returns {allowed (1/0), then per policy: remaining, reset_ms, retry_ms}.

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])   -- microseconds
local now_s = tonumber(time[1])

local function days_from_civil(y, m, d)
  if m <= 2 then y = y - 1 end
  local era = math.floor(y / 400)
  local yoe = y - era * 400
  local mp = (m > 2) and (m - 3) or (m + 9)
  local doy = math.floor((153 * mp + 2) / 5) + d - 1
  local doe = yoe * 365 + math.floor(yoe / 4) - math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
end

-- The window id and its end (microseconds) of a calendar quota.
local function calendar_window(kind)
  local days = math.floor(now_s / 86400)
  if kind == 'daily' then
    return days, (days + 1) * 86400 * 1000000
  end
  local z = days + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local m = (mp < 10) and (mp + 3) or (mp - 9)
  if m <= 2 then y = y + 1 end
  local ny, nm = y, m + 1
  if m == 12 then ny, nm = y + 1, 1 end
  return y * 12 + m - 1, days_from_civil(ny, nm, 1) * 86400 * 1000000
end

local n = #KEYS
local allowed = true
local plans = {}
for i = 1, n do
  local kind = ARGV[4 * i - 3]
  local limit = tonumber(ARGV[4 * i - 2])
  local plan = { kind = kind }
  if kind == 'rate' then
    local interval = tonumber(ARGV[4 * i - 1]) * 1000 / limit
    local tolerance = tonumber(ARGV[4 * i]) * interval
    local tat = tonumber(redis.call('GET', KEYS[i])) or now
    if tat < now then tat = now end
    -- Counted under another policy (the limit was just changed): from now on an empty bucket of the
    -- new one, stored even if this request is refused, so it drains from here.
    if tat > now + tolerance then
      tat = now + tolerance
      plan.clamped = tat
    end
    local next_tat = tat + interval
    plan.ok = next_tat - now <= tolerance
    plan.next_tat = next_tat
    plan.kept = { math.floor((tolerance - (tat - now)) / interval + 1e-9), tat - now, 0 }
    if plan.ok then
      plan.taken = { math.floor((tolerance - (next_tat - now)) / interval + 1e-9), next_tat - now, 0 }
    else
      plan.kept[3] = next_tat - now - tolerance
    end
  else
    local id, window_end = calendar_window(kind)
    local stored = redis.call('HMGET', KEYS[i], 'w', 'n')
    local used = 0
    if tonumber(stored[1]) == id then used = tonumber(stored[2]) or 0 end
    plan.ok = used < limit
    plan.id = id
    plan.same = tonumber(stored[1]) == id
    plan.window_end = window_end
    plan.kept = { math.max(limit - used, 0), window_end - now, 0 }
    if plan.ok then
      plan.taken = { limit - used - 1, window_end - now, 0 }
    else
      plan.kept[3] = window_end - now
    end
  end
  if not plan.ok then allowed = false end
  plans[i] = plan
end

local result = { allowed and 1 or 0 }
for i = 1, n do
  local plan = plans[i]
  local state = plan.kept
  if not allowed and plan.clamped then
    redis.call('SET', KEYS[i], string.format('%.0f', plan.clamped), 'PX', math.ceil((plan.clamped - now) / 1000) + 1000)
  end
  if allowed then
    state = plan.taken
    if plan.kind == 'rate' then
      redis.call('SET', KEYS[i], string.format('%.0f', plan.next_tat), 'PX', math.ceil((plan.next_tat - now) / 1000) + 1000)
    else
      if plan.same then
        redis.call('HINCRBY', KEYS[i], 'n', 1)
      else
        redis.call('HSET', KEYS[i], 'w', plan.id, 'n', 1)
      end
      redis.call('PEXPIREAT', KEYS[i], math.floor(plan.window_end / 1000) + 60000)
    end
  end
  result[#result + 1] = state[1]
  result[#result + 1] = math.ceil(state[2] / 1000)
  result[#result + 1] = math.ceil(state[3] / 1000)
end
return result
