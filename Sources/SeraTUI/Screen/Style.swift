/// What a piece of text means on screen; a theme turns each into colours and attributes.
public enum Style: String, CaseIterable, Sendable {
  case normal
  case title
  case border
  case selected
  case up
  case down
  case warning
  case alert
  case stale
  case dim
  case status
  case footer
  case input
}
