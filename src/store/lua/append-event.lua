--[[
  Appends one event to a unit's hash-chained log, atomically with everything derived from it:
  the new snapshot, version, head hash, phase, milestone flags and the event's time (and, for a
  correction, the corrections index); the open deadline set and the
  index of units with deadlines; the idempotency record; and the roll-up counters of every ancestor.
  The event hash is computed by the caller (Lua has no SHA-256); the compare-and-set on the version
  guarantees the caller's prevHash is still the head.

  KEYS is variadic (the number of ancestors varies): five fixed keys, then one per ancestor.
    KEYS[1]   unit snapshot hash            <p>:{<unit>}:snap
    KEYS[2]   unit event log stream         <p>:{<unit>}:log
    KEYS[3]   idempotency record hash       <p>:{<unit>}:idem:<key> (untouched when ARGV[2] is '0')
    KEYS[4]   open deadline set (string)    <p>:{<unit>}:deadlines
    KEYS[5]   index of units with deadlines <p>:units-with-deadlines
    KEYS[6..] roll-up hashes of the ancestors, nearest first

  ARGV
    [1]  expected version: the version the caller computed the transition from
    [2]  '1' when an idempotency key was given, '0' otherwise
    [3]  hash of the request body (type, payload, business time)
    [4]  idempotency record lifetime in seconds
    [5]  RFC 8785 canonical JSON of the event record without its hash, as hashed (stream field `c`)
    [6]  event hash (the new head)
    [7]  new snapshot JSON
    [8]  new phase
    [9]  new milestone flags JSON
    [10] new open deadline set JSON, '' when the unit has none, '=' when it did not change
    [11] unit id (member of the deadline index)
    [12] machine effects JSON, kept in the idempotency record so a retried request can finish them
    [13] expected organisation revision: field `o` of the snapshot hash (0 when absent) as the caller
         read it with the unit's organisation data (ancestors, working group, status)
    [14] attempt id: random per call of the caller's wrapper, so a command the client resent after a
         dropped connection recognises the record its own first delivery wrote (kept with the
         idempotency record)
    [15] when the event occurred (snapshot hash field `t`: the bound the next event's time is checked against)
    [16] corrections index JSON (snapshot hash field `x`), '' when it did not change
    [17..] roll-up deltas as pairs: field, integer delta (applied to every KEYS[6..])

  Returns
    {0, seq, version, hash, phase}           appended
    {1, seq, version, hash, phase, effects, attempt}
                                    duplicate: key already used with the same body, nothing written;
                                    attempt is the attempt id that wrote the record ('' if unknown)
    {-1, currentVersion}            version conflict, nothing written
    {-2}                            idempotency key used before with another body, nothing written
    {-3}                            unit does not exist, nothing written
    {-4, status}                    unit dissolved or merged (snapshot hash field `closed`), nothing written
    {-5, currentRevision}           organisation data changed since the caller read it, nothing written
]]
local snapKey = KEYS[1]
local useIdempotency = ARGV[2] == '1'

if useIdempotency then
  local previous = redis.call('HMGET', KEYS[3], 'body', 'seq', 'version', 'hash', 'phase', 'effects',
    'attempt')
  if previous[1] then
    if previous[1] ~= ARGV[3] then return {-2} end
    return {1, tonumber(previous[2]), tonumber(previous[3]), previous[4], previous[5], previous[6] or '[]',
      previous[7] or ''}
  end
end

local state = redis.call('HMGET', snapKey, 'v', 'closed', 'o')
local current = state[1]
if not current then return {-3} end
-- Checked here, not only on the caller's read, so an import closing the unit cannot race an append.
if state[2] then return {-4, state[2]} end
if tonumber(current) ~= tonumber(ARGV[1]) then return {-1, tonumber(current)} end
-- A move or another organisation change since the caller's read: its ancestors and access may differ.
local orgRevision = tonumber(state[3] or '0')
if orgRevision ~= tonumber(ARGV[13]) then return {-5, orgRevision} end

local version = tonumber(current) + 1
redis.call('XADD', KEYS[2], version .. '-0', 'seq', version, 'h', ARGV[6], 'c', ARGV[5])
redis.call('HSET', snapKey, 'v', version, 'h', ARGV[6], 's', ARGV[7], 'p', ARGV[8], 'm', ARGV[9], 't', ARGV[15])
if ARGV[16] ~= '' then redis.call('HSET', snapKey, 'x', ARGV[16]) end

if ARGV[10] == '=' then
  -- Unchanged: the version check above guarantees the stored set is the one the caller compared with.
elseif ARGV[10] == '' then
  redis.call('DEL', KEYS[4])
  redis.call('SREM', KEYS[5], ARGV[11])
else
  redis.call('SET', KEYS[4], ARGV[10])
  redis.call('SADD', KEYS[5], ARGV[11])
end

for i = 6, #KEYS do
  for j = 17, #ARGV, 2 do
    redis.call('HINCRBY', KEYS[i], ARGV[j], ARGV[j + 1])
  end
end

if useIdempotency then
  redis.call('HSET', KEYS[3], 'body', ARGV[3], 'seq', version, 'version', version, 'hash', ARGV[6],
    'phase', ARGV[8], 'effects', ARGV[12], 'attempt', ARGV[14])
  redis.call('EXPIRE', KEYS[3], tonumber(ARGV[4]))
end

return {0, version, version, ARGV[6], ARGV[8]}
