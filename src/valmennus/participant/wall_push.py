"""The participant's shared answers to the group's space (``valmennus.wall``), from her own server.

The wall service cannot read a participant's home (0700 on the hub), so her own server sends what she
chose to share: every 30 s (and when she opens her home) it reads the share choices of each week she
has fetched (``wall.shares.shared_in``: the shared answers only, never the rest of the answers file),
and for a week whose shares changed since the last push it sends the whole week's set (``POST
api/jaot``). The service makes her posts of that week exactly that set, so choosing "not shared"
removes the post. A push that fails is tried again on the next round; nothing is lost, because the
answers file stays the truth.

Where: ``ParticipantApp.wall_url`` (the service, e.g. ``http://127.0.0.1:8005/services/<course>-seina/``),
authenticated by her server's hub token (``JUPYTERHUB_API_TOKEN``), or ``ParticipantApp.wall_token``.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
from pathlib import Path
from typing import Any

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.ioloop import PeriodicCallback

from ..wall.shares import Shared, shared_in, week_digest
from .context import Participant

log = logging.getLogger(__name__)

PUSH_EVERY_MS = 30_000
ASK_TIMEOUT = 3.0


def _entry(item: Shared) -> dict[str, Any]:
    return {"item": item.item, "mode": item.mode, "nickname": item.nickname, "text": item.text,
            "image": base64.b64encode(item.image).decode("ascii") if item.image else ""}


class WallPusher:
    def __init__(self, ctx: Participant) -> None:
        self.ctx = ctx
        config = ctx.config
        self.url = config.wall_url.rstrip("/") + "/" if config.wall_url else ""
        self.token = config.wall_token or os.environ.get("JUPYTERHUB_API_TOKEN", "")
        self.pushed: dict[str, str] = {}  # week -> digest of what the wall has
        self._lock = asyncio.Lock()
        self._timer: PeriodicCallback | None = None

    @property
    def enabled(self) -> bool:
        return bool(self.url and self.token)

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"token {self.token}", "X-Valmennus-User": self.ctx.participant_id,
                "Content-Type": "application/json"}

    def week_folders(self) -> dict[str, Path]:
        """Her fetched week folders (nbgrader's layout: ``<course id>/<week>`` in her home, or ``<week>``)."""
        course_id = self.ctx.config.resolved_course_id()
        found = {}
        for week in self.ctx.schedule():
            for folder in (self.ctx.root_dir / course_id / week.id, self.ctx.root_dir / week.id):
                if folder.is_dir() and not folder.is_symlink():
                    found[week.id] = folder
                    break
        return found

    def changes(self) -> list[tuple[str, list[Shared], str]]:
        """(week, what it shares, its digest) for each week whose shares differ from what was pushed."""
        out = []
        for week, folder in self.week_folders().items():
            shared = shared_in(folder, week)
            digest = week_digest(shared)
            if self.pushed.get(week) != digest:
                out.append((week, shared, digest))
        return out

    async def push(self) -> int:
        """Send every changed week; the number of weeks the wall took."""
        if not self.enabled:
            return 0
        async with self._lock:
            try:
                changes = await asyncio.get_running_loop().run_in_executor(None, self.changes)
            except Exception:  # noqa: BLE001  (no course yet, a schedule being edited: next round)
                log.debug("wall: shares not read", exc_info=True)
                return 0
            done = 0
            client = AsyncHTTPClient()
            for week, shared, digest in changes:
                body = json.dumps({"week": week, "shared": [_entry(s) for s in shared]})
                try:
                    await client.fetch(HTTPRequest(self.url + "api/jaot", method="POST", body=body,
                                                   headers=self._headers(), request_timeout=20,
                                                   follow_redirects=False))
                except (HTTPClientError, OSError) as exc:
                    log.warning("wall: push of %s not taken (%s); again in %d s", week, exc, PUSH_EVERY_MS // 1000)
                    continue
                self.pushed[week] = digest
                done += 1
            return done

    async def new_comments(self) -> dict[str, Any] | None:
        """``{"weeks": {week: n}, "total": n, "url": ...}`` from the service, or None if it does not answer."""
        if not self.enabled:
            return None
        try:
            response = await AsyncHTTPClient().fetch(HTTPRequest(
                self.url + "api/uutta", headers=self._headers(), request_timeout=ASK_TIMEOUT,
                follow_redirects=False))
            return json.loads(response.body)
        except (HTTPClientError, OSError, ValueError):
            return None

    def start(self) -> None:
        if self.enabled and self._timer is None:
            self._timer = PeriodicCallback(self.push, PUSH_EVERY_MS, jitter=0.2)
            self._timer.start()
            asyncio.get_event_loop().call_later(2, lambda: asyncio.ensure_future(self.push()))
