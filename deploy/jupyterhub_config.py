"""JupyterHub for one course on one host: participants, facilitators, coordinators (deploy/README.md).

Everything site-specific comes from the site file named by ``VALMENNUS_HUB_SITE`` (see
``site.example.json`` and ``hubsite.py``). What this file decides:

- real Linux users (LocalProcessSpawner switches to them), so nbgrader's student id is the login name;
- hub groups ``nbgrader-<course>`` (participants), ``formgrade-<course>`` (facilitators) and
  ``coordinators``; roles that let facilitators (only) into the course's formgrader service;
- one formgrader service per course, named as the course id, running as ``grader-<course>``;
- per-role Jupyter configuration through ``JUPYTER_CONFIG_PATH`` (participants get no instructor
  extensions and land on their own pages, ``/valmennus/``; coordinators land on their Voilà dashboard);
- the gradebook URL: the grader service gets the read-write one, coordinators the read-only one;
- several courses (``Site.courses``): each its groups, formgrader service (with the routine inside it
  every ``routine_minutes``: ``grader_service.py``), gradebook and participants' configuration;
- the dashboards service (``dashboards_service.py``): coordinators (every course, pseudonyms) and
  facilitators (their own participants by name) by hub scopes; coordinators land on it.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dashboards_service import ALL_COURSES, CUSTOM_SCOPES, OWN_PARTICIPANTS  # noqa: E402
from hubsite import PARTICIPANT_DEFAULT_URL, CourseSite, Site  # noqa: E402

c = get_config()  # noqa: F821  (provided by JupyterHub when it loads this file)
site = Site.load(os.environ["VALMENNUS_HUB_SITE"])
venv_bin = str(Path(site.venv) / "bin")
base_path = f"{venv_bin}:/usr/local/bin:/usr/bin:/bin"  # nbgrader shells out to alembic: venv first

# -- network: everything on one address (127.0.0.1 for trying out; a TLS proxy in front for real use)
c.JupyterHub.ip = site.ip
c.JupyterHub.port = site.port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = site.hub_port
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{site.proxy_api_port}"
c.ConfigurableHTTPProxy.command = [site.proxy_command]
c.ConfigurableHTTPProxy.pid_file = str(site.hub_dir / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{site.hub_dir / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(site.hub_dir / "cookie_secret")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every server it spawned

# -- who may log in
courses = site.course_sites()
everyone = sorted({*(n for k in courses for n in (*k.participants, *k.facilitators)), *site.coordinators,
                   *site.admins})
if site.dummy_password:
    # Trying out and tests only. For real use set authenticator_class to your organisation's
    # (e.g. "generic-oauth" or "ldapauthenticator") and keep the allowed users and groups below.
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = site.dummy_password
c.Authenticator.allowed_users = set(everyone)
c.Authenticator.allow_existing_users = False  # the grader account is a hub user, but nobody logs in as it
c.Authenticator.admin_users = set(site.admins)

# -- groups, roles and services: one formgrader service per course (add_course), the dashboards service
c.JupyterHub.load_groups = {site.coordinator_group: {"users": list(site.coordinators)}}
c.JupyterHub.load_roles = []
c.JupyterHub.services = []


def add_course(course: CourseSite) -> None:
    """The course's groups, its roles and its formgrader service (with the routine inside it)."""
    c.JupyterHub.load_groups[course.student_group] = {"users": list(course.participants)}
    # the grader account is in the group so nbgrader's course list finds the course for the service
    c.JupyterHub.load_groups[course.grader_group] = {"users": [*course.facilitators, course.grader]}
    # facilitators reach the course's formgrader; the grader service may add students to its group and
    # read its own account's groups (formgrader lists the exchange through nbgrader's JupyterHubAuthPlugin)
    group_scopes = [f"list:groups!group={course.student_group}", f"read:groups!group={course.student_group}",
                    f"groups!group={course.student_group}", f"read:users:name!user={course.grader}",
                    f"read:users:groups!user={course.grader}"]
    c.JupyterHub.load_roles += [
        {"name": f"formgrade-{course.course_id}", "groups": [course.grader_group],
         "scopes": [f"access:services!service={course.course_id}", "list:services",
                    f"read:services!service={course.course_id}"]},
        {"name": f"service-{course.course_id}", "services": [course.course_id], "scopes": group_scopes},
    ]
    # the formgrader service of the course, as the grader account, in the course directory; with
    # routine_minutes the routine runs beside it in the same service (grader_service.py)
    server = f"{venv_bin}/jupyterhub-singleuser --ServerApp.root_dir={course.course_dir}"
    program = (f"{venv_bin}/python {site.services_dir / 'grader_service.py'} --every {course.routine_minutes:g} "
               f"--course {course.course_dir} -- {server}")
    c.JupyterHub.services.append({
        "name": course.course_id,
        "url": f"http://127.0.0.1:{course.service_port}",
        "display": True,
        "oauth_no_confirm": True,
        "user": course.grader,
        "cwd": course.course_dir,
        # umask 027: submissions, autograded copies, feedback and logs stay grader + facilitators only
        "command": ["/bin/sh", "-c", f"umask 027 && exec {program}"],
        "environment": {
            "PATH": base_path,
            "JUPYTERHUB_USER": course.grader,  # nbgrader's JupyterHubAuthPlugin reads it
            "JUPYTERHUB_DEFAULT_URL": "/formgrader",
            "JUPYTER_CONFIG_PATH": site.config_path("grader"),
            "VALMENNUS_COURSE_ID": course.course_id,
            "VALMENNUS_EXCHANGE": site.exchange,
            "VALMENNUS_DB_URL": course.db_url,
            "VALMENNUS_LANG": "fi",
        },
    })


