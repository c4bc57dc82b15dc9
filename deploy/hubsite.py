"""One host's course on JupyterHub: the site description and the root-only host setup.

A *site file* (JSON, mode 0600: it holds database passwords) says who is who and where things live;
``jupyterhub_config.py`` reads it, and :func:`setup_host` makes the Linux side match it: groups,
accounts with private homes, the grader account, the course directory, the exchange root, and the
per-role Jupyter configuration. ``make hub`` and the hub test both go through here, so what is tested
is what is installed. Standard library only (plus ``valmennus`` for copying the course), run as root.

File modes this relies on for privacy (DESIGN §4):
- every home is 0700: a participant's fetched week and answers file are theirs alone;
- the exchange root is 0777 as nbgrader requires; nbgrader makes ``<course>/inbound`` write-only for
  others (0733, not listable) and names each submission with a random suffix;
- the course directory is readable (its ``nbgrader_config.py`` and ``source/`` are course content),
  but ``submitted/``, ``autograded/`` and ``feedback/`` are 2750 grader:formgrade-<course>, and the
  grader service runs with umask 027, so nothing it writes is readable by participants or coordinators;
- the published group walls (``<state_dir>/walls``) are 2750 grader:nbgrader-<course> (setgid), so the
  course's participants read what the grader copies there (``valmennus share --publish``), nobody else;
- the coaches' control requests (``valmennus.ops.control_requests``: the dashboards service asks, the grader
  applies): ``<course>/control-requests`` 2750 grader:ctlreq-<course>, its ``inbox`` 3730 (setgid, sticky:
  the group drops files, cannot list, read or remove them), its ``handled`` 0700; the group holds the
  dashboards service's account (and the grader, which reads what the group writes), nobody else.

Several courses on one hub (``Site.courses``, :class:`CourseSite`): the site's own fields are its first
course; each further course has its own groups, grader account and formgrader service, its own gradebook
database (a read-write and a read-only URL) and its exchange course id (its course id, under the one
exchange root). The dashboards service (``dashboards_service.py``, run as ``<first course>-dash``) reads
every course's reporting store through the read-only URLs and compares them.
"""

from __future__ import annotations

import grp
import json
import os
import pwd
import shutil
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path

PRIVATE_COURSE_DIRS = ("submitted", "autograded", "feedback")

# nbgrader's instructor extensions: participants and coordinators never get them (DESIGN §6).
INSTRUCTOR_SERVER_EXTENSIONS = ("nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list")
INSTRUCTOR_LAB_PLUGINS = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                          "@jupyter/nbgrader:course-list")
# participants' own pages (valmennus.participant) and the weeks in Voilà: their server's default page
PARTICIPANT_SERVER_EXTENSIONS = ("valmennus.participant", "voila.server_extension")
PARTICIPANT_DEFAULT_URL = "/valmennus/"
ALL_NBGRADER_SERVER_EXTENSIONS = ("nbgrader.server_extensions.formgrader",
                                  "nbgrader.server_extensions.assignment_list",
                                  "nbgrader.server_extensions.course_list",
                                  "nbgrader.server_extensions.validate_assignment")


class CourseNames:
    """The names a course's id gives (the nbgrader JupyterHub convention): the site's first course and
    every further one (``CourseSite``) alike."""

    course_id: str

    @property
    def student_group(self) -> str:
        return f"nbgrader-{self.course_id}"

    @property
    def grader_group(self) -> str:
        return f"formgrade-{self.course_id}"

    @property
    def grader(self) -> str:
        return f"grader-{self.course_id}"

    @property
    def control_group(self) -> str:
        """Who may drop a control request into the course's inbox: the dashboards service's account."""
        return f"ctlreq-{self.course_id}"

    @property
    def db_env(self) -> str:
        """The environment variable that gives this course's gradebook URL to a process that reads several
        courses (the dashboards): the hub's block of the course's nbgrader_config.py reads it."""
        return "VALMENNUS_DB_URL_" + "".join(ch if ch.isalnum() else "_" for ch in self.course_id).upper()


