import Backend
import Shared
import TestSupport
import Testing

@Suite("Source page fetcher")
struct SourcePageFetcherTests {
  static func fetcher(allowPrivate: Bool = true, maxBytes: Int? = nil) throws -> SourcePageFetcher {
    var environment = ["SERA_ALLOW_PRIVATE_URLS": allowPrivate ? "1" : "0"]
    environment["SERA_SOURCE_MAX_BYTES"] = maxBytes.map(String.init)
    return SourcePageFetcher(settings: try EvidenceSettings(environment: environment))
  }

  static func html(_ fixture: String, contentType: String) -> FakeWebServer.Page {
    FakeWebServer.Page(
      headers: [("Content-Type", contentType)], body: EvidenceFixtures.bytes("web", fixture))
  }

  @Test("a windows-1251 page declared by <meta> yields correct Cyrillic text without scripts")
  func windows1251Page() throws {
    let web = try FakeWebServer(pages: ["/p": Self.html("cp1251.html", contentType: "text/html")])
    let page = try Self.fetcher().fetch(web.baseURL + "/p")
    #expect(page.charset == "windows-1251")
    #expect(page.title == "Артеріальний тиск")
    #expect(page.text.contains("Вимірюйте тиск удома двічі на день протягом тижня."))
    #expect(!page.text.contains("hidden"))
    #expect(!page.text.contains("color"))
  }

  @Test("the charset of the HTTP header wins and KOI8-U is decoded")
  func koi8Header() throws {
    let web = try FakeWebServer(pages: [
      "/k": Self.html("koi8u.html", contentType: "text/html; charset=KOI8-U")
    ])
    let page = try Self.fetcher().fetch(web.baseURL + "/k")
    #expect(page.charset == "koi8-u")
    #expect(page.text.contains("Нормальний тиск для дорослих"))
  }

  @Test("a 20 MB page stops at the cap without being read to the end")
  func hugePageCut() throws {
    let huge = try FakeHugePageServer(totalBytes: 20 << 20)
    let error = #expect(throws: SourceFetchError.self) {
      try Self.fetcher(maxBytes: 2 << 20).fetch(huge.url)
    }
    #expect(error == .tooLarge(limit: 2 << 20))
    // The client hung up at the 2 MiB cap; kernel socket buffers account for the rest.
    #expect(huge.bytesSent() < 8 << 20)
  }

  @Test("a redirect loop ends with a clear error after two requests")
  func redirectLoop() throws {
    let web = try FakeWebServer(pages: [
      "/a": FakeWebServer.redirect(to: "/b"), "/b": FakeWebServer.redirect(to: "/a"),
    ])
    let error = #expect(throws: SourceFetchError.self) {
      try Self.fetcher().fetch(web.baseURL + "/a")
    }
    #expect(error == .redirectLoop(url: web.baseURL + "/a"))
    #expect(String(describing: error!).contains("redirect loop"))
    #expect(web.requestedPaths == ["/a", "/b"])
  }

  @Test("more than five redirects are refused")
  func redirectCap() throws {
    var pages: [String: FakeWebServer.Page] = [:]
    for hop in 0..<8 { pages["/\(hop)"] = FakeWebServer.redirect(to: "/\(hop + 1)") }
    let web = try FakeWebServer(pages: pages)
    let error = #expect(throws: SourceFetchError.self) {
      try Self.fetcher().fetch(web.baseURL + "/0")
    }
    #expect(error == .tooManyRedirects(limit: 5))
    #expect(web.requestedPaths.count == 6)
  }

  @Test("loopback and private addresses are refused unless allowed")
  func privateAddressesRefused() throws {
    let web = try FakeWebServer(pages: ["/p": Self.html("cp1251.html", contentType: "text/html")])
    let error = #expect(throws: SourceFetchError.self) {
      try Self.fetcher(allowPrivate: false).fetch(web.baseURL + "/p")
    }
    #expect(error == .privateAddress(host: "127.0.0.1"))
    #expect(web.requestedPaths.isEmpty)
    for url in ["http://10.1.2.3/", "http://169.254.169.254/latest", "http://[::1]/"] {
      #expect(throws: SourceFetchError.self) { try Self.fetcher(allowPrivate: false).fetch(url) }
    }
  }

  @Test("other content types and non-http URLs are refused")
  func contentTypeChecked() throws {
    let web = try FakeWebServer(pages: [
      "/img": FakeWebServer.Page(headers: [("Content-Type", "image/png")], body: [0x89, 0x50])
    ])
    let error = #expect(throws: SourceFetchError.self) {
      try Self.fetcher().fetch(web.baseURL + "/img")
    }
    #expect(error == .unsupportedContentType("image/png"))
    #expect(throws: SourceFetchError.self) { try Self.fetcher().fetch("file:///etc/passwd") }
  }
}
