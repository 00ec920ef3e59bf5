/// Reciprocal rank fusion (Cormack et al. 2009): each list adds 1 / (k + rank) for an item, so
/// items near the top of either list win without comparing scores of different kinds.
public enum RankFusion {
  /// The constant of the original paper; it damps the weight of the very first ranks.
  public static let k = 60.0

  /// Fused scores of the ids in the ranked lists (best first in each list), best first.
  public static func fuse(_ lists: [[String]]) -> [(id: String, score: Double)] {
    var scores: [String: Double] = [:]
    var firstSeen: [String: Int] = [:]
    var order = 0
    for list in lists {
      for (index, id) in list.enumerated() {
        scores[id, default: 0] += 1 / (k + Double(index + 1))
        if firstSeen[id] == nil {
          firstSeen[id] = order
          order += 1
        }
      }
    }
    // Ties keep first-seen order so results are reproducible.
    return scores.map { ($0.key, $0.value) }.sorted {
      $0.1 != $1.1 ? $0.1 > $1.1 : firstSeen[$0.0]! < firstSeen[$1.0]!
    }
  }
}
