"""The dashboards as a JupyterHub service (issue 14): standalone Voilà, pre-heated kernels, the hub's OAuth.

JupyterHub starts this as the managed service ``dashboards`` (``jupyterhub_config.py``), as the account
``<first course>-dash``: in no course group, so it never reads a course folder's private parts; every
course's reporting store through that course's read-only database role (``CourseSite.db_env``).
Coordinators and facilitators open ``/services/dashboards/``; nobody needs a single-user server for it.

Who may look, by the hub's roles and scopes (``jupyterhub_config.py`` gives them):

- ``access:services!service=dashboards`` (coordinators and every course's facilitators): without it the
  hub's OAuth refuses the login and a token is answered 403 (participants);
- ``custom:valmennus:all-courses`` (coordinators): every course, pseudonyms only;
- ``custom:valmennus:own-participants`` (facilitators): their own participants by name, the others as
  pseudonyms (``cohort/privacy.py``), and their own page (``cohort/facilitator.py``).

How the page learns who asked: a kernel is started (pre-heated) before anyone asks, so its environment
cannot say. The identity provider below checks the hub's OAuth cookie or token on every request, removes
any ``X-Valmennus-*`` header the browser sent, and sets ``X-Valmennus-User`` and ``X-Valmennus-Role`` from
the hub's answer; Voilà hands those two headers to the kernel with the request
(``VoilaConfiguration.http_header_envs``: ``HTTP_X_VALMENNUS_USER``, ``HTTP_X_VALMENNUS_ROLE``), and a
startup file of the kernel (``KERNEL_STARTUP``) turns them into the package's own options
(``VALMENNUS_DASHBOARD_ROLE``, ``VALMENNUS_FACILITATOR``, ``JUPYTERHUB_USER``) as soon as the pre-heated
kernel receives the request (``voila.utils.wait_for_request``, which ``cohort.dashboard.prepare`` calls).
Voilà itself lets a page's websocket send only widget messages to its kernel (no code runs from the
browser), and this process gives its kernels no hub token.

    python dashboards_service.py --port 9990 --notebooks /srv/valmennus-hub/dashboards [--pool 1]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from jupyterhub.singleuser.extension import JupyterHubIdentityProvider
from jupyterhub.utils import url_path_join
from tornado.web import HTTPError
from traitlets import default

from valmennus.cohort.serve import DashboardsApp

USER_HEADER = "X-Valmennus-User"
ROLE_HEADER = "X-Valmennus-Role"
ALL_COURSES = "custom:valmennus:all-courses"
OWN_PARTICIPANTS = "custom:valmennus:own-participants"
CUSTOM_SCOPES = {
    ALL_COURSES: {"description": "Valmennus dashboards: every course, participants as pseudonyms."},
    OWN_PARTICIPANTS: {"description": "Valmennus dashboards: one's own participants by name."},
}

KERNEL_STARTUP = '''"""Who asked for this dashboard (written by deploy/dashboards_service.py)."""


def _valmennus_viewer_from_request():
    import os

    role = os.environ.get("HTTP_X_VALMENNUS_ROLE", "")
    user = os.environ.get("HTTP_X_VALMENNUS_USER", "")
    if role == "facilitator" and user:
        os.environ.update(VALMENNUS_DASHBOARD_ROLE="facilitator", VALMENNUS_FACILITATOR=user,
                          JUPYTERHUB_USER=user)
    else:  # a coordinator, or a kernel nobody has asked for yet: pseudonyms only
        os.environ["VALMENNUS_DASHBOARD_ROLE"] = "coordinator"
        os.environ.pop("VALMENNUS_FACILITATOR", None)
        os.environ.pop("JUPYTERHUB_USER", None)


def _valmennus_patch_wait():
    try:
        import voila.utils
    except ImportError:
        return
    waits = voila.utils.wait_for_request

    def wait_for_request(url=None):
        result = waits(url)
        _valmennus_viewer_from_request()
        return result

    voila.utils.wait_for_request = wait_for_request


_valmennus_viewer_from_request()
_valmennus_patch_wait()
'''


def role_of(scopes: set[str]) -> str:
    """The dashboards' role for a hub token's scopes; empty: not allowed."""
    if ALL_COURSES in scopes:
        return "coordinator"
    if OWN_PARTICIPANTS in scopes:
        return "facilitator"
    return ""


class HubDashboardIdentity(JupyterHubIdentityProvider):
    """The hub's OAuth (cookie or token, and the service's access scope) plus the dashboards' role."""

    @property
    def token(self) -> str:  # Voilà prints a URL with ?token=<this>: never the service's hub token
        return ""

    @token.setter
    def token(self, value: str) -> None:
        pass

    def __init__(self, **kwargs: object) -> None:
        kwargs.pop("token", None)  # Voilà passes one; the hub's OAuth is the only way in
        super().__init__(**kwargs)
        if not self.hub_auth.api_token:  # read now: the kernels started later get no hub token
            raise RuntimeError("no JUPYTERHUB_API_TOKEN: start this as a JupyterHub service")
        for name in ("JUPYTERHUB_API_TOKEN", "JPY_API_TOKEN"):
            os.environ.pop(name, None)

    async def get_user(self, handler):  # noqa: ANN001, ANN201  (jupyter_server's signature)
        headers = handler.request.headers
        for name in (USER_HEADER, ROLE_HEADER):
            if name in headers:
                del headers[name]  # only this process says who asked
        user = await super().get_user(handler)
        if user is None:
            return None
        role = role_of(set(user.hub_user.get("scopes", [])))
        if not role:
            raise HTTPError(403, f"{user.username} has no dashboards role")
        headers[USER_HEADER] = user.username
        headers[ROLE_HEADER] = role
        return user


    def get_handlers(self) -> list:
        """The hub's OAuth callback and logout under the service's prefix (Voilà adds no prefix to them)."""
        prefix = self.hub_auth.base_url
        return [(url_path_join(prefix, path), *rest) for path, *rest in super().get_handlers()]


class DashboardsVoila(DashboardsApp):
    """The dashboards' Voilà (their template and front page) with the hub's identity provider."""

    @default("identity_provider_class")
    def _hub_identity(self) -> type:
        return HubDashboardIdentity


def write_kernel_startup(home: Path) -> Path:
    """The kernels' startup file in this account's IPython profile (its home, default IPYTHONDIR)."""
    startup = Path(os.environ.get("IPYTHONDIR", home / ".ipython")) / "profile_default" / "startup"
    startup.mkdir(parents=True, exist_ok=True)
    path = startup / "00-valmennus-viewer.py"
    path.write_text(KERNEL_STARTUP, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The dashboards as a JupyterHub service")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--notebooks", required=True, help="the folder of the dashboards' notebooks")
    parser.add_argument("--pool", type=int, default=1, help="pre-heated kernels per notebook (0: none)")
    options = parser.parse_args(argv)
    write_kernel_startup(Path.home())
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/dashboards/")
    args = [options.notebooks, "--no-browser", f"--port={options.port}", "--Voila.ip=127.0.0.1",
            f"--Voila.base_url={prefix}", "--Voila.open_browser=False",
            f"--VoilaConfiguration.http_header_envs={[USER_HEADER, ROLE_HEADER]!r}"]
    if options.pool > 0:
        args += ["--preheat_kernel=True", f"--pool_size={options.pool}"]
    DashboardsVoila.launch_instance(argv=args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
