--[[
  Records one alert exactly once, fans it out to its recipient teams' feeds and appends it to the
  live stream the API's Server-Sent Events read (and replay from after a reconnect).
  The alert id is deterministic (the deadline job id, or the digest id), so a retried or duplicated
  job finds the record already present and changes nothing.

  KEYS is variadic (the number of recipient teams varies): four fixed keys, then one per team.
    KEYS[1]   alert record (string, JSON)          <p>:alert:<id>
    KEYS[2]   set of teams that have a feed        <p>:alerts:teams
    KEYS[3]   index of the alert's subject (zset)  <p>:alerts:unit:<unit> or <p>:alerts:digests
    KEYS[4]   live stream of new alerts (stream)   <p>:alerts:live-log (fields: id, a = JSON)
    KEYS[5..] open (unacknowledged) feed per team  <p>:alerts:feed:<team>:open

  ARGV
    [1]    alert id (member of every sorted set)
    [2]    alert record JSON
    [3]    score: the alert's fire time in epoch milliseconds
    [4]    pub/sub channel announcing new alerts (receives the alert JSON)
    [5]    approximate length the live stream is trimmed to (XADD MAXLEN ~)
    [6..]  team ids, in the same order as KEYS[5..] (members of KEYS[2])

  Returns
    1  the alert was new and has been written, indexed, fanned out, streamed and published
    0  an alert with this id already existed; nothing changed
]]
if redis.call('SET', KEYS[1], ARGV[2], 'NX') == false then
  return 0
end
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
for i = 5, #KEYS do
  redis.call('ZADD', KEYS[i], ARGV[3], ARGV[1])
  redis.call('SADD', KEYS[2], ARGV[i + 1])
end
redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[5], '*', 'id', ARGV[1], 'a', ARGV[2])
redis.call('PUBLISH', ARGV[4], ARGV[2])
return 1
