"""AppTest's entry: runs app.py from a folder with no pages/ subfolder.

AppTest re-creates Streamlit's page manager on every run, and beside a pages/ folder that
starts each run in the legacy pages/ mode, which a long-running server leaves for good after
its first run. Launching from here gives AppTest the server's steady state."""
import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).resolve().parents[1] / "app.py"), run_name="__main__")
