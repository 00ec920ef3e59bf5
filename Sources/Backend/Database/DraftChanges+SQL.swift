import Postgres
import Shared

extension DraftChanges {
  /// `column = $n` assignments for the fields that are set, numbered from `first`, with their
  /// parameters. Column names come from this list only; values always travel as parameters.
  func assignments(startingAt first: Int) -> (sql: [String], params: [any PostgresBindable]) {
    var sql: [String] = []
    var params: [any PostgresBindable] = []
    func set(_ column: String, _ expression: (String) -> String, _ value: any PostgresBindable) {
      params.append(value)
      sql.append("\(column) = " + expression("$\(first + params.count - 1)"))
    }
    let text = { (parameter: String) in "NULLIF(\(parameter), '')" }
    let jsonb = { (parameter: String) in "\(parameter)::jsonb" }
    if let content { set("content", text, content) }
    if let sources { set("sources", jsonb, PostgresJSON(sources)) }
    if let verdict { set("verdict", jsonb, PostgresJSON(verdict)) }
    if let problems { set("problems", jsonb, PostgresJSON(problems)) }
    if let provider { set("provider", text, provider) }
    if let model { set("model", text, model) }
    if let lastError { set("last_error", text, lastError) }
    if let taskId { set("task_id", text, taskId) }
    if let scheduledAt { set("scheduled_at", { "\($0)::timestamptz" }, scheduledAt) }
    if let publishPlatforms { set("publish_platforms", jsonb, PostgresJSON(publishPlatforms)) }
    return (sql, params)
  }
}
