"""The production setup of deploy/ started for real: a PostgreSQL database, two
`streamlit run app.py` processes and Debian's nginx in front of them, using
deploy/nginx/bottega-upstream.conf (its two ports replaced by free ones) and
deploy/nginx/bottega-proxy.conf as they are. nginx runs unprivileged from a temporary prefix
on a free port. Used by tests/e2e/test_deploy.py and by the load benchmark (bench/load.py).

The test's server block adds one header, X-Bottega-Upstream (the process that answered), so
a test can tell the two processes apart; the deployed site has no such header."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import ROOT
from tests.e2e.servers import (ACCOUNTS, Server, add_accounts_problems, launch_server,
                               server_env, start_add_accounts, stop_server, wait_healthy)
from tests.postgres import free_port

DEPLOY = ROOT / "deploy"
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/bin/nginx")
DEFAULT_PORTS = ("127.0.0.1:8501", "127.0.0.1:8502")


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (path for path in NGINX_CANDIDATES if Path(path).exists()), None)


@dataclass
class Deployment:
    url: str                       # nginx
    apps: list[Server]
    nginx: subprocess.Popen
    folder: Path
    env: dict
    nginx_prefix: Path = Path()
    upstreams: dict[str, str] = field(default_factory=dict)   # "127.0.0.1:port" -> app url

    def nginx_log(self) -> str:
        parts = []
        for name in ("error.log", "access.log"):
            path = self.nginx_prefix / name
            if path.exists():
                parts.append(f"--- {name}\n" + "\n".join(
                    path.read_text(errors="replace").splitlines()[-20:]))
        return "\n".join(parts)


def nginx_config(prefix: Path, port: int, app_ports: list[int]) -> Path:
    """nginx.conf for an unprivileged nginx: the deploy/ files, ports replaced."""
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / sub).mkdir(parents=True, exist_ok=True)
    upstream = (DEPLOY / "nginx" / "bottega-upstream.conf").read_text()
    for default, app_port in zip(DEFAULT_PORTS, app_ports):
        assert default in upstream, f"{default} not in bottega-upstream.conf"
        upstream = upstream.replace(default, f"127.0.0.1:{app_port}")
    (prefix / "bottega-upstream.conf").write_text(upstream)
    shutil.copy(DEPLOY / "nginx" / "bottega-proxy.conf", prefix / "bottega-proxy.conf")
    config = prefix / "nginx.conf"
    config.write_text(f"""
daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/bottega-upstream.conf;
    server {{
        listen 127.0.0.1:{port};
        add_header X-Bottega-Upstream $upstream_addr;
        include {prefix}/bottega-proxy.conf;
    }}
}}
""")
    return config


def wait_answering(url: str, process: subprocess.Popen, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return           # it answers (a 503 before the schema is ready is an answer)
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer at {url} within {seconds} s")


@contextmanager
def deployment(database_url: str, folder: Path, accounts=("manager", "viewer")):
    """Everything up, the demo hub in the database and `accounts` made; stopped afterwards."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed (apt-get install nginx)")
    env = server_env(database_url, folder / "data", demo=True)
    with ExitStack() as stack:
        # As the systemd units do: migrate (and here fill the demo) before the processes start,
        # so they do not race to fill an empty database.
        for step in (["migrate"], ["seed-demo"]):
            subprocess.run([sys.executable, "-m", "db", *step], cwd=ROOT, env=env, check=True,
                           capture_output=True, timeout=600)
        problems = add_accounts_problems(start_add_accounts(env, [ACCOUNTS[a] for a in accounts]))
        if problems:
            raise RuntimeError("\n".join(problems))
        apps = []
        for name in ("a", "b"):
            (folder / name).mkdir(parents=True, exist_ok=True)
            server = launch_server(env, folder / name, "postgresql")
            stack.callback(stop_server, server)
            apps.append(server)
        for server in apps:
            wait_healthy(server)
        port = free_port()
        # Not as root: an unprivileged user from a prefix of its own (nobody, when the tests
        # run as root; the pytest folders are private to their owner, hence /tmp).
        prefix = Path(tempfile.mkdtemp(prefix="bottega-nginx-"))
        stack.callback(shutil.rmtree, prefix, True)
        config = nginx_config(prefix, port, [int(s.url.rsplit(":", 1)[1]) for s in apps])
        command = [binary, "-p", str(prefix), "-c", str(config), "-e", str(prefix / "error.log")]
        if os.geteuid() == 0:
            for path in [prefix, *prefix.rglob("*")]:
                os.chown(path, 65534, 65534)
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        nginx = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                                 start_new_session=True)

        def stop_nginx():
            nginx.terminate()
            try:
                nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                nginx.kill()
                nginx.wait(timeout=10)
        stack.callback(stop_nginx)
        url = f"http://127.0.0.1:{port}"
        wait_answering(url + "/healthz", nginx, "nginx")
        yield Deployment(url, apps, nginx, folder, env, prefix,
                         {s.url.removeprefix("http://"): s.url for s in apps})


def node_cookies(browser, url: str, wanted: int = 2, tries: int = 64) -> dict[str, str]:
    """A value of the sticky cookie for each app process: {"127.0.0.1:port": value}."""
    found: dict[str, str] = {}
    for n in range(tries):
        value = f"node{n}"
        context = browser.new_context()
        try:
            answer = context.request.get(url + "/healthz",
                                         headers={"Cookie": f"bottega_node={value}"})
            upstream = answer.headers.get("x-bottega-upstream")
        finally:
            context.close()
        if upstream and upstream not in found:
            found[upstream] = value
        if len(found) == wanted:
            break
    return found
