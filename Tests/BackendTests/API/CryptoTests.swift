import Crypto
import Testing

@Suite("Crypto")
struct CryptoTests {
  private func unhex(_ text: String) -> [UInt8] { bytes(fromHex: text)! }

  @Test("SHA-256 of the empty string and of \"abc\" match FIPS 180-2")
  func sha256Vectors() {
    #expect(hex(sha256([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      hex(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  @Test("HMAC-SHA256 matches RFC 4231 test case 1")
  func rfc4231Case1() {
    let mac = hmacSHA256(
      key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8))
    #expect(hex(mac) == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
  }

  @Test("HMAC-SHA256 matches RFC 4231 test case 2 (short key)")
  func rfc4231Case2() {
    let mac = hmacSHA256(key: "Jefe", message: "what do ya want for nothing?")
    #expect(hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
  }

  @Test("HMAC-SHA256 matches RFC 4231 test case 3 (0xdd data)")
  func rfc4231Case3() {
    let mac = hmacSHA256(
      key: [UInt8](repeating: 0xaa, count: 20), message: [UInt8](repeating: 0xdd, count: 50))
    #expect(hex(mac) == "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")
  }

  @Test("HMAC-SHA256 matches RFC 4231 test case 6 (key longer than a block)")
  func rfc4231Case6() {
    let mac = hmacSHA256(
      key: [UInt8](repeating: 0xaa, count: 131),
      message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8))
    #expect(hex(mac) == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
  }

  @Test("HMAC-SHA256 with an empty key and message still gives the known value")
  func emptyKey() {
    #expect(
      hex(hmacSHA256(key: [], message: []))
        == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
  }

  @Test("constant-time comparison tells equal from different and different lengths")
  func constantTime() {
    #expect(constantTimeEquals([1, 2, 3], [1, 2, 3]))
    #expect(!constantTimeEquals([1, 2, 3], [1, 2, 4]))
    #expect(!constantTimeEquals([1, 2, 3], [1, 2]))
    #expect(constantTimeEquals([], []))
  }

  @Test("hex round-trips and rejects odd lengths and non-hex digits")
  func hexRoundTrip() {
    #expect(hex([0x00, 0x7f, 0xff]) == "007fff")
    #expect(bytes(fromHex: "007FfF") == [0x00, 0x7f, 0xff])
    #expect(bytes(fromHex: "abc") == nil)
    #expect(bytes(fromHex: "zz") == nil)
  }

  @Test("random bytes have the asked length and differ between calls")
  func random() {
    let first = randomBytes(count: 32)
    #expect(first.count == 32)
    #expect(first != randomBytes(count: 32))
    #expect(randomBytes(count: 0).isEmpty)
  }
}
