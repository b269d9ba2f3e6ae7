"""``make bench``: development tooling, not part of the running portal."""
