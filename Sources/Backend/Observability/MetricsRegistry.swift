import Synchronization

/// The process's metrics: counters, gauges and histograms with labels, rendered in the
/// Prometheus text exposition format 0.0.4.
public final class MetricsRegistry: Sendable {
  let families = Mutex<[MetricFamily]>([])

  /// An empty registry; one is shared per process.
  public init() {}

  /// Registers (or finds) a counter with the given label names.
  public func counter(_ name: String, help: String, labels: [String] = []) -> Counter {
    register(name, help: help, kind: .counter, labels: labels, buckets: [])
    return Counter(registry: self, name: name)
  }

  /// Registers (or finds) a gauge with the given label names.
  public func gauge(_ name: String, help: String, labels: [String] = []) -> Gauge {
    register(name, help: help, kind: .gauge, labels: labels, buckets: [])
    return Gauge(registry: self, name: name)
  }

  /// Registers (or finds) a histogram with the given upper bounds (seconds, ascending).
  public func histogram(
    _ name: String, help: String, labels: [String] = [], buckets: [Double]
  ) -> Histogram {
    register(name, help: help, kind: .histogram, labels: labels, buckets: buckets.sorted())
    return Histogram(registry: self, name: name)
  }

  private func register(
    _ name: String, help: String, kind: MetricKind, labels: [String], buckets: [Double]
  ) {
    families.withLock { all in
      guard !all.contains(where: { $0.name == name }) else { return }
      all.append(
        MetricFamily(name: name, help: help, kind: kind, labelNames: labels, buckets: buckets))
    }
  }

  func update(_ name: String, _ labels: [String], _ change: (inout MetricSeries) -> Void) {
    families.withLock { all in
      guard let index = all.firstIndex(where: { $0.name == name }) else { return }
      var series =
        all[index].series[labels]
        ?? MetricSeries(buckets: Array(repeating: 0, count: all[index].buckets.count))
      change(&series)
      all[index].series[labels] = series
    }
  }

  func value(_ name: String, _ labels: [String]) -> Double {
    families.withLock { all in
      all.first(where: { $0.name == name })?.series[labels]?.value ?? 0
    }
  }
}

/// A value that only goes up, such as tasks run.
public struct Counter: Sendable {
  let registry: MetricsRegistry
  let name: String

  /// Adds `amount` (default 1) to the series with the given label values, in declared order.
  public func increment(_ labels: [String] = [], by amount: Double = 1) {
    registry.update(name, labels) { $0.value += amount }
  }

  /// The current value of one series.
  public func value(_ labels: [String] = []) -> Double { registry.value(name, labels) }
}

/// A value that goes up and down, such as queue depth.
public struct Gauge: Sendable {
  let registry: MetricsRegistry
  let name: String

  /// Sets the series with the given label values.
  public func set(_ value: Double, _ labels: [String] = []) {
    registry.update(name, labels) { $0.value = value }
  }

  /// Adds to (or with a negative amount, subtracts from) the series.
  public func add(_ amount: Double, _ labels: [String] = []) {
    registry.update(name, labels) { $0.value += amount }
  }

  /// The current value of one series.
  public func value(_ labels: [String] = []) -> Double { registry.value(name, labels) }
}

/// Observations counted into buckets, such as task durations.
public struct Histogram: Sendable {
  let registry: MetricsRegistry
  let name: String

  /// Records one observation in the series with the given label values.
  public func observe(_ value: Double, _ labels: [String] = []) {
    let bounds = registry.families.withLock { all in
      all.first(where: { $0.name == name })?.buckets ?? []
    }
    registry.update(name, labels) { series in
      for (index, bound) in bounds.enumerated() where value <= bound {
        series.buckets[index] += 1
      }
      series.value += value
      series.count += 1
    }
  }
}

enum MetricKind: String {
  case counter
  case gauge
  case histogram
}

struct MetricFamily {
  let name: String
  let help: String
  let kind: MetricKind
  let labelNames: [String]
  let buckets: [Double]
  var series: [[String]: MetricSeries] = [:]
}

/// One labelled series: the value (or a histogram's sum), and a histogram's cumulative buckets.
struct MetricSeries {
  var value = 0.0
  var count = 0
  var buckets: [Int]
}