@dataclass
class Site(CourseNames):
    """Everything one hub needs to know; saved as JSON next to the hub's state."""

    course_id: str
    state_dir: str                 # hub database, cookie secret, per-role Jupyter config, dashboards
    course_dir: str                # the nbgrader course (owned by the grader account)
    exchange: str                  # nbgrader exchange root (0777)
    venv: str                      # the hub venv (readable by every user)
    proxy_command: str             # configurable-http-proxy
    db_url: str                    # gradebook, read-write (the grader account only)
    db_url_readonly: str = ""      # gradebook for coordinators' dashboards (SELECT only)
    participants: list[str] = field(default_factory=list)
    facilitators: list[str] = field(default_factory=list)
    coordinators: list[str] = field(default_factory=list)
    admins: list[str] = field(default_factory=list)
    dummy_password: str = ""       # set only for trying out / tests: DummyAuthenticator with this password
    ip: str = "127.0.0.1"
    port: int = 8000
    hub_port: int = 8081
    proxy_api_port: int = 8001
    service_port: int = 9999
    wall_port: int = 0             # the group's space (wall_service.py; 0: the formgrader's port + 100)
    # issue 14/17: more courses on this hub (CourseSite fields as JSON objects); the dashboards service
    # (0: none) and the routine inside each grader service (minutes between passes; 0: off)
    courses: list[dict] = field(default_factory=list)
    dashboards_port: int = 0
    routine_minutes: float = 0

    @property
    def coordinator_group(self) -> str:
        return "coordinators"

    @property
    def jupyter_dir(self) -> Path:
        return Path(self.state_dir) / "jupyter"

    @property
    def dashboards_dir(self) -> Path:
        return Path(self.state_dir) / "dashboards"

    @property
    def walls_dir(self) -> Path:
        """Published group walls (``valmennus share <week> --publish``): the course's participants read them."""
        return Path(self.state_dir) / "walls"

    @property
    def hub_dir(self) -> Path:
        return Path(self.state_dir) / "hub"

    def config_path(self, role: str) -> str:
        """JUPYTER_CONFIG_PATH for a role: its own folder first, then the common one."""
        return os.pathsep.join([str(self.jupyter_dir / role), str(self.jupyter_dir / "common")])

    # -- several courses and the hub's services (issues 14, 17) -----------------------------------------
    def course_sites(self) -> list[CourseSite]:
        """Every course of the hub, the site's own first."""
        first = CourseSite(course_id=self.course_id, course_dir=self.course_dir, db_url=self.db_url,
                           db_url_readonly=self.db_url_readonly, participants=list(self.participants),
                           facilitators=list(self.facilitators), service_port=self.service_port,
                           routine_minutes=self.routine_minutes)
        return [first, *(CourseSite(**entry) for entry in self.courses)]

    @property
    def dashboards_user(self) -> str:
        """The Linux account of the dashboards service (no person logs in as it)."""
        return f"{self.course_id}-dash"

    @property
    def services_dir(self) -> Path:
        """The services' programs (dashboards_service.py, grader_service.py), copied here by the setup."""
        return Path(self.state_dir) / "services"

    def participant_role(self, course_id: str) -> str:
        """The Jupyter config folder of a course's participants: ``participant`` for the first course."""
        return "participant" if course_id == self.course_id else f"participant-{course_id}"

    def save(self, path: str | os.PathLike[str]) -> Path:
        path = Path(path)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(asdict(self), fh, indent=2)
        return path

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Site:
        return cls(**json.loads(Path(path).read_text(encoding="utf-8")))


@dataclass
class CourseSite(CourseNames):
    """One course of the hub: its people, its formgrader service, its gradebook, its routine."""

    course_id: str                 # also its exchange course id (the exchange root is the site's)
    course_dir: str
    db_url: str                    # its own gradebook database, read-write (its grader service only)
    db_url_readonly: str = ""      # the same database as the dashboards' SELECT-only role
    participants: list[str] = field(default_factory=list)
    facilitators: list[str] = field(default_factory=list)
    service_port: int = 9998
    routine_minutes: float = 0     # the routine inside its grader service every N minutes; 0: off


# -- Linux accounts ---------------------------------------------------------------------------------
def _group_exists(name: str) -> bool:
    try:
        grp.getgrnam(name)
        return True
    except KeyError:
        return False


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def ensure_group(name: str) -> bool:
    """Create a Linux group; True if it was created here (so a test knows what to remove)."""
    if _group_exists(name):
        return False
    subprocess.run(["groupadd", name], check=True, timeout=30)
    return True


