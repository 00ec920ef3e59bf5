import Backend
import Postgres
import Shared
import Testing

extension DatabaseTests {
  @Suite("TokenStoreTests")
  struct TokenStoreTests {
    let database: DatabaseFixture
    let store: TokenStore

    init() throws {
      database = try DatabaseFixture()
      store = TokenStore(pool: database.pool)
    }

    @Test("a created token authenticates as its user and role and is marked used")
    func createdTokenAuthenticates() throws {
      let token = try store.create(username: "dr_kovalenko", role: .physician, label: "laptop")
      #expect(token.hasPrefix("sera_") && token.count == 45)
      let who = try store.authenticate(token)
      #expect(who == WhoAmI(userId: database.userId, username: "dr_kovalenko", role: .physician))
      let info = try store.list()
      #expect(info.count == 1 && info.first?.lastUsedAt != nil && info.first?.label == "laptop")
    }

    @Test("a token used again within the minute is not written again; an older mark is renewed")
    func lastUseIsWrittenAtMostOnceAMinute() throws {
      let token = try store.create(username: "dr_kovalenko", role: .physician, label: "")
      _ = try store.authenticate(token)
      let first = try #require(try store.list().first?.lastUsedAt)
      _ = try store.authenticate(token)
      #expect(try store.list().first?.lastUsedAt == first)
      try database.pool.execute("UPDATE api_tokens SET last_used_at = now() - interval '2 minutes'")
      let stale = try #require(try store.list().first?.lastUsedAt)
      #expect(try store.authenticate(token) != nil)
      let renewed = try #require(try store.list().first?.lastUsedAt)
      #expect(renewed.timeIntervalSince(stale) > 100)
    }

    @Test("only the hash is stored, never the token")
    func storesOnlyTheHash() throws {
      let token = try store.create(username: "oncall_1", role: .oncall, label: "")
      let rows = try database.pool.query(
        "SELECT count(*) AS n FROM api_tokens WHERE position(convert_to($1, 'UTF8') IN token_hash) > 0",
        [token])
      #expect(try rows[0].int("n") == 0)
      let hashLength = try database.pool.query("SELECT length(token_hash) AS n FROM api_tokens")
      #expect(try hashLength[0].int("n") == 32)
    }

    @Test("wrong, malformed and revoked tokens do not authenticate")
    func badTokensAreRefused() throws {
      let token = try store.create(username: "ops", role: .operator, label: "")
      let wrong = "sera_" + String(repeating: "0", count: 40)
      #expect(try store.authenticate(wrong) == nil)
      #expect(try store.authenticate("sera_\\x00'; DROP TABLE users;--") == nil)
      #expect(try store.authenticate(String(token.dropLast())) == nil)
      #expect(try store.authenticate(token.uppercased()) == nil)
      let id = try #require(try store.list().first?.id)
      #expect(try store.revoke(id: id))
      #expect(try store.authenticate(token) == nil)
      #expect(try !store.revoke(id: id))
    }

    @Test("two tokens are never the same")
    func tokensAreRandom() throws {
      let first = try store.create(username: "a", role: .oncall, label: "")
      let second = try store.create(username: "a", role: .oncall, label: "")
      #expect(first != second)
    }
  }
}
