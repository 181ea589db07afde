"""Admin screen: one module per tab — users, audit log, import/export, backup, privacy."""
