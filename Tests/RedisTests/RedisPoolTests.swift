import Redis
import Testing

@Suite("RedisPool")
struct RedisPoolTests {
  @Test func poolRecoversAfterItsConnectionIsKilled() throws {
    let pool = RedisPool(settings: RedisTestServer.settings)
    let clientId = try #require(try pool.command(["CLIENT", "ID"]).int)
    let admin = try RedisConnection(settings: RedisTestServer.settings)
    #expect(try admin.command(["CLIENT", "KILL", "ID", String(clientId)]) == .integer(1))
    // The first use may hit the dead socket; it must throw, not crash, and the next use must
    // get a fresh connection.
    _ = try? pool.command(["PING"])
    #expect(try pool.command(["PING"]) == .status("PONG"))
    #expect(try pool.command(["CLIENT", "ID"]).int != clientId)
  }

  @Test func unreachableRedisBacksOffInsteadOfCrashing() {
    var settings = RedisTestServer.settings
    settings.port = 1
    let pool = RedisPool(settings: settings, backoff: ReconnectBackoff(base: 5, cap: 10, jitter: 0))
    #expect(throws: RedisError.self) { try pool.command(["PING"]) }
    #expect(throws: RedisError.self) { try pool.command(["PING"]) }
    #expect(pool.reconnectDelay > 1)
    #expect(!pool.ping())
  }

  @Test func backoffDoublesUpToItsCap() {
    let backoff = ReconnectBackoff(base: 0.5, cap: 4, jitter: 0)
    #expect((1...6).map { backoff.delay(afterFailures: $0) } == [0.5, 1, 2, 4, 4, 4])
    let jittered = ReconnectBackoff(base: 1, cap: 10, jitter: 0.2)
    for _ in 0..<50 { #expect((0.8...1.2).contains(jittered.delay(afterFailures: 1))) }
  }

  @Test func scriptFallsBackToEvalAfterScriptFlush() throws {
    let pool = RedisPool(settings: RedisTestServer.settings)
    let script = RedisScript("return tonumber(ARGV[1]) + 1")
    #expect(try script.run(on: pool, keys: [], args: ["41"]) == .integer(42))
    try pool.checked(["SCRIPT", "FLUSH"])
    #expect(try script.run(on: pool, keys: [], args: ["1"]) == .integer(2))
  }
}
