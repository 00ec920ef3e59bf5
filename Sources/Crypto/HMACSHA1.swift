import CCrypto

/// The length of a SHA-1 digest and so of an HMAC-SHA1 (RFC 3174).
private let sha1Length = 20

/// The HMAC-SHA1 (20 bytes) of a message under a key (RFC 2104), as OAuth 1.0a signing needs.
public func hmacSHA1(key: [UInt8], message: [UInt8]) -> [UInt8] {
  var mac = [UInt8](repeating: 0, count: sha1Length)
  var length: UInt32 = 0
  let result = key.withUnsafeBytes { keyBytes in
    message.withUnsafeBytes { messageBytes in
      HMAC(
        EVP_sha1(), keyBytes.baseAddress ?? emptySHA1Key, Int32(keyBytes.count),
        messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBytes.count,
        &mac, &length)
    }
  }
  // Only an out-of-memory OpenSSL fails here; a wrong signature would be worse than stopping.
  precondition(result != nil && Int(length) == sha1Length, "OpenSSL HMAC-SHA1 failed")
  return mac
}

/// The HMAC-SHA1 of a UTF-8 message under a UTF-8 key.
public func hmacSHA1(key: String, message: String) -> [UInt8] {
  hmacSHA1(key: Array(key.utf8), message: Array(message.utf8))
}

/// Standard base64 (RFC 4648 §4, with padding) by OpenSSL, as OAuth 1.0a signatures are written.
public func base64(_ bytes: [UInt8]) -> String {
  guard !bytes.isEmpty else { return "" }
  var out = [UInt8](repeating: 0, count: (bytes.count + 2) / 3 * 4 + 1)
  let written = EVP_EncodeBlock(&out, bytes, Int32(bytes.count))
  return String(decoding: out[..<Int(written)], as: UTF8.self)
}

// OpenSSL wants a non-null pointer even for an empty key.
private var emptySHA1Key: UnsafeRawPointer { UnsafeRawPointer(("" as StaticString).utf8Start) }
