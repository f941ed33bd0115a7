"""The real nginx, unprivileged, in the foreground, around the guide's site file.

In production the site file goes into Debian's nginx, whose ``nginx.conf`` includes it;
here a minimal main configuration of the test's own (pid file, logs and temporary folders
in the test's folder) includes the very same rendered file.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.deploy.tls import Certificates
from tests.helpers.central import ROOT

RENDER = ROOT / "deploy" / "nginx" / "render.sh"


def nginx_binary() -> str:
    """The nginx program; its absence fails in CI (it is a test package), else skips."""
    # /usr/sbin is not on every user's PATH.
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have nginx (build_scripts/ensure_system_packages.sh test)")
        pytest.skip("nginx is not installed (build_scripts/ensure_system_packages.sh test)")
    return found


def render_site(listen: str, certificates: Certificates, ports: list[int]) -> str:
    """The site file as the guide renders it, for these ports."""
    done = subprocess.run(
        [
            "bash",
            str(RENDER),
            "localhost",
            listen,
            str(certificates.certificate),
            str(certificates.key),
            *(str(p) for p in ports),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


class Nginx:
    """nginx with its own prefix under ``root``."""

    def __init__(self, root: Path, site: str, port: int) -> None:
        self.root = root
        self.port = port
        root.mkdir(parents=True, exist_ok=True)
        (root / "realname-central.conf").write_text(site, encoding="utf-8")
        temp = "\n".join(
            f"    {kind}_temp_path {root / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        # As root nginx's workers would become "nobody", who cannot write this folder.
        user = "user root root;\n" if os.geteuid() == 0 else ""
        (root / "nginx.conf").write_text(
            f"{user}daemon off;\nworker_processes 1;\npid {root / 'nginx.pid'};\n"
            f"error_log {root / 'error.log'} notice;\n"
            "events { worker_connections 256; }\n"
            f"http {{\n    access_log {root / 'access.log'};\n{temp}\n"
            f"    include {root / 'realname-central.conf'};\n}}\n",
            encoding="utf-8",
        )
        self.command = [
            nginx_binary(), "-p", str(root), "-c", str(root / "nginx.conf"),
            "-e", str(root / "error.log"),
        ]  # fmt: skip
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Check the configuration (``nginx -t``), start, and wait for the TLS port."""
        check = subprocess.run([*self.command, "-t"], capture_output=True, text=True, check=False)
        assert check.returncode == 0, check.stderr
        self.process = subprocess.Popen(self.command, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            assert self.process.poll() is None, self.error_log()
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                assert time.monotonic() < deadline, self.error_log()
                time.sleep(0.02)  # polling a real condition: the port accepting connections

    def stop(self) -> None:
        """SIGTERM: nginx's fast shutdown."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def error_log(self) -> str:
        """nginx's error log so far."""
        path = self.root / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""
