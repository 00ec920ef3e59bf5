import Backend
import Shared
import Testing

@Suite("QueueSettings")
struct QueueSettingsTests {
  @Test func defaultsAreTheProductionTiming() throws {
    let settings = try QueueSettings(environment: [:])
    #expect(settings == QueueSettings())
    #expect(settings.leaseSeconds == 30)
    #expect(settings.heartbeatSeconds == 10)
    #expect(settings.graceSeconds == 30)
  }

  @Test func variablesOverrideTheDefaults() throws {
    let settings = try QueueSettings(environment: [
      "SERA_LEASE_SECONDS": "3", "SERA_HEARTBEAT_SECONDS": "1", "SERA_GRACE_SECONDS": "5",
      "SERA_SCHEDULER_PERIOD_SECONDS": "2", "SERA_REDRIVE_AGE_SECONDS": "4",
    ])
    #expect(
      settings
        == QueueSettings(
          leaseSeconds: 3, heartbeatSeconds: 1, graceSeconds: 5, schedulerPeriodSeconds: 2,
          redriveAgeSeconds: 4))
    #expect(WorkerOptions(settings: settings, concurrency: 2).workerTTL == 3)
    #expect(SchedulerOptions(settings: settings).redriveInterval == 2)
  }

  @Test func aHeartbeatNoShorterThanTheLeaseIsRefused() {
    #expect(throws: ConfigurationError.self) {
      try QueueSettings(environment: ["SERA_LEASE_SECONDS": "5", "SERA_HEARTBEAT_SECONDS": "5"])
    }
  }

  @Test func aNonNumberNamesItsVariable() {
    do {
      _ = try QueueSettings(environment: ["SERA_GRACE_SECONDS": "soon"])
      Issue.record("accepted a non-number")
    } catch {
      #expect(error.variable == "SERA_GRACE_SECONDS")
    }
  }
}