def ensure_user(name: str, groups: list[str], primary: str | None = None, system: bool = False) -> bool:
    """Create a Linux account with a private (0700) home; True if it was created here."""
    created = False
    if not _user_exists(name):
        args = ["useradd", "--create-home", "--shell", "/bin/bash"]
        if primary:
            args += ["--gid", primary]
        else:
            args += ["--user-group"]
        if system:
            args.append("--system")
        subprocess.run([*args, name], check=True, timeout=30)
        created = True
    if groups:
        subprocess.run(["usermod", "--append", "--groups", ",".join(groups), name], check=True, timeout=30)
    home = Path(pwd.getpwnam(name).pw_dir)
    home.mkdir(mode=0o700, exist_ok=True)
    shutil.chown(home, name, pwd.getpwnam(name).pw_gid)
    os.chmod(home, 0o700)  # Debian's useradd default follows UMASK (0755): not private enough
    return created


def remove_user(name: str) -> None:
    subprocess.run(["userdel", "--remove", name], check=False, timeout=60, capture_output=True)


def remove_group(name: str) -> None:
    subprocess.run(["groupdel", name], check=False, timeout=30, capture_output=True)


def site_accounts(site: Site) -> tuple[list[str], list[str]]:
    """Every Linux account and group ``create_accounts`` makes for ``site`` (what ``make hub-clean``
    removes): derived from the site, never listed by hand, so a new kind of account cannot be left behind."""
    users: list[str] = []
    groups: list[str] = []
    for course in site.course_sites():
        groups += [course.student_group, course.grader_group, course.control_group]
        users += [course.grader, *course.participants, *course.facilitators]
    users += [*site.coordinators, *site.admins]
    if site.dashboards_port:
        users.append(site.dashboards_user)
        groups.append(site.dashboards_user)  # its own group, should userdel leave it
    return list(dict.fromkeys(users)), list(dict.fromkeys(groups))


def create_accounts(site: Site) -> tuple[list[str], list[str]]:
    """Groups and accounts for the site; returns the (users, groups) created by this call."""
    made_groups, made_users = [], []
    for course in site.course_sites():
        made_groups += [g for g in (course.student_group, course.grader_group, course.control_group)
                        if ensure_group(g)]
        if ensure_user(course.grader, [course.control_group], primary=course.grader_group, system=False):
            made_users.append(course.grader)
        for name in course.participants:
            if ensure_user(name, [course.student_group]):
                made_users.append(name)
        for name in course.facilitators:
            if ensure_user(name, [course.grader_group]):
                made_users.append(name)
    for name in (*site.coordinators, *site.admins):
        if ensure_user(name, []):
            made_users.append(name)
    # the dashboards service's own account: in no course group (it reads the stores through the
    # read-only database role, never the course folders' private parts), only in each course's control
    # group (it drops the coaches' requests into the course's inbox and reads what became of them)
    if site.dashboards_port and ensure_user(site.dashboards_user, [k.control_group for k in site.course_sites()],
                                            system=True):
        made_users.append(site.dashboards_user)
    return made_users, made_groups


# -- folders and configuration ----------------------------------------------------------------------
def _write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.chmod(path, mode)


