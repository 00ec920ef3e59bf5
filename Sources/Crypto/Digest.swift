import CCrypto

/// The SHA-256 digest (32 bytes) of some bytes.
public func sha256(_ bytes: [UInt8]) -> [UInt8] {
  var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
  var length: UInt32 = 0
  let ok = bytes.withUnsafeBytes { input in
    EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil)
  }
  // Only an out-of-memory OpenSSL fails here; a wrong digest would be worse than stopping.
  precondition(ok == 1 && length == SHA256_DIGEST_LENGTH, "OpenSSL SHA-256 failed")
  return digest
}

/// The SHA-256 digest (32 bytes) of a string's UTF-8 bytes.
public func sha256(_ text: String) -> [UInt8] {
  sha256(Array(text.utf8))
}

/// The HMAC-SHA256 (32 bytes) of a message under a key of any length (RFC 2104).
public func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
  var mac = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
  var length: UInt32 = 0
  let result = key.withUnsafeBytes { keyBytes in
    message.withUnsafeBytes { messageBytes in
      HMAC(
        EVP_sha256(), keyBytes.baseAddress ?? emptyInput, Int32(keyBytes.count),
        messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBytes.count,
        &mac, &length)
    }
  }
  precondition(result != nil && length == SHA256_DIGEST_LENGTH, "OpenSSL HMAC-SHA256 failed")
  return mac
}

/// The HMAC-SHA256 of a UTF-8 message under a UTF-8 key.
public func hmacSHA256(key: String, message: String) -> [UInt8] {
  hmacSHA256(key: Array(key.utf8), message: Array(message.utf8))
}

// OpenSSL wants a non-null pointer even for an empty key.
private var emptyInput: UnsafeRawPointer { UnsafeRawPointer(("" as StaticString).utf8Start) }
