"""The group's space (``valmennus.wall``, issue 15) on the hub: one service per course.

``add_walls`` is called at the end of ``jupyterhub_config.py``. For each course of the site it adds:

- a service ``<course>-seina`` (``python -m valmennus.wall.serve``) as the course's grader account, which
  reads the course folder (schedule, roster with its small groups) and writes the walls' tables into the
  course's gradebook database (schema ``valmennus_wall``), with the same environment as the formgrader;
- a role giving the course's participants, facilitators and the coordinators access to it (the service
  then tells them apart by their hub groups: coordinators see counts only);
- ``access:services!service=<course>-seina`` on every server's own token, so a participant's server can
  send her shared answers with it (``valmennus.participant.wall_push``), and the two environment
  variables that tell her server where the service is (``VALMENNUS_WALL_SERVICE``: the service's own
  address, ``VALMENNUS_WALL_LINK``: its path behind the hub's proxy, for her browser).

Ports: ``Site.wall_port`` (else the formgrader's port + 100), plus the course's place in the site.
"""

from __future__ import annotations

from typing import Any


def wall_name(course_id: str) -> str:
    return f"{course_id}-seina"


def _courses(site: Any) -> list[Any]:
    return site.course_sites() if hasattr(site, "course_sites") else [site]


def wall_port(site: Any, index: int = 0) -> int:
    return (getattr(site, "wall_port", 0) or site.service_port + 100) + index


def add_walls(c: Any, site: Any, venv_bin: str, base_path: str) -> None:
    courses = _courses(site)
    roles = list(c.JupyterHub.load_roles or [])
    services = list(c.JupyterHub.services or [])
    walls = {}
    for index, course in enumerate(courses):
        name = wall_name(course.course_id)
        port = wall_port(site, index)
        walls[course.student_group] = (f"http://127.0.0.1:{port}/services/{name}/", f"/services/{name}/")
        services.append({
            "name": name,
            "url": f"http://127.0.0.1:{port}",
            "display": True,
            "oauth_no_confirm": True,
            "oauth_client_allowed_scopes": ["read:users:groups!user"],  # who someone is: their groups say it
            "user": course.grader,
            "cwd": course.course_dir,
            "command": ["/bin/sh", "-c", f"umask 027 && exec {venv_bin}/python -m valmennus.wall.serve"],
            "environment": {
                "PATH": base_path,
                "VALMENNUS_COURSE": course.course_dir,
                "VALMENNUS_COURSE_ID": course.course_id,
                "VALMENNUS_EXCHANGE": site.exchange,
                "VALMENNUS_DB_URL": course.db_url,
                "VALMENNUS_LANG": "fi",
            },
        })
        roles.append({"name": f"seina-service-{course.course_id}", "services": [name],
                      "scopes": ["read:users:groups"]})  # when a token did not carry the groups
        roles.append({"name": f"seina-{course.course_id}",
                      "groups": [course.student_group, course.grader_group, site.coordinator_group],
                      "scopes": [f"access:services!service={name}"]})
    c.JupyterHub.services = services
    c.JupyterHub.load_roles = roles
    c.Spawner.server_token_scopes = [*c.Spawner.server_token_scopes,
                                     *(f"access:services!service={wall_name(k.course_id)}" for k in courses)]
    before = c.Spawner.pre_spawn_hook

    def pre_spawn_hook(spawner: Any) -> None:
        if callable(before):
            before(spawner)
        for group in spawner.user.groups:
            if group.name in walls:
                service, link = walls[group.name]
                spawner.environment = {**spawner.environment, "VALMENNUS_WALL_SERVICE": service,
                                       "VALMENNUS_WALL_LINK": link}
                break

    c.Spawner.pre_spawn_hook = pre_spawn_hook
