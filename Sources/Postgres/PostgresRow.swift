import FoundationEssentials
import Shared

/// One result row, copied out of libpq, with typed getters by column name.
public struct PostgresRow: Sendable {
  /// The result's column names, shared by all its rows.
  public let columns: PostgresColumns
  private let values: [String?]

  init(columns: PostgresColumns, values: [String?]) {
    self.columns = columns
    self.values = values
  }

  /// The column's value; throws when the column is missing, NULL, or not a `T`.
  public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
    guard let value = try decodeIfPresent(column, as: type) else {
      throw PostgresError(.column, "column \"\(column)\" is NULL, expected \(T.self)")
    }
    return value
  }

  /// The column's value, nil for NULL; throws when the column is missing or not a `T`.
  public func decodeIfPresent<T: PostgresDecodable>(
    _ column: String, as type: T.Type = T.self
  ) throws -> T? {
    guard let text = try rawText(column) else { return nil }
    guard let value = T(postgresText: text) else {
      throw PostgresError(.column, "column \"\(column)\" is not a valid \(T.self)")
    }
    return value
  }

  /// Whether the column is SQL NULL.
  public func isNull(_ column: String) throws -> Bool { try rawText(column) == nil }

  /// The column as text.
  public func string(_ column: String) throws -> String { try decode(column) }
  /// The column as a 64-bit integer (bigint, integer, smallint).
  public func int64(_ column: String) throws -> Int64 { try decode(column) }
  /// The column as an Int.
  public func int(_ column: String) throws -> Int { try decode(column) }
  /// The column as a Double (double precision, real, numeric).
  public func double(_ column: String) throws -> Double { try decode(column) }
  /// The column as a Bool.
  public func bool(_ column: String) throws -> Bool { try decode(column) }
  /// The column as a Date (timestamptz).
  public func date(_ column: String) throws -> Date { try decode(column) }
  /// The column as [Float] (real[]).
  public func floats(_ column: String) throws -> [Float] { try decode(column) }
  /// The column as bytes (bytea).
  public func bytes(_ column: String) throws -> [UInt8] { try decode(column) }

  /// The column's JSON (json, jsonb or text) decoded with Sera's JSON settings.
  public func json<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T {
    guard let value = try jsonIfPresent(column, as: type) else {
      throw PostgresError(.column, "column \"\(column)\" is NULL, expected JSON \(T.self)")
    }
    return value
  }

  /// The column's JSON decoded, nil for SQL NULL.
  public func jsonIfPresent<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T? {
    guard let text = try rawText(column) else { return nil }
    do {
      return try SeraJSON.decode(type, from: Array(text.utf8))
    } catch {
      throw PostgresError(.column, "column \"\(column)\" is not JSON for \(T.self): \(error)")
    }
  }

  private func rawText(_ column: String) throws -> String? {
    guard let index = columns.index(of: column) else {
      let known = columns.names.joined(separator: ", ")
      throw PostgresError(.column, "no column \"\(column)\" in the result (has: \(known))")
    }
    return values[index]
  }
}

/// The column names of one result, looked up by name.
public final class PostgresColumns: Sendable {
  /// The names in result order.
  public let names: [String]
  private let positions: [String: Int]

  init(names: [String]) {
    self.names = names
    var positions: [String: Int] = [:]
    // A name that appears twice resolves to its first column, as in most drivers.
    for (index, name) in names.enumerated() where positions[name] == nil {
      positions[name] = index
    }
    self.positions = positions
  }

  /// The position of a column, nil when the result has no such column.
  public func index(of name: String) -> Int? { positions[name] }
}
