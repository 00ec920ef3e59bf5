import Backend
import FoundationEssentials
import HTTPServer
import Shared
import Testing

@Suite("Guideline upload")
struct GuidelineUploadTests {
  @Test(
    "unsafe or unsupported file names are refused",
    arguments: [
      "", "../etc/passwd.md", "a/b.md", "a\\b.md", ".hidden.md", "notes", "script.sh",
      "пам'ятка.md", "space name.md", String(repeating: "a", count: 101) + ".md",
    ])
  func refusesBadNames(_ name: String) {
    #expect(throws: GuidelineUploadError.self) { try GuidelineUpload.checkedName(name) }
  }

  @Test("plain names with a known ending are accepted")
  func acceptsGoodNames() throws {
    #expect(try GuidelineUpload.checkedName("who_hypertension-2023.v2.pdf") != "")
    #expect(try GuidelineUpload.checkedName("Sleep.MD") == "Sleep.MD")
  }

  @Test("a different file of the same name is never overwritten; the same bytes are accepted")
  func refusesOverwrite() throws {
    let folder = try TemporaryFolder()
    try FileManager.default.createDirectory(
      atPath: folder.path + "/medical_guidelines", withIntermediateDirectories: true)
    let upload = GuidelineUpload(root: folder.path)
    #expect(try upload.save(name: "flu.md", bytes: Array("# Flu\n".utf8)))
    #expect(try !upload.save(name: "flu.md", bytes: Array("# Flu\n".utf8)))
    let error = #expect(throws: GuidelineUploadError.self) {
      try upload.save(name: "flu.md", bytes: Array("# Other\n".utf8))
    }
    #expect(error == .exists("flu.md"))
    let stored = FileManager.default.contents(atPath: folder.path + "/medical_guidelines/flu.md")
    #expect(stored.map { Array($0) } == Array("# Flu\n".utf8))
  }

  @Test("content must match the ending: a PDF starts with %PDF-, text is UTF-8")
  func checksContent() throws {
    let folder = try TemporaryFolder()
    let upload = GuidelineUpload(root: folder.path)
    #expect(throws: GuidelineUploadError.self) {
      try upload.save(name: "x.pdf", bytes: Array("hello".utf8))
    }
    #expect(throws: GuidelineUploadError.self) {
      try upload.save(name: "x.md", bytes: [0xFF, 0xFE, 0x00])
    }
  }
}

@Suite("Guideline upload route")
struct GuidelineUploadRouteTests {
  @Test(
    "an uploaded name is sanitised to its last component with safe characters",
    arguments: [
      ("../../etc/Протокол лікування (2024).md", "2024.md"),
      ("C:\\Users\\dr\\flu shots: guide.MD", "flu-shots-guide.md"),
      ("..hidden..txt", "hidden.txt"),
      ("who_hypertension-2023.v2.pdf", "who_hypertension-2023.v2.pdf"),
    ])
  func sanitisesNames(_ raw: String, _ expected: String) throws {
    #expect(try GuidelineUpload.sanitisedName(raw) == expected)
    #expect(try GuidelineUpload.checkedName(GuidelineUpload.sanitisedName(raw)) == expected)
  }

  @Test func aNameOfOnlyForeignLettersGetsAHashNameAndUnknownEndingsAreRefused() throws {
    let name = try GuidelineUpload.sanitisedName("Протокол.pdf")
    #expect(name.hasPrefix("guideline-") && name.hasSuffix(".pdf") && name.count == 22)
    #expect(try GuidelineUpload.sanitisedName("Протокол.pdf") == name)
    for bad in ["script.sh", "notes", ".md", "archive.md.exe"] {
      #expect(throws: GuidelineUploadError.self) { try GuidelineUpload.sanitisedName(bad) }
    }
  }

  @Test func anOperatorUploadIsSavedUnderItsSanitisedNameQueuedAndIndexedLikeAnyGuideline()
    throws
  {
    let folder = try TemporaryFolder()
    try FileManager.default.createDirectory(
      atPath: folder.path + "/medical_guidelines", withIntermediateDirectories: true)
    let harness = try APITestHarness(knowledgeBase: folder.path)
    let body = "# Flu shots\n\nAdults should get the seasonal flu vaccine every autumn.\n"
    func upload(_ token: String) -> HTTPResponse {
      var request = HTTPRequest(
        method: "POST", path: "/api/v1/knowledge/guidelines",
        query: ["name": "../Flu shots: guide 2026.md"],
        headers: ["authorization": "Bearer \(token)"], body: Array(body.utf8))
      request.headers["content-type"] = "text/markdown"
      return harness.api.handle(request)
    }
    #expect(upload(harness.physician).status == 403)
    #expect(upload(harness.oncall).status == 403)
    let saved = upload(harness.operatorToken)
    #expect(saved.status == 201, "\(String(decoding: saved.body, as: UTF8.self))")
    let answer = try JSONDecoder().decode(JSONValue.self, from: Data(saved.body))
    #expect(answer["name"] == .string("Flu-shots-guide-2026.md"))
    // A reindex is queued, unless one (another suite's, on the shared lock) is running already.
    let said = String(decoding: saved.body, as: UTF8.self)
    #expect(said.contains("reindex queued") || said.contains("a reindex is already running"))
    let path = folder.path + "/medical_guidelines/Flu-shots-guide-2026.md"
    #expect(FileManager.default.contents(atPath: path).map { Array($0) } == Array(body.utf8))

    let report = try KnowledgeStore(pool: harness.postgres, embedder: HashingTextEmbedder())
      .sync(root: folder.path)
    #expect(report.added == 1 && report.issues.isEmpty)
    let rows = try harness.postgres.query(
      "SELECT title FROM knowledge_documents WHERE path = $1",
      ["medical_guidelines/Flu-shots-guide-2026.md"])
    #expect(try rows.map { try $0.string("title") } == ["Flu shots"])
  }
}
