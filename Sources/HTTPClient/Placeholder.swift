// HTTPClient: being written.
