import Redis

extension QueueScripts {
  /// Queues messages in order, marks each task as present in Redis, and (for a draft's
  /// generation) records the draft's task id. KEYS: the queue, then per message its task marker
  /// and its draft-task key (or the marker again). ARGV: tracking ttl s, then per message its
  /// payload and task id.
  static let enqueue = RedisScript(
    """
    for i = 1, (#KEYS - 1) / 2 do
      local marker, draft = KEYS[2 * i], KEYS[2 * i + 1]
      redis.call('LPUSH', KEYS[1], ARGV[2 * i])
      redis.call('SET', marker, '1', 'EX', ARGV[1])
      if draft ~= marker then redis.call('SET', draft, ARGV[2 * i + 1], 'EX', ARGV[1]) end
    end
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
