import Crypto
import FoundationEssentials
import HTTPServer

/// Slack's request signing, version v0: HMAC-SHA256 of `v0:<timestamp>:<raw body>` under the
/// signing secret, compared in constant time, within a five-minute replay window.
struct SlackSignature: Sendable {
  /// Why a request was refused; logged as a short reason, never sent back to the caller.
  enum Refusal: String, Error {
    case notConfigured = "no_signing_secret"
    case missingHeader = "missing_header"
    case badTimestamp = "bad_timestamp"
    case stale = "stale_timestamp"
    case mismatch = "bad_signature"
  }

  // Slack's documented replay window: reject when |now - timestamp| exceeds 5 minutes.
  static let maxAgeSeconds: Int64 = 300
  static let version = "v0"

  private let secret: [UInt8]

  /// A verifier for the given secret; nil or empty refuses everything.
  init(secret: String?) {
    self.secret = Array((secret ?? "").utf8)
  }

  /// Passes when the request carries a valid signature over its exact body bytes.
  func verify(_ request: HTTPRequest, now: Int64) throws(Refusal) {
    guard !secret.isEmpty else { throw .notConfigured }
    guard let stamp = request.header("X-Slack-Request-Timestamp")?.trimmed(),
      let signature = request.header("X-Slack-Signature")?.trimmed()
    else { throw .missingHeader }
    guard let seconds = Int64(stamp), stamp.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
      throw .badTimestamp
    }
    guard abs(now - seconds) <= SlackSignature.maxAgeSeconds else { throw .stale }
    let expected = Array(sign(timestamp: stamp, body: request.body).utf8)
    guard constantTimeEquals(expected, Array(signature.utf8)) else { throw .mismatch }
  }

  /// The `X-Slack-Signature` value for a body sent at `timestamp`, as Slack computes it.
  func sign(timestamp: String, body: [UInt8]) -> String {
    let base = Array("\(SlackSignature.version):\(timestamp):".utf8) + body
    return SlackSignature.version + "=" + hex(hmacSHA256(key: secret, message: base))
  }

  /// The current Unix time in seconds.
  static func now() -> Int64 {
    Int64(Date().timeIntervalSince1970)
  }
}
