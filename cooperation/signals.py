"""Signal receivers of the shared machinery."""
