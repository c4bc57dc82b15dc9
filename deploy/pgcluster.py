"""A private PostgreSQL cluster on 127.0.0.1 for the gradebook: the tests' and ``make hub``'s.

Why its own cluster rather than Debian's ``postgresql`` service: the tests and the demo hub must start
and stop everything they use, never touch a system database, and run on any free port. The cluster
is made with ``initdb`` in a fresh folder and ``postgres`` runs as our child process, as an unprivileged account (the
``postgres`` account Debian's package creates, when we are root): PostgreSQL refuses to run as root.

Roles: one owner role that nbgrader writes with, and optionally a read-only role for coordinators'
dashboards (``SELECT`` only). Password authentication (scram) on TCP; no Unix socket outside the folder.
Only the standard library and ``psycopg`` (in the repo venv and the hub venv) are used.
"""

from __future__ import annotations

import ctypes
import glob
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

SUPERUSER = "valmennus_admin"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries here (install the Debian ``postgresql`` package)."""


def pg_bindir() -> Path:
    """Where ``initdb`` and ``pg_ctl`` live: on PATH, else Debian's /usr/lib/postgresql/<newest>/bin."""
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    if not candidates:
        raise PostgresUnavailable("initdb not found: install the Debian package 'postgresql' "
                                  "(tools/install-system-deps.sh does it as root)")
    return Path(candidates[-1]).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as(user: str | None, args: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(args, user=user, capture_output=True, text=True, timeout=timeout, check=False,
                          env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"})
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:2])} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


@dataclass
class PostgresCluster:
    """A running cluster; ``stop()`` ends it and removes its folder (idempotent)."""

    data_dir: Path
    port: int
    password: str
    run_as: str | None
    bindir: Path
    process: subprocess.Popen[bytes] | None = None
    roles: dict[str, str] = field(default_factory=dict)

    def url(self, database: str, role: str = SUPERUSER, driver: str = "postgresql+psycopg") -> str:
        """SQLAlchemy URL (nbgrader's ``db_url``) for ``role`` on ``database``."""
        password = self.password if role == SUPERUSER else self.roles[role]
        return f"{driver}://{quote(role)}:{quote(password)}@127.0.0.1:{self.port}/{quote(database)}"

    def execute(self, *statements: str, database: str = "postgres") -> None:
        import psycopg

        dsn = self.url(database, driver="postgresql")
        with psycopg.connect(dsn, autocommit=True, connect_timeout=10) as conn:
            for sql in statements:
                conn.execute(sql)  # type: ignore[arg-type]  (our own literal statements)

    def create_database(self, name: str, owner_role: str, readonly_role: str | None = None) -> None:
        """A database owned by ``owner_role`` (nbgrader creates its tables as that role).

        ``readonly_role`` gets ``SELECT`` on every table the owner creates now or later, and nothing else.
        """
        self.roles.setdefault(owner_role, secrets.token_urlsafe(18))
        self.execute(f"CREATE ROLE {owner_role} LOGIN PASSWORD '{self.roles[owner_role]}'",
                     f"CREATE DATABASE {name} OWNER {owner_role}",
                     f"REVOKE ALL ON DATABASE {name} FROM PUBLIC")
        if readonly_role:
            self.roles.setdefault(readonly_role, secrets.token_urlsafe(18))
            self.execute(f"CREATE ROLE {readonly_role} LOGIN PASSWORD '{self.roles[readonly_role]}'",
                         f"GRANT CONNECT ON DATABASE {name} TO {readonly_role}")
            self.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC",
                         f"GRANT USAGE ON SCHEMA public TO {readonly_role}",
                         f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner_role} IN SCHEMA public "
                         f"GRANT SELECT ON TABLES TO {readonly_role}",
                         f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {readonly_role}",
                         database=name)
        self.execute(f"GRANT CREATE ON SCHEMA public TO {owner_role}", database=name)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # PostgreSQL's "fast" shutdown
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        shutil.rmtree(self.data_dir.parent, ignore_errors=True)


def start_cluster(parent: str | os.PathLike[str] | None = None, port: int | None = None,
                  timeout: float = 90) -> PostgresCluster:
    """initdb in a fresh folder under ``parent`` (default: the system temp folder), then start postgres."""
    bindir = pg_bindir()
    run_as = "postgres" if os.geteuid() == 0 else None
    base = Path(tempfile.mkdtemp(prefix="valmennus-pg-", dir=parent))
    data = base / "data"
    cluster = PostgresCluster(data, port or free_port(), secrets.token_urlsafe(18), run_as, bindir)
    try:
        pwfile = base / "pw"
        pwfile.write_text(cluster.password + "\n")
        if run_as:
            os.chmod(base, 0o700)
            shutil.chown(base, run_as)
            shutil.chown(pwfile, run_as)
        _run_as(run_as, [str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, f"--pwfile={pwfile}",
                         "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "-E", "UTF8",
                         "--locale=C.UTF-8"], timeout)
        pwfile.unlink()
        with (base / "server.log").open("ab") as log:
            # postgres itself as our child (not daemonized by pg_ctl): if this process dies, even by
            # SIGKILL, the kernel sends the server SIGINT (fast shutdown), so no server outlives a test run.
            cluster.process = subprocess.Popen(
                [str(bindir / "postgres"), "-D", str(data), "-c", "listen_addresses=127.0.0.1",
                 "-p", str(cluster.port), "-c", f"unix_socket_directories={data}", "-c", "fsync=off",
                 "-c", "full_page_writes=off", "-c", "synchronous_commit=off"],
                user=run_as, stdout=log, stderr=subprocess.STDOUT, preexec_fn=die_with_parent(signal.SIGINT),
                env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"})
        _wait_ready(cluster, base / "server.log", timeout)
    except BaseException:
        cluster.stop()
        raise
    return cluster


def die_with_parent(sig: int) -> Callable[[], None]:
    """A ``preexec_fn``: the child gets ``sig`` from Linux when our process ends (PR_SET_PDEATHSIG).

    Set after Popen switched user, so the change of credentials does not clear it.
    """
    def preexec() -> None:
        ctypes.CDLL(None, use_errno=True).prctl(1, sig, 0, 0, 0)

    return preexec


def _wait_ready(cluster: PostgresCluster, log: Path, timeout: float) -> None:
    import psycopg

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cluster.process is not None and cluster.process.poll() is not None:
            raise RuntimeError(f"postgres exited with {cluster.process.returncode}:\n{log.read_text()[-2000:]}")
        try:
            psycopg.connect(cluster.url("postgres", driver="postgresql"), connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            time.sleep(0.2)
    raise TimeoutError(f"PostgreSQL not ready within {timeout:.0f} s:\n{log.read_text()[-2000:]}")
