import Backend
import FoundationEssentials
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
