/// A searchable set of knowledge chunks, named as the replaced system's Qdrant collections.
public enum KnowledgeCollection: String, Codable, Sendable, CaseIterable, Hashable {
  /// The physician's past posts, used as style samples.
  case doctorStyle = "doctor_style"
  /// Medical guidelines and reference texts, used as cited evidence.
  case medicalKnowledge = "medical_knowledge"

  /// The folder under the knowledge-base root that feeds this collection.
  public var folder: String {
    switch self {
    case .doctorStyle: return "doctor_style"
    case .medicalKnowledge: return "medical_guidelines"
    }
  }
}
