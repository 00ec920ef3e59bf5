import FoundationEssentials
import Postgres
import Shared
import TestSupport
import Testing

@Suite("PostgresRoundTripTests")
struct PostgresRoundTripTests {
  private func withConnection(_ body: (PostgresConnection) throws -> Void) throws {
    let settings = try TestDatabase.create()
    defer { TestDatabase.drop(settings) }
    try body(try PostgresConnection(settings: settings))
  }

  @Test("text in any script and SQL-looking text come back byte for byte")
  func textRoundTrips() throws {
    let samples = [
      "Привіт, світе", "你好世界", "😀🚀 👩‍💻 ❤️", "o'brien\"; DROP TABLE users;--",
      "'; DROP TABLE drafts; --", "back\\slash {braces,} NULL", "",
    ]
    try withConnection { connection in
      try connection.execute("CREATE TEMP TABLE t (v text)")
      for sample in samples {
        try connection.execute("INSERT INTO t (v) VALUES ($1)", [sample])
        let rows = try connection.query("SELECT $1::text AS echoed", [sample])
        #expect(try rows[0].string("echoed") == sample)
      }
      let count = try connection.query("SELECT count(*) AS n FROM t")[0].int("n")
      #expect(count == samples.count)
    }
  }

  @Test("NULL binds from nil and reads back as nil, and a non-optional getter refuses it")
  func nullsRoundTrip() throws {
    try withConnection { connection in
      let missing: String? = nil
      let row = try connection.query("SELECT $1::text AS v, $2::bigint AS n", [missing, 7])[0]
      #expect(try row.isNull("v"))
      #expect(try row.decodeIfPresent("v", as: String.self) == nil)
      #expect(try row.int64("n") == 7)
      #expect(throws: PostgresError.self) { try row.string("v") }
    }
  }

  @Test("numbers, booleans and timestamps keep their value")
  func scalarsRoundTrip() throws {
    try withConnection { connection in
      let when = Date(timeIntervalSince1970: 1_714_557_600.123456)
      let row = try connection.query(
        "SELECT $1::bigint AS big, $2::int AS small, $3::float8 AS x, $4::bool AS flag, "
          + "$5::timestamptz AS at, 'NaN'::float8 AS nan",
        [Int64.max, Int32.min, 0.1, true, when])[0]
      #expect(try row.int64("big") == Int64.max)
      #expect(try row.int("small") == Int(Int32.min))
      #expect(try row.double("x") == 0.1)
      #expect(try row.bool("flag"))
      #expect(abs(try row.date("at").timeIntervalSince(when)) < 0.000_001)
      #expect(try row.double("nan").isNaN)
    }
  }

  @Test("bytea, real[] and text[] round-trip, including awkward elements")
  func arraysRoundTrip() throws {
    try withConnection { connection in
      let bytes: [UInt8] = [0, 1, 0x7f, 0x80, 0xff]
      let floats: [Float] = [0.5, -1.25, 3.4e38, 0.1]
      let strings = ["a,b", "quote\"d", "back\\slash", "NULL", "{x}", "Ж 😀", ""]
      let row = try connection.query(
        "SELECT $1::bytea AS b, $2::real[] AS f, $3::text[] AS s, "
          + "cardinality($3::text[]) AS n, '{}'::real[] AS empty",
        [bytes, floats, strings])[0]
      #expect(try row.bytes("b") == bytes)
      #expect(try row.floats("f") == floats)
      #expect(try row.decode("s", as: [String].self) == strings)
      #expect(try row.int("n") == strings.count)
      #expect(try row.floats("empty") == [])
    }
  }

  @Test("JSON binds from Encodable and decodes into the same value")
  func jsonRoundTrips() throws {
    try withConnection { connection in
      let source = DraftSource(
        id: "kb:1", kind: .knowledge, title: "Метформін і B12", reference: "kb/b12.md", score: 0.5)
      let row = try connection.query(
        "SELECT $1::jsonb AS j, $1::jsonb -> 0 ->> 'title' AS title", [PostgresJSON([source])])[0]
      #expect(try row.json("j", as: [DraftSource].self) == [source])
      #expect(try row.string("title") == "Метформін і B12")
    }
  }

  @Test("a missing or mistyped column is an error naming the column")
  func badColumnsAreNamed() throws {
    try withConnection { connection in
      let row = try connection.query("SELECT 'abc' AS word")[0]
      let missing = #expect(throws: PostgresError.self) { try row.string("nope") }
      #expect(missing?.message.contains("\"nope\"") == true)
      let mistyped = #expect(throws: PostgresError.self) { try row.int("word") }
      #expect(mistyped?.message.contains("\"word\"") == true)
      #expect(mistyped?.kind == .column)
    }
  }

  @Test("a failed statement reports SQLSTATE and only the statement's first line")
  func errorsCarryContext() throws {
    try withConnection { connection in
      let error = #expect(throws: PostgresError.self) {
        try connection.query("SELECT * FROM no_such_table\nWHERE secret = $1", ["s3cr3t"])
      }
      #expect(error?.sqlstate == "42P01")
      #expect(error?.statement == "SELECT * FROM no_such_table")
      #expect(error?.description.contains("s3cr3t") == false)
      #expect(error?.isConnectionLost == false)
    }
  }

  @Test("bigint[], double precision[] and text[] with NULL elements unnest back in order")
  func batchArraysRoundTrip() throws {
    try withConnection { connection in
      let ids: [Int64] = [Int64.min, 0, 42]
      let numbers: [Double] = [0.1, -2.5, 1e300]
      let texts: [String?] = [nil, "NULL", "a \"quoted\", {braced} back\\slash"]
      let rows = try connection.query(
        """
        SELECT n, i, x, t FROM unnest($1::bigint[], $2::float8[], $3::text[])
          WITH ORDINALITY AS u(i, x, t, n) ORDER BY n
        """, [ids, numbers, texts])
      #expect(try rows.map { try $0.int64("i") } == ids)
      #expect(try rows.map { try $0.double("x") } == numbers)
      #expect(try rows.map { try $0.decodeIfPresent("t", as: String.self) } == texts)
    }
  }

  @Test("a transaction that throws leaves nothing behind, one that returns commits")
  func transactionsCommitOrRollBack() throws {
    try withConnection { connection in
      try connection.execute("CREATE TEMP TABLE t (v int)")
      struct Boom: Error {}
      #expect(throws: Boom.self) {
        try connection.transaction {
          try $0.execute("INSERT INTO t VALUES (1)")
          throw Boom()
        }
      }
      try connection.transaction { try $0.execute("INSERT INTO t VALUES (2)") }
      let values = try connection.query("SELECT v FROM t").map { try $0.int("v") }
      #expect(values == [2])
      #expect(connection.isIdle)
    }
  }

  @Test("execute returns the number of rows changed")
  func executeCountsRows() throws {
    try withConnection { connection in
      try connection.execute("CREATE TEMP TABLE t (v int)")
      #expect(try connection.execute("INSERT INTO t SELECT generate_series(1, 5)") == 5)
      #expect(try connection.execute("DELETE FROM t WHERE v > $1", [3]) == 2)
    }
  }
}
