"""Shared fixtures: a throwaway PostgreSQL server and a database URL per backend.

``postgres_server`` (session scope) starts a real PostgreSQL from the Debian
binaries (``/usr/lib/postgresql/<v>/bin``): ``initdb`` refuses to run as root, so
as root it runs as the ``postgres`` user through ``runuser``.  Port 54329 when free,
the next free port otherwise (several test sessions may run at once); the socket
lives in the data directory.  Tests using it are skipped only when no PostgreSQL
binaries are installed.  Set ``MARSAD_TEST_PG_URL`` to use a running server instead.

``db_url`` is parametrised over ``sqlite`` and ``postgresql``: a test taking it runs
once per backend against a fresh, empty database.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

# Tests run against this checkout even when the package is not installed.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PG_PORT = 54329

# In-process API tests (Starlette's TestClient) send "Host: testserver"; the Host check
# (marsad.api.security.HostCheck) answers only IP addresses and the allowed names.
os.environ.setdefault("MARSAD_ALLOWED_HOSTS", "localhost,testserver")


def _pg_bin() -> Path | None:
    def version(path: str) -> tuple[int, ...]:
        part = Path(path).parent.name
        return tuple(int(x) for x in part.split(".") if x.isdigit())

    for cand in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        if Path(cand, "initdb").exists() and Path(cand, "pg_ctl").exists():
            return Path(cand)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def _run_as_postgres(args: list[str]) -> subprocess.CompletedProcess[str]:
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """Base URL (``postgresql+psycopg://postgres@127.0.0.1:PORT``) of a running server."""
    if os.environ.get("MARSAD_TEST_PG_URL"):
        yield os.environ["MARSAD_TEST_PG_URL"].rstrip("/")
        return
    pgbin = _pg_bin()
    if pgbin is None:
        pytest.skip("PostgreSQL binaries not installed (apt-get install postgresql); PostgreSQL tests skipped")
    datadir = tempfile.mkdtemp(prefix="marsad-pg-")
    if os.geteuid() == 0:
        shutil.chown(datadir, "postgres", "postgres")
    try:
        _run_as_postgres(
            [str(pgbin / "initdb"), "-D", datadir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]
        )
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(datadir, ignore_errors=True)
        raise RuntimeError(f"cannot initialise PostgreSQL: {exc.stderr}") from exc
    # Another test session may take a free port between the check and the start: try the next one.
    ports = [p for p in range(PG_PORT, PG_PORT + 50) if _port_free(p)]
    for attempt, port in enumerate(ports[:5]):
        try:
            _run_as_postgres(
                [
                    str(pgbin / "pg_ctl"),
                    "-D",
                    datadir,
                    "-l",
                    f"{datadir}/server.log",
                    "-w",
                    "-o",
                    f"-p {port} -k {datadir} -c listen_addresses=127.0.0.1 -c fsync=off "
                    "-c full_page_writes=off -c max_connections=200",
                    "start",
                ]
            )
            break
        except subprocess.CalledProcessError as exc:
            log = Path(datadir, "server.log")
            detail = log.read_text() if log.exists() else ""
            if attempt < min(4, len(ports) - 1) and "Address already in use" in detail:
                continue
            shutil.rmtree(datadir, ignore_errors=True)
            raise RuntimeError(f"cannot start PostgreSQL: {exc.stderr}\n{detail}") from exc
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            (["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else [])
            + [str(pgbin / "pg_ctl"), "-D", datadir, "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(datadir, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """URL of a fresh, empty database on the test server, dropped afterwards."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    conninfo = postgres_server.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{postgres_server}/{name}"
    finally:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database on each backend: a SQLite file path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "marsad.db")
    return request.getfixturevalue("postgres_url")
