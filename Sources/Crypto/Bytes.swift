import CCrypto

/// Lower-case hexadecimal, two digits per byte.
public func hex(_ bytes: [UInt8]) -> String {
  let digits = Array("0123456789abcdef".utf8)
  var out: [UInt8] = []
  out.reserveCapacity(bytes.count * 2)
  for byte in bytes {
    out.append(digits[Int(byte >> 4)])
    out.append(digits[Int(byte & 0x0f)])
  }
  return String(decoding: out, as: UTF8.self)
}

/// The bytes of a hexadecimal string (either case), or nil when it is not whole hex bytes.
public func bytes(fromHex text: String) -> [UInt8]? {
  let utf8 = Array(text.utf8)
  guard utf8.count % 2 == 0 else { return nil }
  var out: [UInt8] = []
  out.reserveCapacity(utf8.count / 2)
  var index = 0
  while index < utf8.count {
    guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
    out.append(high << 4 | low)
    index += 2
  }
  return out
}

private func nibble(_ digit: UInt8) -> UInt8? {
  switch digit {
  case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
  case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
  case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
  default: return nil
  }
}

/// Whether two byte strings are equal, in time that depends only on their length (CRYPTO_memcmp).
public func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
  guard lhs.count == rhs.count else { return false }
  guard !lhs.isEmpty else { return true }
  return lhs.withUnsafeBytes { left in
    rhs.withUnsafeBytes { right in
      CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0
    }
  }
}

/// Bytes from OpenSSL's CSPRNG, for tokens and ids.
public func randomBytes(count: Int) -> [UInt8] {
  precondition(count >= 0, "randomBytes: negative count")
  var out = [UInt8](repeating: 0, count: count)
  guard count > 0 else { return out }
  let ok = RAND_bytes(&out, Int32(count))
  // Without a working CSPRNG no token may be issued; stopping is safer than weak randomness.
  precondition(ok == 1, "OpenSSL RAND_bytes failed")
  return out
}
