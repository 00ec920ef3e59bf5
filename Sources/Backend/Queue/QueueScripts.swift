import Redis

/// The Lua scripts that make each queue step atomic. Key names for leases and processing
/// lists are built inside some scripts, so they assume one Redis instance (not a cluster).
enum QueueScripts {
  /// Writes the lease of a message a worker just moved into its processing list.
  /// KEYS: leases, lease hash. ARGV: task id, expiry ms, token, worker, payload, hash ttl ms.
  static let lease = RedisScript(
    """
    redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
    redis.call('HSET', KEYS[2], 'token', ARGV[3], 'worker', ARGV[4], 'payload', ARGV[5])
    redis.call('PEXPIRE', KEYS[2], ARGV[6])
    return 1
    """)

  /// Records the run id of a leased attempt, so a reaper can mark that run lost.
  /// KEYS: lease hash. ARGV: token, run id.
  static let noteRun = RedisScript(
    """
    if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then return 0 end
    redis.call('HSET', KEYS[1], 'run', ARGV[2])
    return 1
    """)

  /// Extends a lease if the caller still holds it.
  /// KEYS: leases, lease hash. ARGV: task id, token, new expiry ms, hash ttl ms.
  static let renew = RedisScript(
    """
    if redis.call('HGET', KEYS[2], 'token') ~= ARGV[2] then return 0 end
    redis.call('ZADD', KEYS[1], 'XX', ARGV[3], ARGV[1])
    redis.call('PEXPIRE', KEYS[2], ARGV[4])
    return 1
    """)

  /// Ends an attempt if the caller still holds the lease: ack, retry later, dead, or release.
  /// KEYS: processing, leases, lease hash, result, delayed, dead, queue, task marker.
  /// ARGV: token, mode, task id, own payload, result json, result ttl s, retry payload,
  /// retry due ms, dead entry, dead limit, marker ttl s.
  static let finish = RedisScript(
    """
    if redis.call('HGET', KEYS[3], 'token') ~= ARGV[1] then
      redis.call('LREM', KEYS[1], 1, ARGV[4])
      return 0
    end
    redis.call('LREM', KEYS[1], 1, ARGV[4])
    redis.call('ZREM', KEYS[2], ARGV[3])
    redis.call('DEL', KEYS[3])
    local mode = ARGV[2]
    if mode == 'retry' then
      redis.call('ZADD', KEYS[5], ARGV[8], ARGV[7])
      redis.call('SET', KEYS[8], '1', 'EX', ARGV[11])
    elseif mode == 'release' then
      redis.call('RPUSH', KEYS[7], ARGV[4])
      redis.call('SET', KEYS[8], '1', 'EX', ARGV[11])
    else
      redis.call('DEL', KEYS[8])
      redis.call('SET', KEYS[4], ARGV[5], 'EX', ARGV[6])
      if mode == 'dead' then
        redis.call('LPUSH', KEYS[6], ARGV[9])
        redis.call('LTRIM', KEYS[6], 0, tonumber(ARGV[10]) - 1)
      end
    end
    return 1
    """)

  /// Moves a message that cannot be run (not JSON) from a processing list to the dead list.
  /// KEYS: processing, dead. ARGV: payload, dead entry, dead limit.
  static let bury = RedisScript(
    """
    redis.call('LREM', KEYS[1], 1, ARGV[1])
    redis.call('LPUSH', KEYS[2], ARGV[2])
    redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[3]) - 1)
    return 1
    """)

  /// Moves retries that are due to the queue, oldest first; returns how many moved.
  /// KEYS: delayed, queue. ARGV: now ms, batch size.
  static let promote = RedisScript(
    """
    local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
    for _, payload in ipairs(due) do
      redis.call('ZREM', KEYS[1], payload)
      redis.call('LPUSH', KEYS[2], payload)
    end
    return #due
    """)

