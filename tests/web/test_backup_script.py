"""deploy/bottega-backup.sh, as the nightly timer runs it: a backup through `python -m db
backup`, and only the newest BOTTEGA_BACKUP_KEEP files kept."""
import os
import subprocess
import sys

from tests.conftest import ROOT


def test_the_backup_script_writes_a_backup_and_keeps_the_newest_n(base, db_url, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    suffix = "db" if db_url.startswith("sqlite") else "zip"
    for n in range(3):
        old = folder / f"bottega-old-{n}.{suffix}"
        old.write_text("old")
        os.utime(old, (0, 1_700_000_000 + n * 86_400))
    (folder / "notes.txt").write_text("not a backup: left alone")
    env = {**os.environ, "BOTTEGA_BACKUP_DIR": str(folder), "BOTTEGA_BACKUP_KEEP": "2",
           "BOTTEGA_PYTHON": sys.executable}
    run = subprocess.run([str(ROOT / "deploy" / "bottega-backup.sh")], env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "backup written to" in run.stdout
    kept = sorted(path.name for path in folder.iterdir())
    new = [name for name in kept if name.startswith("bottega-20")]
    assert len(new) == 1 and new[0].endswith(f".{suffix}")
    assert kept == sorted([new[0], f"bottega-old-2.{suffix}", "notes.txt"])
    assert (folder / new[0]).stat().st_size > 1000
