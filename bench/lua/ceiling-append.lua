--[[
  Benchmark ceiling for B1: the Redis writes of one accepted event, exactly as append-event.lua does
  them for an append without an idempotency key (B1's dispatches carry none), with every payload
  precomputed by the caller and no checks beyond bumping the version, so its rate is the most the
  engine could reach through the same client at the same concurrency.
  tests/bench/ceiling-append.test.ts runs both scripts on the same inputs and compares the keys they
  leave; the idempotency record is the one write the ceiling leaves out.

  KEYS is variadic: four fixed keys, then one roll-up hash per ancestor.
    KEYS[1]   snapshot hash
    KEYS[2]   event log stream
    KEYS[3]   open deadline set (string)
    KEYS[4]   index of units with deadlines (set)
    KEYS[5..] roll-up hashes of the ancestors

  ARGV
    [1]  canonical JSON of the event record without its hash
    [2]  event hash
    [3]  snapshot JSON
    [4]  phase
    [5]  milestone flags JSON
    [6]  open deadline set JSON, '' for none, '=' when it did not change
    [7]  unit id
    [8]  when the event occurred (snapshot hash field `t`)
    [9]  corrections index JSON (field `x`), '' when it did not change
    [10..] roll-up deltas as pairs: field, integer delta

  Returns the new version.
]]
local version = redis.call('HINCRBY', KEYS[1], 'v', 1)
redis.call('XADD', KEYS[2], version .. '-0', 'seq', version, 'h', ARGV[2], 'c', ARGV[1])
redis.call('HSET', KEYS[1], 'h', ARGV[2], 's', ARGV[3], 'p', ARGV[4], 'm', ARGV[5], 't', ARGV[8])
if ARGV[9] ~= '' then redis.call('HSET', KEYS[1], 'x', ARGV[9]) end
if ARGV[6] == '=' then
  -- Unchanged, as the engine says when the stored set is the one it planned from.
elseif ARGV[6] == '' then
  redis.call('DEL', KEYS[3])
  redis.call('SREM', KEYS[4], ARGV[7])
else
  redis.call('SET', KEYS[3], ARGV[6])
  redis.call('SADD', KEYS[4], ARGV[7])
end
for i = 5, #KEYS do
  for j = 10, #ARGV, 2 do
    redis.call('HINCRBY', KEYS[i], ARGV[j], ARGV[j + 1])
  end
end
return version
