// swift-tools-version:6.0
import PackageDescription

// Each C library gets its own system-library module, and each Swift wrapper its own target, so an
// executable links only the C libraries it really uses (SwiftPM links object files, not archives).
let package = Package(
  name: "Sera",
  products: [
    .executable(name: "sera", targets: ["sera"]),
    .executable(name: "seratui", targets: ["seratui"]),
  ],
  targets: [
    .systemLibrary(name: "CNCurses", providers: [.apt(["libncursesw5-dev"])]),
    .systemLibrary(name: "CHiredis", providers: [.apt(["libhiredis-dev"])]),
    .systemLibrary(name: "CLibPQ", providers: [.apt(["libpq-dev"])]),
    .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
    .systemLibrary(name: "CCrypto", providers: [.apt(["libssl-dev"])]),
    .systemLibrary(name: "CMicroHTTPD", providers: [.apt(["libmicrohttpd-dev"])]),
    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
    .systemLibrary(
      name: "CPoppler", pkgConfig: "poppler-glib", providers: [.apt(["libpoppler-glib-dev"])]),

    .target(name: "Shared"),
    .target(name: "Postgres", dependencies: ["CLibPQ", "Shared"]),
    .target(name: "Redis", dependencies: ["CHiredis", "Shared"]),
    .target(name: "HTTPServer", dependencies: ["CMicroHTTPD", "Shared"]),
    .target(name: "HTTPClient", dependencies: ["CCurl"]),
    .target(name: "Crypto", dependencies: ["CCrypto"]),
    .target(name: "HTMLText", dependencies: ["CLibXML2"]),
    .target(name: "PDFText", dependencies: ["CPoppler"]),
    .target(
      name: "Backend",
      dependencies: [
        "Shared", "Postgres", "Redis", "HTTPServer", "HTTPClient", "Crypto", "HTMLText", "PDFText",
      ]
    ),
    .executableTarget(name: "sera", dependencies: ["Backend"]),
    .target(name: "SeraTUI", dependencies: ["CNCurses", "Shared", "HTTPClient"]),
    .executableTarget(name: "seratui", dependencies: ["SeraTUI"]),
    .executableTarget(
      name: "bench-retrieval", dependencies: ["Backend"], path: "bench/retrieval/src"),

    .testTarget(name: "SharedTests", dependencies: ["Shared"]),
    .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"]),
    .testTarget(name: "RedisTests", dependencies: ["Redis", "TestSupport"]),
    .testTarget(name: "HTTPTests", dependencies: ["HTTPServer", "HTTPClient"]),
    .testTarget(name: "BackendTests", dependencies: ["Backend", "TestSupport"]),
    .testTarget(name: "SeraTUITests", dependencies: ["SeraTUI"]),
    .testTarget(
      name: "EndToEndTests", dependencies: ["Shared", "HTTPClient", "SeraTUI", "TestSupport"]),
    .target(
      name: "TestSupport", dependencies: ["Shared", "Postgres", "Redis", "Backend"],
      path: "Tests/TestSupport"),
  ]
)
