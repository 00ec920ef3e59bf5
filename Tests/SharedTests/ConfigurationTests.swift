import Testing

@testable import Shared

@Suite struct ConfigurationTests {
  @Test func defaultsRunTheLocalStackWithNoEnvironment() throws {
    let configuration = try Configuration(environment: [:])
    #expect(configuration.postgres.port == 55432)
    #expect(configuration.redis.port == 56379)
    #expect(configuration.queueName == "seratonin_tasks")
    #expect(configuration.httpPort == 8001)
    #expect(configuration.workerMetricsPort == 9000)
    #expect(configuration.schedulerMetricsPort == 9001)
    #expect(configuration.workerConcurrency == 16)
  }

  @Test func aBadPortNamesTheVariableAndTheValue() {
    #expect(throws: ConfigurationError.self) {
      try Configuration(environment: ["REDIS_PORT": "70000"])
    }
    do {
      _ = try Configuration(environment: ["SERA_HTTP_PORT": "eighty"])
      Issue.record("a non-numeric port was accepted")
    } catch {
      #expect(error.variable == "SERA_HTTP_PORT")
      #expect(error.description.contains("\"eighty\""))
    }
  }

  @Test func anUnknownPostLanguageIsRefused() {
    #expect(throws: ConfigurationError.self) {
      try Configuration(environment: ["SERA_POST_LANGUAGE": "fr"])
    }
  }

  @Test func connectionStringQuotesValuesSoTheyCannotAddKeywords() {
    let settings = PostgresSettings(
      host: "db", port: 5432, user: "me", password: "pa'ss word", database: "x dbname=evil")
    let text = settings.connectionString
    #expect(text.contains("password='pa\\'ss word'"))
    #expect(text.contains("dbname='x dbname=evil'"))
  }

  @Test func environmentFileReadsQuotesCommentsAndExport() {
    let values = EnvironmentFile.parse(
      """
      # a comment
      export POSTGRES_HOST=db.internal
      REDIS_PORT = "6380"
      SLACK_BOT_TOKEN='xoxb-1'
      not a line
      """)
    #expect(values["POSTGRES_HOST"] == "db.internal")
    #expect(values["REDIS_PORT"] == "6380")
    #expect(values["SLACK_BOT_TOKEN"] == "xoxb-1")
    #expect(values.count == 3)
  }
}
