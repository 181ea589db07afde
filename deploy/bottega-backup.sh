#!/usr/bin/env bash
# Write a backup with `python -m db backup` into BOTTEGA_BACKUP_DIR and keep the newest
# BOTTEGA_BACKUP_KEEP of them (default 14). On PostgreSQL the file is a portable zip dump,
# on SQLite the database file itself; either is read back by `python -m db restore FILE`.
set -euo pipefail
cd "$(dirname "$0")/.."
folder="${BOTTEGA_BACKUP_DIR:?set BOTTEGA_BACKUP_DIR}"
keep="${BOTTEGA_BACKUP_KEEP:-14}"
python="${BOTTEGA_PYTHON:-.venv/bin/python}"
mkdir -p "$folder"
case "${DATABASE_URL:-sqlite}" in
  postgresql*) suffix=zip ;;
  *) suffix=db ;;
esac
file="$folder/bottega-$(date -u +%Y-%m-%dT%H%M%SZ).$suffix"
"$python" -m db backup "$file"
# Newest first; everything after the first $keep goes.
ls -1t "$folder"/bottega-*."$suffix" | tail -n +"$((keep + 1))" | while read -r old; do
  rm -f -- "$old"
done
