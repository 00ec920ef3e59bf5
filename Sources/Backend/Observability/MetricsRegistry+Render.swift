extension MetricsRegistry {
  /// The content type of `render()`'s output.
  public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

  /// Every metric in the Prometheus text exposition format 0.0.4.
  public func render() -> String {
    families.withLock { all in all.map(MetricsRegistry.render).joined() }
  }

  private static func render(_ family: MetricFamily) -> String {
    var out = "# HELP \(family.name) \(escapeHelp(family.help))\n"
    out += "# TYPE \(family.name) \(family.kind.rawValue)\n"
    let ordered = family.series.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    for (values, series) in ordered {
      let pairs = Array(zip(family.labelNames, values))
      guard family.kind == .histogram else {
        out += sample(family.name, pairs, series.value)
        continue
      }
      for (index, bound) in family.buckets.enumerated() {
        let le = pairs + [("le", number(bound))]
        out += sample(family.name + "_bucket", le, series.buckets[index])
      }
      out += sample(family.name + "_bucket", pairs + [("le", "+Inf")], Double(series.count))
      out += sample(family.name + "_sum", pairs, series.value)
      out += sample(family.name + "_count", pairs, Double(series.count))
    }
    return out
  }

  private static func sample(_ name: String, _ labels: [(String, String)], _ value: Int) -> String {
    sample(name, labels, Double(value))
  }

  private static func sample(_ name: String, _ labels: [(String, String)], _ value: Double)
    -> String
  {
    guard !labels.isEmpty else { return "\(name) \(number(value))\n" }
    let text = labels.map { "\($0.0)=\"\(escapeLabel($0.1))\"" }.joined(separator: ",")
    return "\(name){\(text)} \(number(value))\n"
  }

  /// A sample value as Prometheus writes it: integers without a fraction, `+Inf`, `NaN`.
  static func number(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
  }

  /// Label values escape backslash, double quote and line feed.
  static func escapeLabel(_ text: String) -> String {
    text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n")
  }

  /// Help text escapes backslash and line feed.
  static func escapeHelp(_ text: String) -> String {
    text.replacing("\\", with: "\\\\").replacing("\n", with: "\\n")
  }
}
