import Crypto
import FoundationEssentials
import Shared

/// Signs requests with OAuth 1.0a user context (RFC 5849 §3.4.1, HMAC-SHA1 from OpenSSL), as
/// X API v2 accepts for posting on a user's behalf.
struct OAuth1Signer: Sendable {
  let consumerKey: String
  let consumerSecret: String
  let token: String
  let tokenSecret: String

  /// The `Authorization` header value for `method` on `url` (query parameters included in the
  /// signature; a JSON body is not, per RFC 5849 §3.4.1.3).
  func authorization(method: String, url: String, nonce: String? = nil, timestamp: Int? = nil)
    -> String
  {
    var oauth: [(String, String)] = [
      ("oauth_consumer_key", consumerKey),
      ("oauth_nonce", nonce ?? hex(randomBytes(count: 16))),
      ("oauth_signature_method", "HMAC-SHA1"),
      ("oauth_timestamp", String(timestamp ?? Int(Date().timeIntervalSince1970))),
      ("oauth_token", token),
      ("oauth_version", "1.0"),
    ]
    let (base, query) = Self.split(url)
    let signature = sign(method: method, base: base, parameters: oauth + query)
    oauth.append(("oauth_signature", signature))
    let fields = oauth.map { "\(Self.percentEncode($0.0))=\"\(Self.percentEncode($0.1))\"" }
    return "OAuth " + fields.joined(separator: ", ")
  }

  /// The base64 HMAC-SHA1 of the signature base string (RFC 5849 §3.4.1–3.4.2).
  func sign(method: String, base: String, parameters: [(String, String)]) -> String {
    let encoded: [(String, String)] = parameters.map {
      (Self.percentEncode($0.0), Self.percentEncode($0.1))
    }
    let sorted = encoded.sorted { (a: (String, String), b: (String, String)) -> Bool in
      a.0 == b.0 ? a.1 < b.1 : a.0 < b.0
    }
    let normalized = sorted.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    let text = [method.uppercased(), Self.percentEncode(base), Self.percentEncode(normalized)]
      .joined(separator: "&")
    let key = Self.percentEncode(consumerSecret) + "&" + Self.percentEncode(tokenSecret)
    return base64(hmacSHA1(key: key, message: text))
  }

  /// The URL without its query, and the query's decoded name-value pairs.
  static func split(_ url: String) -> (String, [(String, String)]) {
    guard let mark = url.firstIndex(of: "?") else { return (url, []) }
    let pairs = url[url.index(after: mark)...].split(separator: "&").map { pair in
      let sides = pair.split(separator: "=", maxSplits: 1).map(String.init)
      return (percentDecode(sides[0]), percentDecode(sides.count > 1 ? sides[1] : ""))
    }
    return (String(url[..<mark]), pairs)
  }

  /// RFC 3986 percent-encoding: everything but unreserved characters, as UTF-8 bytes.
  static func percentEncode(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      let scalar = Unicode.Scalar(byte)
      if scalar.isASCII,
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
          || "-._~".unicodeScalars.contains(scalar)
      {
        out.unicodeScalars.append(scalar)
      } else {
        out += "%" + String(hex([byte]).uppercased())
      }
    }
    return out
  }

  private static func percentDecode(_ text: String) -> String {
    var bytes: [UInt8] = []
    var utf8 = Array(text.utf8)[...]
    while let byte = utf8.popFirst() {
      if byte == UInt8(ascii: "%"), utf8.count >= 2,
        let value = Crypto.bytes(fromHex: String(decoding: utf8.prefix(2), as: UTF8.self))
      {
        bytes += value
        utf8 = utf8.dropFirst(2)
      } else {
        bytes.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