for each_course in courses:
    add_course(each_course)


def add_dashboards() -> None:
    """The dashboards service (issue 14): standalone Voilà with pre-heated kernels behind the hub's OAuth,
    as its own account, reading every course's reporting store through the read-only roles.

    Who may look is said by scopes: the service's access scope for coordinators and facilitators, and a
    custom scope that the service turns into the dashboards' role (dashboards_service.role_of).
    """
    c.JupyterHub.custom_scopes = CUSTOM_SCOPES
    access = "access:services!service=dashboards"
    c.JupyterHub.load_roles += [
        {"name": "dashboards-coordinators", "groups": [site.coordinator_group], "scopes": [access, ALL_COURSES]},
        {"name": "dashboards-facilitators", "groups": [k.grader_group for k in courses],
         "scopes": [access, OWN_PARTICIPANTS]},
    ]
    environment = {"PATH": base_path, "VALMENNUS_LANG": "fi", "VALMENNUS_DASHBOARD_ROLE": "coordinator",
                   "VALMENNUS_COURSES": os.pathsep.join(k.course_dir for k in courses),
                   "VALMENNUS_PSEUDONYM_KEY": pseudonym_key(ensure=True)}
    environment.update({k.db_env: k.db_url_readonly for k in courses if k.db_url_readonly})
    c.JupyterHub.services.append({
        "name": "dashboards",
        "url": f"http://127.0.0.1:{site.dashboards_port}",
        "display": True,
        "oauth_no_confirm": True,
        "oauth_client_allowed_scopes": [ALL_COURSES, OWN_PARTICIPANTS],
        "user": site.dashboards_user,
        "cwd": str(site.dashboards_dir),
        "command": [f"{venv_bin}/python", str(site.services_dir / "dashboards_service.py"),
                    f"--port={site.dashboards_port}", f"--notebooks={site.dashboards_dir}"],
        "environment": environment,
    })


def default_url(handler) -> str:  # noqa: ANN001  (JupyterHub passes its request handler)
    """Where the hub sends a person after login: coordinators to the dashboards service (they need no
    server of their own), everyone else to their server."""
    user = handler.current_user
    if site.dashboards_port and user is not None and site.coordinator_group in {g.name for g in user.groups}:
        return "/services/dashboards/"
    return "/hub/spawn"


