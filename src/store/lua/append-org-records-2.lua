--[[
  Appends a batch of organisation-change records (moves, renames, member counts) to the hash-chained
  organisation history. Hashes are computed by the caller from the head it read; the compare-and-set
  on the version guarantees that head is still current.

  KEYS[1] organisation history stream   <p>:org:log
  KEYS[2] organisation history head     <p>:org:head (hash: v = version, h = head hash)

  ARGV
    [1]    expected version (0 when the history is empty)
    [2]    new head hash (hash of the last record)
    [3..]  record JSONs in order, hash included; record i gets seq expected + i - 2

  Returns
    {0, version}          appended; version is the new number of records
    {-1, currentVersion}  version conflict, nothing written
]]
local current = tonumber(redis.call('HGET', KEYS[2], 'v') or '0')
if current ~= tonumber(ARGV[1]) then return {-1, current} end

local seq = current
for i = 3, #ARGV do
  seq = seq + 1
  redis.call('XADD', KEYS[1], seq .. '-0', 'seq', seq, 'e', ARGV[i])
end
redis.call('HSET', KEYS[2], 'v', seq, 'h', ARGV[2])
return {0, seq}
