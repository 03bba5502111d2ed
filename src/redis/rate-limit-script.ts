/**
 * The shared limits in one Lua script, so the check and the grant are one atomic step for every
 * replica: the per-minute log (every call, every replica: the proxy's per-IP limit) and the
 * caller's per-credential hourly log, each "at most L in any window" (sliding-window-log.ts is the
 * same rule in TypeScript). The grant may lie in the future (the caller waits for it); it is
 * refused, and nothing taken, when it would come after the deadline. Why this and not
 * rate-limiter-flexible: docs/decisions/0009-shared-limits-in-one-lua-script.md.
 */
import type { Redis, Result } from 'ioredis';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /**
     * KEYS: minute log, hour log. ARGV: now, deadline, member, then limit, window, reserve for
     * each log (limit 0 = no such budget). Returns [1, wait] or [0, index of the short budget, wait].
     */
    bjetAcquire(minute: string, hour: string, ...argv: string[]): Result<number[], Context>;
  }
}

const ACQUIRE = `
local now = tonumber(ARGV[1])
local deadline = tonumber(ARGV[2])
local at = now
local short = 0
local function earliest(key, limit, window, reserve)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local effective = limit - reserve
  if effective <= 0 then return -1 end
  local count = redis.call('ZCARD', key)
  if count < effective then return now end
  local oldest = redis.call('ZRANGE', key, count - effective, count - effective, 'WITHSCORES')
  return math.max(now, tonumber(oldest[2]) + window)
end
for i = 1, 2 do
  local limit = tonumber(ARGV[i * 3 + 1])
  if limit > 0 then
    local t = earliest(KEYS[i], limit, tonumber(ARGV[i * 3 + 2]), tonumber(ARGV[i * 3 + 3]))
    if t < 0 then return {0, i, -1} end
    if t > at then at = t; short = i end
  end
end
if at > deadline then return {0, short, at - now} end
for i = 1, 2 do
  if tonumber(ARGV[i * 3 + 1]) > 0 then
    redis.call('ZADD', KEYS[i], at, ARGV[3])
    redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[i * 3 + 2]) + at - now)
  end
end
return {1, at - now}`;

export function defineRateLimitScript(client: Redis): void {
  client.defineCommand('bjetAcquire', { numberOfKeys: 2, lua: ACQUIRE });
}
