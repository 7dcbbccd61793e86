"""A real MariaDB on 127.0.0.1 for the import tests: its own data folder made
by mariadb-install-db, a free port, root without a password (as a fresh
install has it), stopped at the end. .ci/run installs mariadb-server."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import need
from tests.nginx_server import free_port

MARIADBD = "/usr/sbin/mariadbd"
SMALL = ["--innodb-buffer-pool-size=16M", "--innodb-log-file-size=4M", "--skip-log-bin"]


def _install(datadir: Path, log: Path) -> None:
    install = shutil.which("mariadb-install-db") or shutil.which("mysql_install_db")
    need(install, "mariadb-install-db (mariadb-server)")
    command = [install, "--no-defaults", f"--datadir={datadir}", "--auth-root-authentication-method=normal",
               "--skip-test-db", *SMALL]
    if os.geteuid() == 0:
        command.append("--user=root")
    done = subprocess.run(command, capture_output=True, text=True)
    log.write_text(done.stdout + done.stderr, encoding="utf-8")
    assert done.returncode == 0, done.stdout + done.stderr


@contextlib.contextmanager
def mariadb(work: Path):
    """A running server with its data in work: yields its port."""
    need(os.access(MARIADBD, os.X_OK), "mariadbd (mariadb-server)")
    datadir = work / "data"
    _install(datadir, work / "install.log")
    port = free_port()
    command = [MARIADBD, "--no-defaults", f"--datadir={datadir}", f"--port={port}", "--bind-address=127.0.0.1",
               f"--socket={work / 'mysqld.sock'}", f"--pid-file={work / 'mysqld.pid'}",
               f"--log-error={work / 'error.log'}", *SMALL]
    if os.geteuid() == 0:
        command.append("--user=root")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(port, process, work / "error.log")
        yield port
    finally:
        process.send_signal(signal.SIGTERM)  # a clean shutdown
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for(port: int, process: subprocess.Popen, log: Path) -> None:
    import pymysql

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"mariadbd stopped: {log.read_text(errors='replace') if log.exists() else ''}")
        try:
            pymysql.connect(host="127.0.0.1", port=port, user="root", connect_timeout=2).close()
            return
        except pymysql.MySQLError:
            time.sleep(0.1)
    pytest.fail("mariadbd did not start listening")
