import FoundationEssentials
import Testing

@testable import Shared

@Suite struct TaskMessageTests {
  /// A message as Taskiq's JSONFormatter writes it (queue-anchors.md §1.2).
  static let taskiqMessage = """
    {"task_id":"0123456789abcdef0123456789abcdef","task_name":"generate_draft",\
    "labels":{"timeout":"60","retry_on_error":"True","max_retries":"3"},\
    "labels_types":{"timeout":2,"retry_on_error":5,"max_retries":2},"args":[],\
    "kwargs":{"topic":"Омега-3","draft_id":"42"}}
    """

  @Test func decodesAMessageATaskiqProducerWrote() throws {
    let message = try SeraJSON.decode(TaskMessage.self, from: Array(Self.taskiqMessage.utf8))
    #expect(message.taskId == "0123456789abcdef0123456789abcdef")
    #expect(message.taskName == "generate_draft")
    #expect(message.intLabel("timeout") == 60)
    #expect(message.kwargs["draft_id"]?.intValue == 42)
    #expect(message.kwargs["topic"]?.stringValue == "Омега-3")
  }

  @Test func encodesWithTaskiqFieldNames() throws {
    let message = TaskMessage(
      taskName: "publish_post", labels: ["timeout": "30"], kwargs: ["draft_id": "7"])
    let text = try SeraJSON.string(message)
    for key in ["\"task_id\"", "\"task_name\"", "\"labels_types\"", "\"args\"", "\"kwargs\""] {
      #expect(text.contains(key))
    }
    #expect(TaskMessage.isValidTaskId(message.taskId))
  }

  @Test func taskIdsAre32LowercaseHexDigits() {
    #expect(TaskMessage.isValidTaskId(TaskMessage.newTaskId()))
    #expect(!TaskMessage.isValidTaskId("0123456789ABCDEF0123456789abcdef"))
    #expect(!TaskMessage.isValidTaskId("0123"))
    #expect(TaskMessage.newTaskId() != TaskMessage.newTaskId())
  }

  @Test func resultKeepsEveryTaskiqFieldIncludingNulls() throws {
    let result = TaskResult(
      isErr: false, returnValue: .object(["draft_id": "42"]), executionTime: 1.234)
    let text = try SeraJSON.string(result)
    #expect(text.contains("\"log\":null"))
    #expect(text.contains("\"error\":null"))
    #expect(text.contains("\"execution_time\":1.23"))
    #expect(text.contains("\"is_err\":false"))
  }
}
