--[[
  Acknowledges one alert for one team: moves it from the team's open feed to its acknowledged feed
  and stores who acknowledged it and when. Acknowledging twice keeps the first acknowledgement.

  KEYS
    [1]  open feed of the team (zset)          <p>:alerts:feed:<team>:open
    [2]  acknowledged feed of the team (zset)  <p>:alerts:feed:<team>:acked
    [3]  acknowledgements of the team (hash)   <p>:alerts:acks:<team>

  ARGV
    [1]  alert id
    [2]  acknowledgement JSON ({ by, at })

  Returns
    1   acknowledged now
    0   already acknowledged earlier; nothing changed
    -1  the alert is not in this team's feed; nothing changed
]]
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score == false then
  if redis.call('ZSCORE', KEYS[2], ARGV[1]) == false then
    return -1
  end
  return 0
end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], score, ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
return 1
