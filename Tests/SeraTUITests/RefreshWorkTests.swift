import Foundation
import Shared
import Testing

@testable import SeraTUI

/// A transport that answers from a table, or refuses like a closed port.
struct FakeTransport: HTTPTransport {
  var answers: [String: (Int, String)] = [:]

  func send(method: String, url: String, headers: [(String, String)], body: [UInt8]?)
    throws(TransportError) -> TransportResponse
  {
    let path = String(url.drop(while: { $0 != "/" }).dropFirst(2).drop(while: { $0 != "/" }))
    guard let (status, text) = answers[method + " " + path] else {
      throw TransportError(reason: "Couldn't connect to server")
    }
    return TransportResponse(status: status, body: Array(text.utf8))
  }
}

@Suite("Client refresh against fake backends")
struct RefreshWorkTests {
  static let closed = TCPProbe(host: "127.0.0.1", port: 1)

  static func work(_ transport: FakeTransport) -> RefreshWork {
    let settings = ClientSettings(
      baseURL: "http://127.0.0.1:8001", token: "t", refreshInterval: 2,
      postgresProbe: closed, redisProbe: closed)
    let api = SeraAPI(baseURL: settings.baseURL, token: "t", transport: transport)
    return RefreshWork(
      api: api, settings: settings, data: DashboardData(backendURL: settings.baseURL))
  }

  @Test func backendDownShowsBackendDownAndProbesTheStores() {
    var work = Self.work(FakeTransport())
    work.refreshAll(selected: nil)
    let services = work.data.health.value ?? []
    #expect(services.first { $0.name == "backend" }?.state == .down)
    #expect(services.first { $0.name == "backend" }?.detail == "Couldn't connect to server")
    #expect(services.first { $0.name == "postgres" }?.state == .down)
    #expect(services.first { $0.name == "redis" }?.state == .down)
    #expect(!work.data.backendReachable)
  }

  @Test func serverRefusalIsReportedWithItsReason() {
    let body = #"{"error":"forbidden","detail":"on-call tokens are read-only"}"#
    var work = Self.work(FakeTransport(answers: ["POST /api/v1/drafts/4/approve": (403, body)]))
    work.perform(.approve(draftId: 4, version: 1))
    #expect(work.data.outcome?.message == "403: on-call tokens are read-only")
    #expect(work.data.outcome?.isError == true)
  }

  @Test func threeFailedRefreshesMakeTheDataStale() {
    var work = Self.work(FakeTransport())
    for _ in 0..<3 { work.refreshAll(selected: nil) }
    #expect(work.data.ops.isStale)
    #expect(work.data.drafts.isStale)
  }
}
