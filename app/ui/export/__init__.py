"""Chart and panel exports: the same code serves the window's Export… actions and the batch."""
