import Foundation
import Shared

/// One refresh pass: calls the API, folds each answer into the data, never throws.
struct RefreshWork {
  let api: SeraAPI
  let settings: ClientSettings
  var data: DashboardData
  private var outcomeSequence = 0

  /// Drafts the list asks for; the newest first.
  static let draftLimit = 200

  init(api: SeraAPI, settings: ClientSettings, data: DashboardData) {
    self.api = api
    self.settings = settings
    self.data = data
  }

  /// Fetches health, identity, ops, drafts, reindex progress and the selected detail.
  mutating func refreshAll(selected: Int64?, now: Date = Date()) {
    refreshHealth(now: now)
    data.lastUpdate = now
    guard data.backendReachable else {
      let reason = data.health.value?.first?.detail ?? Strings.backendDownReason
      data.ops.fail(reason)
      data.drafts.fail(reason)
      data.queue.fail(reason)
      if selected != nil { data.detail.fail(reason) }
      return
    }
    if data.whoAmI == nil {
      do {
        data.whoAmI = try api.whoAmI()
        data.notice = nil
      } catch { data.notice = error.message }
    }
    do { data.ops.succeed(try api.opsSummary(), at: now) } catch { data.ops.fail(error.message) }
    do {
      data.drafts.succeed(try api.drafts(limit: Self.draftLimit), at: now)
    } catch {
      data.drafts.fail(error.message)
    }
    do { data.queue.succeed(try api.queueOverview(), at: now) } catch {
      data.queue.fail(error.message)
    }
    if data.whoAmI?.role == .operator || data.reindex != nil {
      data.reindex = try? api.reindexProgress()
    }
    refreshDetail(selected: selected, now: now)
  }

  /// Fetches only the selected draft's detail and history.
  mutating func refreshDetail(selected: Int64?, now: Date = Date()) {
    guard let selected else {
      data.detail = Feed()
      return
    }
    if data.detail.value?.draft.id != selected { data.detail = Feed() }
    do {
      data.detail.succeed(try api.detail(id: selected), at: now)
    } catch {
      data.detail.fail(error.message)
    }
  }

  /// Sends one action and records its outcome for the status line.
  mutating func perform(_ action: Action) {
    outcomeSequence += 1
    do {
      let created = try api.perform(action)
      data.outcome = ActionOutcome(
        sequence: outcomeSequence, message: Strings.Status.done(action.summary), isError: false,
        createdDraftId: created)
      if action == .reindex { data.reindex = try? api.reindexProgress() }
    } catch {
      data.outcome = ActionOutcome(
        sequence: outcomeSequence, message: error.message, isError: true, createdDraftId: nil)
    }
  }

  private mutating func refreshHealth(now: Date) {
    do {
      let report = try api.health()
      data.backendReachable = true
      var services = report.services
      if !services.contains(where: { $0.name == "backend" }) {
        services.insert(ServiceHealth(name: "backend", state: .up, checkedAt: now), at: 0)
      }
      data.health.succeed(services, at: now)
    } catch {
      data.backendReachable = false
      data.whoAmI = nil
      let reason: String
      if case .unreachable(let why) = error { reason = why } else { reason = error.message }
      data.health.succeed(probeWithoutBackend(reason: reason, now: now), at: now)
    }
  }

  /// Backend DOWN with its reason, plus the client's own checks of PostgreSQL and Redis.
  private func probeWithoutBackend(reason: String, now: Date) -> [ServiceHealth] {
    [
      ServiceHealth(name: "backend", state: .down, checkedAt: now, detail: reason),
      ServiceHealth(name: "worker", state: .unknown, checkedAt: now, detail: Strings.probeSkipped),
      ServiceHealth(
        name: "scheduler", state: .unknown, checkedAt: now, detail: Strings.probeSkipped),
      settings.postgresProbe.health(name: "postgres"),
      settings.redisProbe.health(name: "redis"),
    ]
  }
}
