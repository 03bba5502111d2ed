/**
 * The shared limits in one Lua script, so the check and the grant are one atomic step for every
 * replica: the same two token buckets as the local limiter (token-bucket.ts, shapes from
 * rate-limit-buckets.ts), a hash {t: tokens, u: updated at} per bucket, refilled on the caller's
 * clock. A bucket may go negative: the grant then lies in the future and the caller waits for it,
 * in arrival order; it is refused, and nothing taken, when it would come after the deadline.
 * Why: docs/decisions/0011-shared-limits-as-token-buckets.md.
 */
import type { Redis, Result } from 'ioredis';

/**
 * `foreground`: the hourly token, then (when that one is there now) the minute token, both or
 * neither. `minute`: the minute token alone, the hourly one already held (given back on a refusal).
 * `background`: both tokens only when they are there now and the reserve stays. `give-back`: one
 * token back to each bucket named.
 */
export type RateLimitMode = 'foreground' | 'minute' | 'background' | 'give-back';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /**
     * KEYS: minute bucket, hour bucket. ARGV: mode, now, deadline, then capacity, tokens per ms
     * (0 = no such budget) and background reserve of each bucket. Returns [1, wait, 1 when only the
     * hourly token was taken] or [0, index of the short budget, ms until it has a token].
     */
    bjetAcquire(minute: string, hour: string, ...argv: string[]): Result<number[], Context>;
  }
}

const ACQUIRE = `
local mode = ARGV[1]
local now = tonumber(ARGV[2])
local deadline = tonumber(ARGV[3])
local shape = {}
for i = 1, 2 do
  shape[i] = {cap = tonumber(ARGV[i * 3 + 1]), rate = tonumber(ARGV[i * 3 + 2]), keep = tonumber(ARGV[i * 3 + 3])}
end
local tokens, updated = {}, {}
local function on(i) return shape[i].rate > 0 end
local function load(i)
  local saved = redis.call('HMGET', KEYS[i], 't', 'u')
  tokens[i], updated[i] = tonumber(saved[1]), tonumber(saved[2])
  if tokens[i] == nil then tokens[i], updated[i] = shape[i].cap, now end
  if now > updated[i] then
    tokens[i] = math.min(shape[i].cap, tokens[i] + (now - updated[i]) * shape[i].rate)
    updated[i] = now
  end
end
local function wait(i)
  if tokens[i] >= 1 then return 0 end
  return math.ceil((1 - tokens[i]) / shape[i].rate)
end
local function save(i, delta)
  local left = math.min(shape[i].cap, tokens[i] + delta)
  redis.call('HSET', KEYS[i], 't', string.format('%.17g', left), 'u', string.format('%.17g', updated[i]))
  -- A full bucket is a new one: the key goes once it would be full again.
  redis.call('PEXPIRE', KEYS[i], math.ceil((shape[i].cap - left) / shape[i].rate) + 60000)
end
if mode == 'give-back' then
  for i = 1, 2 do if on(i) then load(i); save(i, 1) end end
  return {1, 0, 0}
end
if mode == 'background' then
  for i = 2, 1, -1 do
    if on(i) then
      load(i)
      if tokens[i] < 1 + shape[i].keep then return {0, i, wait(i)} end
    end
  end
  for i = 1, 2 do if on(i) then save(i, -1) end end
  return {1, 0, 0}
end
if mode == 'foreground' and on(2) then
  load(2)
  local ms = wait(2)
  if now + ms > deadline then return {0, 2, ms} end
  if ms > 0 or not on(1) then
    save(2, -1)
    if on(1) then return {1, ms, 1} end
    return {1, ms, 0}
  end
end
local ms = 0
if on(1) then
  load(1)
  ms = wait(1)
  if now + ms > deadline then
    if mode == 'minute' and on(2) then load(2); save(2, 1) end
    return {0, 1, ms}
  end
  save(1, -1)
end
if mode == 'foreground' and on(2) then save(2, -1) end
return {1, ms, 0}`;

export function defineRateLimitScript(client: Redis): void {
  client.defineCommand('bjetAcquire', { numberOfKeys: 2, lua: ACQUIRE });
}
