--[[
  Records one alert exactly once and fans it out to its recipient teams' feeds.
  The alert id is deterministic (the deadline job id, or the digest id), so a retried or duplicated
  job finds the record already present and changes nothing.

  KEYS is variadic (the number of recipient teams varies): three fixed keys, then one per team.
    KEYS[1]   alert record (string, JSON)          <p>:alert:<id>
    KEYS[2]   set of teams that have a feed        <p>:alerts:teams
    KEYS[3]   index of the alert's subject (zset)  <p>:alerts:unit:<unit> or <p>:alerts:digests
    KEYS[4..] open (unacknowledged) feed per team  <p>:alerts:feed:<team>:open

  ARGV
    [1]    alert id (member of every sorted set)
    [2]    alert record JSON
    [3]    score: the alert's fire time in epoch milliseconds
    [4]    pub/sub channel announcing new alerts (receives the alert JSON)
    [5..]  team ids, in the same order as KEYS[4..] (members of KEYS[2])

  Returns
    1  the alert was new and has been written, indexed, fanned out and published
    0  an alert with this id already existed; nothing changed
]]
if redis.call('SET', KEYS[1], ARGV[2], 'NX') == false then
  return 0
end
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
for i = 4, #KEYS do
  redis.call('ZADD', KEYS[i], ARGV[3], ARGV[1])
  redis.call('SADD', KEYS[2], ARGV[i + 1])
end
redis.call('PUBLISH', ARGV[4], ARGV[2])
return 1
