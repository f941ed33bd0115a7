"""Checks a built bundle the way an administrator and a field worker would use it.

    python build_scripts/smoke_packaged.py [dist/realname-desktop]

Run from the source tree's venv (the centre it talks to runs from source). In order:
``--version`` matches sync/version.py; ``--self-check`` passes; the window opens
(offscreen, through the start-up probe of entry_desktop.py); and a real round trip: a
centre on 127.0.0.1, then the bundle logs in, imports a CSV, syncs and reports every
record synced. Exits 1 on the first failure, naming it. Touches nothing outside a
temporary folder (data folder, keyring file, preferences all live there).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sync.contract.records_io import write_records  # noqa: E402
from sync.contract.samples import sample_records  # noqa: E402
from sync.version import __version__  # noqa: E402

WINDOWS = sys.platform == "win32"
RECORDS = 200
STDIN = ("--password-stdin",)


class SmokeError(Exception):
    """A check of the bundle failed; the message says which and why."""


def program(bundle: Path, console: bool = True) -> Path:
    """The path of the bundle's console (or windowed) program."""
    name = "realname-desktop-cli" if console else "realname-desktop"
    return bundle / (name + (".exe" if WINDOWS else ""))


def isolated_env(folder: Path) -> dict[str, str]:
    """An environment whose data, keyring and preferences all live in ``folder``."""
    env = dict(os.environ)
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "REALNAME_DATA_DIR": str(folder / "data"),
            "REALNAME_UI_PREFERENCES": str(folder / "desktop.ini"),
            # A keyring file in the temporary folder: CI machines have no OS keyring.
            "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
            "XDG_DATA_HOME": str(folder / "xdg"),
            "LOCALAPPDATA": str(folder / "appdata"),
            "REALNAME_DESKTOP_KDF_MEMORY_KIB": "64",
            "REALNAME_CENTRAL_SCRYPT_N": "16",
            "REALNAME_CENTRAL_DATA_DIR": str(folder / "central"),
        }
    )
    env.pop("REALNAME_CENTRAL_DB", None)
    # The bundle must not lean on the build machine's Python: no path into the source tree.
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(name, None)
    return env


def run(
    args: list[str], env: dict[str, str], stdin: str | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run a program; its output, whatever the exit code."""
    return subprocess.run(
        args,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        timeout=timeout,
        check=False,
    )


def expect(done: subprocess.CompletedProcess[str], what: str, code: int = 0) -> str:
    """``done``'s stdout when it exited with ``code``; else SmokeError naming ``what``."""
    if done.returncode != code:
        raise SmokeError(
            f"{what}: exit {done.returncode} (expected {code})\n"
            f"stdout: {done.stdout[-2000:]}\nstderr: {done.stderr[-3000:]}"
        )
    return done.stdout


def check_version(bundle: Path, env: dict[str, str]) -> str:
    """``--version`` prints the version of sync/version.py."""
    out = expect(run([str(program(bundle)), "--version"], env), "--version").strip()
    if out != f"realname-desktop {__version__}":
        raise SmokeError(f"--version printed {out!r}, expected version {__version__}")
    return out


def check_self_check(bundle: Path, env: dict[str, str]) -> str:
    """``--self-check`` exits 0 with its one-line summary."""
    out = expect(run([str(program(bundle)), "--self-check"], env), "--self-check").strip()
    if "ok" not in out:
        raise SmokeError(f"--self-check printed {out!r}")
    return out.splitlines()[-1]


def check_window(bundle: Path, env: dict[str, str]) -> str:
    """The window opens (offscreen) and the program quits through the start-up probe."""
    # The windowed Windows program has no stdout; the console one runs the same code.
    exe = program(bundle, console=WINDOWS)
    probe_env = {**env, "REALNAME_STARTUP_PROBE": "1"}
    started = time.perf_counter()
    out = expect(run([str(exe)], probe_env, timeout=60), "opening the window")
    seconds = time.perf_counter() - started
    shown = [line for line in out.splitlines() if line.startswith("window-shown")]
    if not shown:
        raise SmokeError(f"the window was not shown; stdout: {out[-2000:]}")
    return f"{shown[0]} after {seconds:.2f} s"


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for_health(url: str, server: subprocess.Popen[bytes], timeout: float = 30) -> None:
    """Wait until the centre answers /health (or fail if it exits first)."""
    import httpx

    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=1.0) as client:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise SmokeError("the centre exited at start")
            try:
                if client.get(f"{url}/api/v1/health").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)  # polling a real condition: the port accepting requests
    raise SmokeError("the centre did not answer /health in time")


def check_round_trip(bundle: Path, env: dict[str, str], folder: Path) -> str:
    """Log in, import a CSV and sync with the packaged program; every record ends synced."""
    central = [sys.executable, "-m", "sync.central.cli", "--db", f"sqlite:///{folder / 'c.db'}"]
    source_env = {**env, "PYTHONPATH": str(ROOT)}
    expect(run([*central, "init-db"], source_env), "centre init-db")
    expect(
        run(
            [*central, "create-user", "smoke", "--role", "province", "--region", "620000", *STDIN],
            source_env,
            stdin="packaged-check-1\n",
        ),
        "centre create-user",
    )
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = (folder / "central.log").open("wb")
    server = subprocess.Popen(
        [*central, "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=source_env,
        cwd=ROOT,
    )
    try:
        wait_for_health(url, server)
        exe = str(program(bundle))
        expect(
            run(
                [exe, "login", "--server", url, "--user", "smoke", "--password-stdin"],
                env,
                stdin="packaged-check-1\n",
            ),
            "login",
        )
        csv_file = folder / "records.csv"
        write_records(csv_file, sample_records(RECORDS, seed=8))
        imported = json.loads(expect(run([exe, "import", str(csv_file)], env), "import"))
        if imported.get("accepted") != RECORDS:
            raise SmokeError(f"import accepted {imported.get('accepted')} of {RECORDS}")
        expect(run([exe, "sync"], env), "sync")
        status = json.loads(expect(run([exe, "status"], env), "status"))
        if status.get("synced") != RECORDS or status.get("pending"):
            raise SmokeError(f"after sync the states are {status}")
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    return f"{RECORDS} records imported from CSV and synced with a centre on {url}"


def main(argv: list[str]) -> int:
    """Run every check in order; 0 when all pass."""
    bundle = Path(argv[0]) if argv else ROOT / "dist" / "realname-desktop"
    if not program(bundle).exists():
        print(f"smoke: no built program at {program(bundle)}; run `make build`", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="realname-smoke-") as name:
        folder = Path(name)
        env = isolated_env(folder)
        checks = [
            ("version", lambda: check_version(bundle, env)),
            ("self-check", lambda: check_self_check(bundle, env)),
            ("window", lambda: check_window(bundle, env)),
            ("round trip", lambda: check_round_trip(bundle, env, folder)),
        ]
        for label, check in checks:
            started = time.perf_counter()
            try:
                detail = check()
            except (SmokeError, subprocess.TimeoutExpired, OSError) as exc:
                print(f"smoke FAILED at {label}: {exc}", file=sys.stderr)
                return 1
            print(f"smoke ok: {label} ({time.perf_counter() - started:.1f} s): {detail}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
