"""AppTest's entry: runs app.py from a folder with no pages/ subfolder.

AppTest re-creates Streamlit's page manager on every run, and beside a pages/ folder that
starts each run in the legacy pages/ mode, which a long-running server leaves for good after
its first run. Launching from here gives AppTest the server's steady state. Streamlit puts
the script's folder on sys.path: this one holds nothing else, so no test folder (tests/web)
hides a package of the app (web/)."""
import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).resolve().parents[2] / "app.py"), run_name="__main__")