# -- users' servers
c.Spawner.cmd = [f"{venv_bin}/jupyterhub-singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {"PATH": base_path, "VALMENNUS_LANG": "fi"}
c.Spawner.http_timeout = 60
c.Spawner.start_timeout = 120
# The server's own token: enough for nbgrader's course list (own groups, the course services), no more.
c.Spawner.server_token_scopes = ["access:servers!server", "users:activity!user", "read:users:name!user",
                                 "read:users:groups!user", "list:services", "read:services"]


def role_of(user_groups: set[str]) -> str:
    """One role per person (its Jupyter config folder); a coordinator who is also a facilitator gets the
    coordinator's server; a participant gets the folder of their course (hubsite.Site.participant_role)."""
    if site.coordinator_group in user_groups:
        return "coordinator"
    if any(k.grader_group in user_groups for k in courses):
        return "facilitator"
    mine = [k.course_id for k in courses if k.student_group in user_groups]
    return site.participant_role(mine[0] if mine else site.course_id)


def pseudonym_key(ensure: bool = False) -> str:
    """The dashboards' pseudonym key: stable for this hub, secret (derived from the root-only cookie
    secret, which the hub has created by the time anyone spawns), never the secret itself.
    ``ensure``: create the secret as JupyterHub would (64 hex digits, mode 0600) if it is not there yet
    (the dashboards service's environment is built before the hub starts)."""
    import hashlib
    import hmac

    path = site.hub_dir / "cookie_secret"
    if ensure and not path.exists():
        import secrets

        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    secret = path.read_bytes()
    return hmac.new(secret, b"valmennus dashboard pseudonyms", hashlib.sha256).hexdigest()


SERVER_PORT_BASE = 20000  # + the account's uid: below the kernel's ephemeral range (32768-60999)


def server_port(name: str) -> int:
    """A port of this person's own, from their Linux uid: never the same for two people.

    JupyterHub's default is a random free port checked at spawn time, but a server claims it only when
    it has started (45-80 s into a spawn when 30 people log in at once, `make bench-hub`): two spawns
    were given the same port, and the hub took one participant's server answering as the other's
    (it refused the wrong token, so nothing leaked, but that participant's week did not open).
    """
    import pwd

    uid = pwd.getpwnam(name).pw_uid
    if not 0 < uid < 32768 - SERVER_PORT_BASE:
        raise RuntimeError(f"uid {uid} of {name} gives no server port below 32768; lower SERVER_PORT_BASE")
    return SERVER_PORT_BASE + uid


def pre_spawn_hook(spawner) -> None:  # noqa: ANN001  (JupyterHub passes its Spawner)
    spawner.port = server_port(spawner.user.name)
    role = role_of({g.name for g in spawner.user.groups})
    env = {**spawner.environment, "JUPYTER_CONFIG_PATH": site.config_path(role)}
    if role == "coordinator":
        # Voilà's server extension in their own server; the dashboard reads the read-only gradebook role
        # and shows pseudonyms only: the dashboards' role (options.Dashboards.role), said explicitly
        spawner.notebook_dir = str(site.dashboards_dir)
        spawner.default_url = "/voila/render/edistyminen.ipynb"
        env.update(VALMENNUS_COURSE=site.course_dir, VALMENNUS_COURSE_ID=site.course_id,
                   VALMENNUS_EXCHANGE=site.exchange, VALMENNUS_DB_URL=site.db_url_readonly,
                   VALMENNUS_PSEUDONYM_KEY=pseudonym_key(), VALMENNUS_DASHBOARD_ROLE="coordinator")
    elif role.startswith("participant"):
        # their own pages first ("Oma valmennus", hubsite.py's per-role config names the course);
        # JupyterLab is one link away (/lab) and keeps nbgrader's Assignments tab
        spawner.default_url = PARTICIPANT_DEFAULT_URL
    spawner.environment = env


c.Spawner.pre_spawn_hook = pre_spawn_hook

if site.dashboards_port:
    add_dashboards()
    c.JupyterHub.default_url = default_url


# -- the group's space (issue 15): a wall service per course, reached by its people (wall_service.py)
from wall_service import add_walls  # noqa: E402

add_walls(c, site, venv_bin, base_path)


# -- every managed service's start-up time (JupyterHub >= 6.0 stops the hub, exit 1, when a managed service
#    has not answered within its `timeout`, 30 s by default; a formgrader or the dashboards' Voila takes
#    15-45 s on a loaded 2-core host, more when they all start at once). Older hubs have no such key.
SERVICE_START_TIMEOUT = 300


def allow_slow_services() -> None:
    from jupyterhub.services.service import Service

    if "timeout" in Service.class_traits():
        for service in c.JupyterHub.services:
            service.setdefault("timeout", SERVICE_START_TIMEOUT)


allow_slow_services()


# -- the services start together and stop together (JupyterHub 6 does one after the other, waiting for each:
#    services_together.py says why and what stays the same)
from services_together import start_together, stop_together  # noqa: E402

start_together()
stop_together()
