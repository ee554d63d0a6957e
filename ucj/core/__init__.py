"""The pure rules: columns, parsing, messages, formats, regions, targets, roles; no I/O."""
