"""Storage: versioned artefacts, the audit log, the accounts file, objects, the replica, sign-in state."""
