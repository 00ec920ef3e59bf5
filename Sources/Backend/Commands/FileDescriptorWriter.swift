#if canImport(Glibc)
  import Glibc
#endif

/// Writes whole buffers to a file descriptor, retrying short writes.
enum FileDescriptorWriter {
  @discardableResult
  static func writeAll(_ fd: Int32, _ base: UnsafePointer<CChar>, _ count: Int) -> Bool {
    var offset = 0
    while offset < count {
      let written = write(fd, base + offset, count - offset)
      if written < 0 && errno == EINTR { continue }
      if written <= 0 { return false }
      offset += written
    }
    return true
  }
}
