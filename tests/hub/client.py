"""A person at the hub, over HTTP: log in through the REST API, start a server, run code in its kernel.

What JupyterLab does for a person, without a browser: a token from the hub's API (username and
password, the dummy authenticator), the server started through the API, a kernel session opened on a
notebook path (so the kernel's working directory is the notebook's folder, as in JupyterLab), and code
sent over the kernel's websocket with the Jupyter messaging protocol.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

import requests
import websocket


class KernelError(RuntimeError):
    """The code sent to a kernel raised; the message carries its traceback."""


@dataclass
class Person:
    hub: str  # http://127.0.0.1:<port>
    name: str
    token: str
    http: requests.Session = field(default_factory=requests.Session)

    def __post_init__(self) -> None:
        self.http.headers["Authorization"] = f"token {self.token}"

    @classmethod
    def log_in(cls, hub: str, name: str, password: str) -> Person:
        """POST /hub/api/users/<name>/tokens with the password: what an API client does to log in."""
        response = requests.post(f"{hub}/hub/api/users/{name}/tokens", timeout=30,
                                 json={"auth": {"username": name, "password": password}, "note": "hub test",
                                       "expires_in": 3600})
        response.raise_for_status()
        return cls(hub, name, response.json()["token"])

    def get(self, path: str, **kwargs: object) -> requests.Response:
        return self.http.get(f"{self.hub}{path}", timeout=120, allow_redirects=False, **kwargs)  # type: ignore[arg-type]

    def post(self, path: str, **kwargs: object) -> requests.Response:
        return self.http.post(f"{self.hub}{path}", timeout=300, allow_redirects=False, **kwargs)  # type: ignore[arg-type]

    @property
    def server(self) -> str:
        return f"/user/{self.name}"

    def start_server(self, timeout: float = 120) -> float:
        """Start this person's server through the hub API and wait until it is ready; return seconds taken."""
        started = time.monotonic()
        self.ask_for_server()
        return self.wait_for_server(started, timeout)

    def ask_for_server(self) -> None:
        """Ask the hub to start this person's server: the hub answers when the server is up, or after its
        ``slow_spawn_timeout`` (10 s) while it goes on starting it (202)."""
        response = self.post(f"/hub/api/users/{self.name}/server")
        if response.status_code not in (201, 202, 400):  # 400: already running
            raise RuntimeError(f"spawn {self.name}: {response.status_code} {response.text}")

    def wait_for_server(self, asked: float, timeout: float = 120) -> float:
        """Wait until the server asked for at ``asked`` (time.monotonic) is ready; return seconds since."""
        deadline = asked + timeout
        while time.monotonic() < deadline:
            model = self.get(f"/hub/api/users/{self.name}").json()
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                return time.monotonic() - asked
            time.sleep(0.2)
        raise TimeoutError(f"server of {self.name} not ready after {timeout:.0f} s")

    def run(self, code: str, notebook_path: str, prefix: str | None = None, timeout: float = 300) -> str:
        """Run ``code`` in a kernel whose working directory is ``notebook_path``'s folder; return stdout.

        ``prefix`` is the Jupyter server to use: this person's own (default) or a service they may reach.
        """
        prefix = prefix or self.server
        response = self.post(f"{prefix}/api/sessions", json={"path": notebook_path, "type": "notebook",
                                                             "name": notebook_path.rsplit("/", 1)[-1],
                                                             "kernel": {"name": "python3"}})
        response.raise_for_status()
        session = response.json()
        try:
            return _execute(f"{self.hub.replace('http', 'ws', 1)}{prefix}/api/kernels/{session['kernel']['id']}"
                            "/channels", self.token, code, timeout)
        finally:
            self.http.delete(f"{self.hub}{prefix}/api/sessions/{session['id']}", timeout=30)
            self.http.delete(f"{self.hub}{prefix}/api/kernels/{session['kernel']['id']}", timeout=30)


def _execute(url: str, token: str, code: str, timeout: float) -> str:
    ws = websocket.create_connection(url, header=[f"Authorization: token {token}"], timeout=timeout)
    try:
        msg_id = uuid.uuid4().hex
        ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": "hub-test", "session": uuid.uuid4().hex,
                       "msg_type": "execute_request", "version": "5.3", "date": datetime.now(UTC).isoformat()},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        out: list[str] = []
        replied = idle = False
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not (replied and idle):
            msg = json.loads(ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream" and content.get("name") == "stdout":
                out.append(content["text"])
            elif kind == "error":
                raise KernelError("\n".join(content.get("traceback", [])) or content.get("evalue", ""))
            elif kind == "execute_reply":
                if content.get("status") != "ok":
                    raise KernelError(f"{content.get('ename')}: {content.get('evalue')}")
                replied = True
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True  # iopub output for this request is complete only after "idle"
        if not (replied and idle):
            raise TimeoutError(f"no execute_reply within {timeout:.0f} s")
        return "".join(out)
    finally:
        ws.close()
