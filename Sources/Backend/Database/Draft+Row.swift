import Postgres
import Shared

extension Draft {
  /// The columns `init(row:)` reads, for SELECT and RETURNING lists.
  static let columns = """
    id, user_id, topic, platform, status, version, content, source_url, sources, verdict, \
    problems, provider, model, last_error, scheduled_at, created_at, updated_at
    """

  /// Reads a draft from a row holding `Draft.columns`.
  init(row: PostgresRow) throws {
    self.init(
      id: try row.int64("id"),
      userId: try row.int64("user_id"),
      topic: try row.string("topic"),
      platform: try Draft.enumValue(row, "platform"),
      status: try Draft.enumValue(row, "status"),
      version: try row.int("version"),
      content: try row.decodeIfPresent("content"),
      sourceURL: try row.decodeIfPresent("source_url"),
      sources: try row.json("sources"),
      verdict: try row.jsonIfPresent("verdict"),
      problems: try row.json("problems"),
      provider: try row.decodeIfPresent("provider"),
      model: try row.decodeIfPresent("model"),
      lastError: try row.decodeIfPresent("last_error"),
      scheduledAt: try row.decodeIfPresent("scheduled_at"),
      createdAt: try row.date("created_at"),
      updatedAt: try row.date("updated_at"))
  }

  private static func enumValue<T: RawRepresentable>(_ row: PostgresRow, _ column: String) throws
    -> T where T.RawValue == String
  {
    let text = try row.string(column)
    guard let value = T(rawValue: text) else {
      throw PostgresError(.column, "column \"\(column)\" holds unknown \(T.self) \"\(text)\"")
    }
    return value
  }
}
