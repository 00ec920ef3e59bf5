// Redis: being written.
