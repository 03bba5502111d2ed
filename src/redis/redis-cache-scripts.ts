/**
 * The cache's Lua scripts (ioredis `defineCommand`: EVALSHA, EVAL when Redis does not know the
 * script yet). Each runs atomically in Redis, so a check and the write it guards never interleave
 * with another replica's.
 *
 * Layout (see redis-cache-keys.ts): an entry is a hash { v: version, d: JSON of the CacheEntry };
 * a record has an index set of its partitions and a tombstone (time of its last delete); an
 * endpoint's lists share a meta hash { g: generation (part of every list key), d: time of the
 * last deleteLists }. A write whose answer is older than the last delete is refused, so a GET that
 * raced an invalidation cannot bring the old answer back.
 */
import type { Redis, Result } from 'ioredis';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** KEYS: entry, index, tombstone. ARGV: version, fetchedAt, json, ttlMs, partition. 1 stored, 0 refused. */
    bjetSetRecord(entry: string, index: string, tombstone: string, ...argv: string[]): Result<number, Context>;
    /** KEYS: index, tombstone. ARGV: now, tombstoneMs, entry key prefix, partition or ''. */
    bjetDeleteRecord(index: string, tombstone: string, ...argv: string[]): Result<number, Context>;
    /** KEYS: meta. ARGV: list key head, list key tail. The JSON or null. */
    bjetGetList(meta: string, head: string, tail: string): Result<string | null, Context>;
    /** KEYS: meta. ARGV: head, tail, version, fetchedAt, json, ttlMs. 1 stored, 0 refused. */
    bjetSetList(meta: string, ...argv: string[]): Result<number, Context>;
    /** KEYS: meta. ARGV: now. The new generation. */
    bjetDeleteLists(meta: string, now: string): Result<number, Context>;
  }
}

const SET_RECORD = `
local cur = redis.call('HGET', KEYS[1], 'v')
if cur and tonumber(cur) > tonumber(ARGV[1]) then return 0 end
local deleted = redis.call('GET', KEYS[3])
if deleted and tonumber(ARGV[2]) < tonumber(deleted) then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'd', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('SADD', KEYS[2], ARGV[5])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[4]) then redis.call('PEXPIRE', KEYS[2], ARGV[4]) end
return 1`;

const DELETE_RECORD = `
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
if ARGV[4] ~= '' then
  redis.call('SREM', KEYS[1], ARGV[4])
  return redis.call('DEL', ARGV[3] .. ARGV[4])
end
local parts = redis.call('SMEMBERS', KEYS[1])
for _, part in ipairs(parts) do redis.call('DEL', ARGV[3] .. part) end
redis.call('DEL', KEYS[1])
return #parts`;

const GET_LIST = `
local g = redis.call('HGET', KEYS[1], 'g') or '0'
return redis.call('HGET', ARGV[1] .. g .. ARGV[2], 'd')`;

const SET_LIST = `
local meta = redis.call('HMGET', KEYS[1], 'g', 'd')
if meta[2] and tonumber(ARGV[4]) < tonumber(meta[2]) then return 0 end
local key = ARGV[1] .. (meta[1] or '0') .. ARGV[2]
local cur = redis.call('HGET', key, 'v')
if cur and tonumber(cur) > tonumber(ARGV[3]) then return 0 end
redis.call('HSET', key, 'v', ARGV[3], 'd', ARGV[5])
redis.call('PEXPIRE', key, ARGV[6])
return 1`;

const DELETE_LISTS = `
local g = redis.call('HINCRBY', KEYS[1], 'g', 1)
local d = redis.call('HGET', KEYS[1], 'd')
if not d or tonumber(ARGV[1]) > tonumber(d) then redis.call('HSET', KEYS[1], 'd', ARGV[1]) end
return g`;

export function defineCacheScripts(client: Redis): void {
  client.defineCommand('bjetSetRecord', { numberOfKeys: 3, lua: SET_RECORD });
  client.defineCommand('bjetDeleteRecord', { numberOfKeys: 2, lua: DELETE_RECORD });
  client.defineCommand('bjetGetList', { numberOfKeys: 1, lua: GET_LIST });
  client.defineCommand('bjetSetList', { numberOfKeys: 1, lua: SET_LIST });
  client.defineCommand('bjetDeleteLists', { numberOfKeys: 1, lua: DELETE_LISTS });
}