def write_jupyter_config(site: Site) -> None:
    """Per-role Jupyter configuration, picked by JUPYTER_CONFIG_PATH in the spawner's pre_spawn_hook.

    Never /etc/jupyter: that would change every Jupyter on the machine (the repo's own tests too).
    """
    common = site.jupyter_dir / "common"
    _write(common / "nbgrader_config.py", f'''"""nbgrader on this hub (written by deploy/hubsite.py)."""
from nbgrader.auth import JupyterHubAuthPlugin
from nbgrader.coursedir import CourseDirectory
from valmennus.answers import COURSE_TEAM_PATTERN

c = get_config()  # noqa: F821
c.Authenticator.plugin_class = JupyterHubAuthPlugin
c.Exchange.path_includes_course = True
c.Exchange.root = {site.exchange!r}
# a submit from JupyterLab's Assignments tab leaves the answers for the course team (without names) at home
c.CourseDirectory.ignore = [*CourseDirectory.class_traits()["ignore"].default(), COURSE_TEAM_PATTERN]
''')

    def server_extensions(off: tuple[str, ...]) -> str:
        return json.dumps({"ServerApp": {"jpserver_extensions": dict.fromkeys(off, False)}}, indent=2)

    def lab_disabled(plugins: tuple[str, ...]) -> str:
        return json.dumps({"disabledExtensions": dict.fromkeys(plugins, True)}, indent=2)

    # participants: their own pages ("Oma valmennus", the weeks in Voilà) as the default page, the course
    # named for them; the Assignments tab stays in JupyterLab; no formgrader, create-assignment, course list
    # (one folder per course: site.participant_role; the walls folder is the first course's)
    for course in site.course_sites():
        participant = site.jupyter_dir / site.participant_role(course.course_id)
        walls = [str(site.walls_dir)] if course.course_id == site.course_id else []
        _write(participant / "jupyter_server_config.json", json.dumps({
            "ServerApp": {"jpserver_extensions": {**dict.fromkeys(INSTRUCTOR_SERVER_EXTENSIONS, False),
                                                  **dict.fromkeys(PARTICIPANT_SERVER_EXTENSIONS, True)},
                          "default_url": PARTICIPANT_DEFAULT_URL},
            "ParticipantApp": {"course_dir": course.course_dir, "course_id": course.course_id,
                               "wall_dirs": walls},
        }, indent=2))
        _write(participant / "labconfig" / "page_config.json", lab_disabled(INSTRUCTOR_LAB_PLUGINS))
    # facilitators grade in the course's formgrader service, not in their own server
    facilitator = site.jupyter_dir / "facilitator"
    _write(facilitator / "jupyter_server_config.json", server_extensions(("nbgrader.server_extensions.formgrader",)))
    _write(facilitator / "labconfig" / "page_config.json", lab_disabled(("@jupyter/nbgrader:formgrader",)))
    # coordinators: Voilà dashboards only, no nbgrader at all
    coordinator = site.jupyter_dir / "coordinator"
    _write(coordinator / "jupyter_server_config.json", server_extensions(ALL_NBGRADER_SERVER_EXTENSIONS))
    _write(coordinator / "labconfig" / "page_config.json",
           lab_disabled((*INSTRUCTOR_LAB_PLUGINS, "@jupyter/nbgrader:assignment-list",
                         "@jupyter/nbgrader:validate-assignment", "@jupyter/nbgrader:menu")))
    # the grader service: formgrader inside the hub's iframe needs this CSP (JupyterHub >= 4.1, #1870)
    grader = site.jupyter_dir / "grader"
    _write(grader / "jupyter_server_config.py", '''c = get_config()  # noqa: F821
c.ServerApp.tornado_settings = {"headers": {"Content-Security-Policy": "frame-ancestors 'self'"}}
''')
    for folder in (site.jupyter_dir, *site.jupyter_dir.rglob("*")):
        if folder.is_dir():
            os.chmod(folder, 0o755)


HUB_CONFIG_MARK = "# -- this course on the hub (written by deploy/hubsite.py"


def _hub_course_block(course: CourseSite) -> str:
    """What the hub adds to a course's nbgrader_config.py: its course id, and its gradebook from its own
    environment variable when set (the dashboards read several courses in one process), else as before."""
    return (f"\n{HUB_CONFIG_MARK}; `hubsite.py setup` writes it again)\n"
            f"c.CourseDirectory.course_id = {course.course_id!r}\n"
            f"c.CourseDirectory.db_url = os.environ.get({course.db_env!r}) or c.CourseDirectory.db_url\n")


def prepare_course_dir(site: Site, repo: Path, course: CourseSite | None = None) -> None:
    """The course directory, owned by the grader account; a course that exists is left as it is (but
    for the hub's block at the end of its nbgrader_config.py)."""
    course = course or site.course_sites()[0]
    root = Path(course.course_dir)
    if not (root / "nbgrader_config.py").is_file():
        from valmennus.course.copy import prepare_course

        prepare_course(repo, root)
    config = root / "nbgrader_config.py"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.split(f"\n{HUB_CONFIG_MARK}")[0].rstrip("\n") + "\n" + _hub_course_block(course),
                      encoding="utf-8")
    for name in PRIVATE_COURSE_DIRS:
        (root / name).mkdir(exist_ok=True)
    requests = root / CONTROL_REQUESTS
    for path in (root, *root.rglob("*")):
        if path != requests and requests not in path.parents:  # what the dashboards wrote stays theirs
            shutil.chown(path, course.grader, course.grader_group)
    os.chmod(root, 0o755)
    for name in PRIVATE_COURSE_DIRS:
        os.chmod(root / name, 0o2750)
    prepare_control_requests(course)


