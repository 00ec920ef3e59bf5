// SeraTUI: being written.
