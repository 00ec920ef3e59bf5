import FoundationEssentials
import Redis
import Shared

/// `sera tasks`: queue counts, one task's result, and requeueing dead letters.
public enum TasksCommand: SeraCommand {
  public static let name = "tasks"
  public static let summary = "queue counts; tasks show <id>; tasks requeue <id>|--all-dead"

  public static let usage =
    "usage: sera tasks [show <task_id> | requeue <task_id> | requeue --all-dead]"

  public static func run(arguments: [String], context: CommandContext) throws -> Int32 {
    let configuration = context.configuration
    let queue = TaskQueue(
      redis: RedisPool(settings: configuration.redis), name: configuration.queueName)
    switch arguments.first {
    case nil:
      let counts = try queue.counts()
      context.output(
        "queue \(queue.name)\n  waiting   \(counts.depth)\n  running   \(counts.inFlight)\n"
          + "  delayed   \(counts.delayed)\n  dead      \(counts.dead)")
      return 0
    case "show":
      return try show(queue, id: try taskId(arguments), context: context)
    case "requeue" where arguments.dropFirst().first == "--all-dead":
      context.output("requeued \(try queue.requeueAllDead()) dead task(s)")
      return 0
    case "requeue":
      let moved = try queue.requeueDead(taskId: try taskId(arguments))
      context.output(moved > 0 ? "requeued" : "no dead letter with that task id")
      return moved > 0 ? 0 : 1
    default:
      throw UsageError(usage)
    }
  }

  private static func taskId(_ arguments: [String]) throws -> String {
    guard arguments.count == 2, TaskMessage.isValidTaskId(arguments[1]) else {
      throw UsageError("a task id is 32 lowercase hex digits\n" + usage)
    }
    return arguments[1]
  }

  private static func show(_ queue: TaskQueue, id: String, context: CommandContext) throws
    -> Int32
  {
    if let result = try queue.result(taskId: id) {
      context.output(try SeraJSON.string(result))
      return 0
    }
    if let letter = try queue.deadLetters(limit: TaskQueue.deadLetterLimit).first(where: {
      $0.taskId == id
    }) {
      context.output(try SeraJSON.string(letter))
      return 0
    }
    context.output("no result for \(id) (running, waiting, or finished over an hour ago)")
    return 1
  }
}