CONTROL_REQUESTS = "control-requests"  # valmennus.ops.control_requests.REQUESTS_DIR


def prepare_control_requests(course: CourseSite) -> None:
    """The course's inbox of control requests (see the module's docstring), as nbgrader's exchange inbound:
    the dashboards service's account (group ``ctlreq-<course>``) may drop a request but not list, read or
    remove one; the grader account owns the folders, reads the requests, moves them to ``handled`` (its
    own) and publishes ``state.json`` for the group to read."""
    requests = Path(course.course_dir) / CONTROL_REQUESTS
    for path, mode in ((requests, 0o2750), (requests / "inbox", 0o3730), (requests / "handled", 0o700)):
        if path.is_symlink():
            path.unlink()
        path.mkdir(exist_ok=True)
        shutil.chown(path, course.grader, course.control_group)
        os.chmod(path, mode)


def prepare_folders(site: Site, repo: Path) -> None:
    """State, exchange, dashboards and course folders with the modes the module docstring lists."""
    state = Path(site.state_dir)
    state.mkdir(parents=True, exist_ok=True)
    os.chmod(state, 0o755)
    site.hub_dir.mkdir(exist_ok=True)
    os.chmod(site.hub_dir, 0o700)  # hub database, cookie secret: root only
    exchange = Path(site.exchange)
    exchange.mkdir(parents=True, exist_ok=True)
    os.chmod(exchange, 0o777)  # nbgrader's exchange root must be writable by everyone
    site.dashboards_dir.mkdir(exist_ok=True)
    os.chmod(site.dashboards_dir, 0o755)
    for notebook in sorted((repo / "dashboards").glob("*.ipynb")):
        shutil.copy2(notebook, site.dashboards_dir / notebook.name)
        os.chmod(site.dashboards_dir / notebook.name, 0o644)
    # walls: written by the grader (umask 027), read by the course's participants through the group
    # (setgid: what is copied in belongs to the participants' group); nobody else reads them
    site.walls_dir.mkdir(exist_ok=True)
    shutil.chown(site.walls_dir, site.grader, site.student_group)
    os.chmod(site.walls_dir, 0o2750)
    write_jupyter_config(site)
    for course in site.course_sites():
        prepare_course_dir(site, repo, course)
    prepare_services(site)


SERVICE_PROGRAMS = ("dashboards_service.py", "grader_service.py")


def prepare_services(site: Site) -> None:
    """The services' programs in ``<state_dir>/services`` (readable by their accounts, root-owned), and
    each course's reporting store readable by the dashboards' role (``records.store.grant_read_only``:
    SELECT on its schema, now and for the tables a later sync creates)."""
    site.services_dir.mkdir(exist_ok=True)
    os.chmod(site.services_dir, 0o755)
    for name in SERVICE_PROGRAMS:
        shutil.copy2(Path(__file__).resolve().parent / name, site.services_dir / name)
        os.chmod(site.services_dir / name, 0o644)
    if not site.dashboards_port:
        return
    from sqlalchemy.engine import make_url

    from valmennus.records.store import grant_read_only

    for course in site.course_sites():
        if course.db_url.startswith("postgresql") and course.db_url_readonly:
            grant_read_only(course.db_url, make_url(course.db_url_readonly).username)


def setup_host(site: Site, repo: Path) -> tuple[list[str], list[str]]:
    """Accounts, folders and configuration for ``site``; returns the (users, groups) created."""
    if os.geteuid() != 0:
        raise PermissionError("the hub host setup creates Linux accounts: run it as root")
    created = create_accounts(site)
    prepare_folders(site, repo)
    return created


def main(argv: list[str] | None = None) -> int:
    """``python deploy/hubsite.py setup /etc/valmennus-hub/site.json``: run again after editing the site file."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(description="Accounts, folders and Jupyter configuration for a hub site")
    parser.add_argument("action", choices=["setup"])
    parser.add_argument("site_file")
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    site = Site.load(args.site_file)
    users, groups = setup_host(site, Path(__file__).resolve().parent.parent)
    print(f"site {site.course_id}: created users {users or 'none'}, groups {groups or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
