"""Reading files: bytes to typed rows and problems; stores nothing."""
