import Backend
import Dispatch
import Postgres
import Synchronization
import Testing

extension DatabaseTests {
  @Suite("TaskRunStore")
  struct TaskRunStoreTests {
    @Test("a batch of starts gets one run id each, in order, and a batch of ends records each")
    func batchesKeepEachRun() throws {
      let database = try DatabaseFixture()
      let store = TaskRunStore(pool: database.pool)
      let starts = (1...3).map {
        TaskRunStore.Start(taskId: "task-\($0)", taskName: "noop", attempt: $0, worker: "w1")
      }
      let ids = try store.start(starts)
      #expect(ids.count == 3 && Set(ids).count == 3)
      try store.finish([
        TaskRunStore.Finish(runId: ids[0], outcome: .succeeded, error: nil, durationMs: 1.5),
        TaskRunStore.Finish(runId: ids[2], outcome: .failed, error: "boom", durationMs: 2),
      ])
      let rows = try database.pool.query(
        "SELECT id, task_id, attempt, outcome, error, duration_ms FROM task_runs ORDER BY id")
      #expect(try rows.map { try $0.int64("id") } == ids.sorted())
      let byId = Dictionary(uniqueKeysWithValues: try rows.map { (try $0.int64("id"), $0) })
      for (start, id) in zip(starts, ids) {
        #expect(try byId[id]?.string("task_id") == start.taskId)
        #expect(try byId[id]?.int("attempt") == start.attempt)
      }
      #expect(try byId[ids[0]]?.string("outcome") == "succeeded")
      #expect(try byId[ids[0]]?.decodeIfPresent("error", as: String.self) == nil)
      #expect(try byId[ids[1]]?.string("outcome") == "running")
      #expect(try byId[ids[2]]?.string("error") == "boom")
    }

    @Test("ending a run that does not exist is an error, and the others in its batch are kept")
    func unknownRunIsAnError() throws {
      let database = try DatabaseFixture()
      let store = TaskRunStore(pool: database.pool)
      let id = try store.start(taskId: "t", taskName: "noop", attempt: 1, worker: "w1")
      #expect(throws: StoreError.notFound) {
        try store.finish([
          TaskRunStore.Finish(runId: id, outcome: .succeeded, error: nil, durationMs: 1),
          TaskRunStore.Finish(runId: id + 1000, outcome: .succeeded, error: nil, durationMs: 1),
        ])
      }
      let outcome = try database.pool.query("SELECT outcome FROM task_runs WHERE id = $1", [id])
      #expect(try outcome.first?.string("outcome") == "succeeded")
    }

    @Test("slots recording at once through GroupedTaskRuns each get their own row")
    func groupedRunsFromManyThreads() throws {
      let database = try DatabaseFixture()
      let runs = GroupedTaskRuns(store: TaskRunStore(pool: database.pool))
      let ids = Mutex<[String: Int64]>([:])
      DispatchQueue.concurrentPerform(iterations: 40) { index in
        guard
          let id = try? runs.start(
            taskId: "task-\(index)", taskName: "noop", attempt: 1, worker: "w1")
        else { return }
        try? runs.finish(runId: id, outcome: .succeeded, error: nil, durationMs: Double(index))
        ids.withLock { $0["task-\(index)"] = id }
      }
      let recorded = ids.withLock { $0 }
      #expect(recorded.count == 40)
      let rows = try database.pool.query(
        "SELECT id, task_id, outcome, duration_ms FROM task_runs")
      #expect(rows.count == 40)
      for row in rows {
        let taskId = try row.string("task_id")
        #expect(recorded[taskId] == (try row.int64("id")))
        #expect(try row.string("outcome") == "succeeded")
        #expect(try row.double("duration_ms") == Double(taskId.dropFirst(5))!)
      }
    }
  }
}
