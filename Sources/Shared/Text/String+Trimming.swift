// FoundationEssentials has no `trimmingCharacters(in:)`; these cover what Sera needs without
// pulling in the whole of Foundation (which doubles a small process's memory).
extension StringProtocol {
  /// The text without leading and trailing white space and newlines.
  public func trimmed() -> String {
    guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
    let last = lastIndex(where: { !$0.isWhitespace })!
    return String(self[first...last])
  }
}
