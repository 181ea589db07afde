"""Admin: what the project manager runs for the whole hub.

- users: accounts, roles, sign-in failures and locks
- audit: reading the audit log (entries are written by hub/records.py)
- transfer/: import and export per kind (spaces, tenants, leases, programme, enrolments,
  partners) in CSV and XLSX, all rows or none
- backup: a whole-database backup and its restore
- privacy: a person's data exported or erased on request
- install: preparing a database at start (migrations, demo data)

Uses the other areas' rules (an import goes through them); no area uses admin."""
