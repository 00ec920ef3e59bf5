// HTMLText: being written.
