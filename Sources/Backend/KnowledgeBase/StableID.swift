/// Content-derived identifiers: FNV-1a 128, a published non-cryptographic hash, as 32 hex digits.
///
/// Ids only need to be stable and collision-free across a few thousand chunks, not secret, so a
/// simple published hash is enough and needs no crypto library.
public enum StableID {
  // FNV-1a 128 parameters as published by Fowler, Noll and Vo.
  private static let offsetBasis: UInt128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d
  private static let prime: UInt128 = 0x0000_0000_0100_0000_0000_0000_0000_013B
  /// Sits between joined parts so ("ab", "c") and ("a", "bc") hash differently.
  private static let separator: UInt8 = 0x1F

  /// The hash of the parts, joined with a unit separator, as 32 lowercase hex digits.
  public static func hash(_ parts: String...) -> String {
    var state = offsetBasis
    for (index, part) in parts.enumerated() {
      if index > 0 { mix(separator, into: &state) }
      for byte in part.utf8 { mix(byte, into: &state) }
    }
    let hex = String(state, radix: 16)
    return String(repeating: "0", count: 32 - hex.count) + hex
  }

  private static func mix(_ byte: UInt8, into state: inout UInt128) {
    state ^= UInt128(byte)
    state = state &* prime
  }
}
