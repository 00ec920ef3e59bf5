import Redis
import Testing

@Suite("RedisConnection")
struct RedisConnectionTests {
  @Test func binaryValuesRoundTripByteForByte() throws {
    let connection = try RedisConnection(settings: RedisTestServer.settings)
    let key = RedisTestServer.uniqueKey("binary")
    let bytes = (0...255).map(UInt8.init) + [0, 0, 13, 10]
    #expect(
      try connection.command(bytes: [Array("SET".utf8), Array(key.utf8), bytes]) == .status("OK"))
    #expect(try connection.command(["GET", key]) == .string(bytes))
    try connection.command(["DEL", key])
  }

  @Test func utf8TextRoundTrips() throws {
    let connection = try RedisConnection(settings: RedisTestServer.settings)
    let key = RedisTestServer.uniqueKey("utf8")
    try connection.command(["SET", key, "Омега-3 😀 漢字", "EX", "60"])
    #expect(try connection.command(["GET", key]).text == "Омега-3 😀 漢字")
    #expect(try connection.command(["GET", key + ":missing"]) == .null)
    try connection.command(["DEL", key])
  }

  @Test func errorRepliesComeBackAsErrorNotThrown() throws {
    let connection = try RedisConnection(settings: RedisTestServer.settings)
    let key = RedisTestServer.uniqueKey("error")
    try connection.command(["SET", key, "not a number", "EX", "60"])
    let reply = try connection.command(["INCR", key])
    guard case .error(let message) = reply else {
      Issue.record("expected an error reply, got \(reply)")
      return
    }
    #expect(message.contains("not an integer"))
    #expect(!connection.isBroken)
    #expect(throws: RedisError.self) { try reply.checked("INCR") }
  }

  @Test func arraysAndIntegersDecode() throws {
    let connection = try RedisConnection(settings: RedisTestServer.settings)
    let key = RedisTestServer.uniqueKey("list")
    #expect(try connection.command(["RPUSH", key, "a", "b"]) == .integer(2))
    #expect(
      try connection.command(["LRANGE", key, "0", "-1"]).elements.compactMap(\.text) == ["a", "b"])
    try connection.command(["DEL", key])
  }

  @Test func blockingCommandOutlivesTheOrdinaryTimeout() throws {
    // BR-28: the block (1.5 s) is longer than the command timeout (0.5 s) and must still end
    // with a null reply, not a broken connection.
    let connection = try RedisConnection(settings: RedisTestServer.settings, commandTimeout: 0.5)
    let key = RedisTestServer.uniqueKey("empty")
    let reply = try connection.blockingCommand(["BLPOP", key, "1.5"], blockSeconds: 1.5)
    #expect(reply == .null)
    #expect(!connection.isBroken)
    #expect(try connection.command(["PING"]) == .status("PONG"))
  }

  @Test func connectingToAClosedPortThrowsConnectError() {
    var settings = RedisTestServer.settings
    settings.port = 1
    #expect(throws: RedisError.self) { try RedisConnection(settings: settings) }
  }
}
