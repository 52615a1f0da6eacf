--[[
  Marks one open deadline of a unit overdue (the overdue job's record): writes the unit's new
  milestone flags and applies the roll-up deltas the caller computed from them, but only if the unit
  is still at the version and organisation revision the caller read, so the deltas are exact.
  Bumps the organisation revision `o`: a writer planning from an older read of the unit (an engine's
  remembered state) then loses its compare-and-set and re-reads, keeping the mark.

  KEYS is variadic (the number of ancestors varies):
    KEYS[1]   unit snapshot hash            <p>:{<unit>}:snap
    KEYS[2..] roll-up hashes of the ancestors, nearest first

  ARGV
    [1]  expected version (field `v`)
    [2]  expected organisation revision (field `o`, 0 when absent)
    [3]  new milestone flags JSON (field `m`)
    [4..] roll-up deltas as pairs: field, integer delta (applied to every KEYS[2..])

  Returns
    {0}                      marked
    {-1, currentVersion}     version conflict, nothing written
    {-3}                     unit does not exist, nothing written
    {-4, status}             unit dissolved or merged, nothing written
    {-5, currentRevision}    organisation revision changed, nothing written
]]
local state = redis.call('HMGET', KEYS[1], 'v', 'closed', 'o')
if not state[1] then return {-3} end
if state[2] then return {-4, state[2]} end
if tonumber(state[1]) ~= tonumber(ARGV[1]) then return {-1, tonumber(state[1])} end
local revision = tonumber(state[3] or '0')
if revision ~= tonumber(ARGV[2]) then return {-5, revision} end

redis.call('HSET', KEYS[1], 'm', ARGV[3], 'o', revision + 1)
for i = 2, #KEYS do
  for j = 4, #ARGV, 2 do
    redis.call('HINCRBY', KEYS[i], ARGV[j], ARGV[j + 1])
  end
end
return {0}