  /// Returns messages whose lease expired to the front of the queue; returns a flat array of
  /// task id, run id ('' if none), outcome ('requeued', or 'dead' after too many losses, with
  /// a failure result written) and payload. KEYS: leases, queue, dead. ARGV: now ms, key
  /// prefix (queue name), batch, max losses, dead limit, now iso8601, result ttl s,
  /// marker ttl s.
  static let reap = RedisScript(
    """
    local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
    local out = {}
    for _, id in ipairs(expired) do
      local hash = ARGV[2] .. ':lease:' .. id
      local fields = redis.call('HMGET', hash, 'payload', 'worker', 'run')
      local payload, worker, run = fields[1], fields[2], fields[3] or ''
      local outcome = 'vanished'
      local marker = ARGV[2] .. ':task:' .. id
      if payload then
        redis.call('LREM', ARGV[2] .. ':processing:' .. worker, 1, payload)
        local lost = ARGV[2] .. ':lost:' .. id
        local count = redis.call('INCR', lost)
        redis.call('EXPIRE', lost, 86400)
        if count > tonumber(ARGV[4]) then
          local entry = cjson.encode({task_id = id, message = payload, failed_at = ARGV[6],
            reason = 'lease lost ' .. count .. ' times (worker died or hung)'})
          redis.call('LPUSH', KEYS[3], entry)
          redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[5]) - 1)
          local result = cjson.encode({is_err = true, log = cjson.null,
            return_value = cjson.null, execution_time = 0, labels = {},
            error = {exc_type = 'LeaseLost', exc_message = {cjson.decode(entry).reason},
              exc_module = 'sera'}})
          redis.call('SET', 'taskiq:result:' .. id, result, 'EX', ARGV[7])
          redis.call('DEL', marker)
          outcome = 'dead'
        else
          redis.call('RPUSH', KEYS[2], payload)
          redis.call('SET', marker, '1', 'EX', ARGV[8])
          outcome = 'requeued'
        end
      end
      redis.call('ZREM', KEYS[1], id)
      redis.call('DEL', hash)
      table.insert(out, id)
      table.insert(out, run)
      table.insert(out, outcome)
      table.insert(out, payload or '')
    end
    return out
    """)

  /// Returns unleased messages of a worker whose heartbeat expired to the queue; forgets the
  /// worker once its list is empty. KEYS: heartbeat, processing, queue, workers.
  /// ARGV: worker id, key prefix.
  static let recoverOrphans = RedisScript(
    """
    if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
    local moved = 0
    for _, item in ipairs(redis.call('LRANGE', KEYS[2], 0, -1)) do
      local ok, msg = pcall(cjson.decode, item)
      local id = ok and type(msg) == 'table' and msg['task_id']
      if not id or redis.call('EXISTS', ARGV[2] .. ':lease:' .. tostring(id)) == 0 then
        redis.call('LREM', KEYS[2], 1, item)
        redis.call('RPUSH', KEYS[3], item)
        moved = moved + 1
      end
    end
    if redis.call('LLEN', KEYS[2]) == 0 then redis.call('SREM', KEYS[4], ARGV[1]) end
    return moved
    """)

  /// Requeues dead letters (one task id, or all when ARGV[1] is empty) in one step, so two
  /// concurrent runs yield one copy. KEYS: dead, queue. ARGV: task id or '', key prefix,
  /// marker ttl s.
  static let requeueDead = RedisScript(
    """
    local moved = 0
    for _, entry in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
      local ok, dead = pcall(cjson.decode, entry)
      if ok and type(dead) == 'table' and type(dead['message']) == 'string'
        and (ARGV[1] == '' or dead['task_id'] == ARGV[1]) then
        redis.call('LREM', KEYS[1], 1, entry)
        redis.call('LPUSH', KEYS[2], dead['message'])
        if type(dead['task_id']) == 'string' then
          redis.call('DEL', 'taskiq:result:' .. dead['task_id'])
          redis.call('SET', ARGV[2] .. ':task:' .. dead['task_id'], '1', 'EX', ARGV[3])
        end
        moved = moved + 1
      end
    end
    return moved
    """)
}
