import CNCurses

/// Maps ncurses key codes and characters to `Key`.
enum KeyDecoder {
  static func function(_ code: Int32) -> Key {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_NPAGE: return .pageDown
    case KEY_PPAGE: return .pageUp
    case KEY_HOME: return .home
    case KEY_END: return .end
    case KEY_BTAB: return .backTab
    case KEY_ENTER: return .enter
    case KEY_BACKSPACE: return .backspace
    case KEY_DC: return .delete
    case KEY_RESIZE: return .resize
    default: return .unknown
    }
  }

  static func character(_ value: UInt32) -> Key {
    switch value {
    case 9: return .tab
    case 10, 13: return .enter
    case 27: return .escape
    case 8, 127: return .backspace
    case 0..<32: return .unknown
    default:
      guard let scalar = Unicode.Scalar(value) else { return .unknown }
      return .character(Character(scalar))
    }
  }
}
