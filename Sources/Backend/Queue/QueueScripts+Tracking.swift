import Redis

extension QueueScripts {
  /// Queues a message and marks its task as present in Redis, and (for a draft's generation)
  /// records the draft's task id. KEYS: queue, task marker, draft-task key or the marker again.
  /// ARGV: payload, task id, tracking ttl s.
  static let enqueue = RedisScript(
    """
    redis.call('LPUSH', KEYS[1], ARGV[1])
    redis.call('SET', KEYS[2], '1', 'EX', ARGV[3])
    if KEYS[3] ~= KEYS[2] then redis.call('SET', KEYS[3], ARGV[2], 'EX', ARGV[3]) end
    return 1
    """)

  /// Queues a draft's generation again only if neither its known task ids is anywhere in Redis
  /// (waiting, running, delayed, or finished with a result); two schedulers racing yield one
  /// copy because the check and the push are one step. Returns 1 when it queued.
  /// KEYS: queue, draft-task key. ARGV: payload, task id, tracking ttl s, key prefix.
  static let redrive = RedisScript(
    """
    local ids = {ARGV[2]}
    local recorded = redis.call('GET', KEYS[2])
    if recorded and recorded ~= ARGV[2] then table.insert(ids, recorded) end
    for _, id in ipairs(ids) do
      if redis.call('EXISTS', ARGV[4] .. ':task:' .. id, ARGV[4] .. ':lease:' .. id,
        'taskiq:result:' .. id) > 0 then
        return 0
      end
    end
    redis.call('LPUSH', KEYS[1], ARGV[1])
    redis.call('SET', ARGV[4] .. ':task:' .. ARGV[2], '1', 'EX', ARGV[3])
    redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
    return 1
    """)
}
