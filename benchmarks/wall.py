"""The group's space under load (issue 15): a big wall renders in < 300 ms; 30 people at once, p95 < 500 ms.

The wall service runs embedded (``valmennus.wall.serve``: the same tornado app and pages as the hub
service, its SQLite store in a temporary course) in a process of its own on 127.0.0.1; the clients are
HTTP clients in this process (real requests: cookies, XSRF tokens; asyncio, so the clients never wait
for one another's threads).

1. **Render**: one wall with 200 posts and 1,000 comments (and "kiitos"), opened by a participant of
   that small group and by the coach (who gets a moderation form for each post and comment): the time
   from request to the last byte, ``--rounds`` times each.
2. **Concurrency**: 30 participants (six small groups of five) at once, each ``--actions`` times: her
   server sends her shared answer (changed each time), she opens her group's wall and comments on a post.
   Every request's time; then every post must be there with its last words, and every comment taken.

Writes benchmarks/results/wall.json.

    make bench-wall
    .venv/bin/python benchmarks/wall.py --rounds 20 --actions 10
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
WEEK = "viikko1"
BIG = "Iso"
GROUPS = [f"R{i}" for i in range(1, 7)]
XSRF = re.compile(r"name=\"_xsrf\" value=\"([^\"]+)\"")


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) >= 20 else max(values)


def roster_csv(authors: int, crowd: list[str], coach: str, readers: tuple[str, ...] = ()) -> str:
    """The course roster: the big wall's authors (``a000``…) and ``readers`` in small group ``Iso``, the
    crowd in six small groups of five (``GROUPS``, in turn), all with ``coach`` as their facilitator."""
    rows = [f"a{i:03d},Kirjoittaja,{i:03d},,{coach},{BIG}" for i in range(authors)]
    rows += [f"{who},Lukija,{k:02d},,{coach},{BIG}" for k, who in enumerate(readers)]
    rows += [f"{who},Osallistuja,{i:02d},,{coach},{GROUPS[i % len(GROUPS)]}" for i, who in enumerate(crowd)]
    return "id,first_name,last_name,email,facilitator,pienryhmä\n" + "\n".join(rows) + "\n"


def make_course(work: Path, authors: int, load: int) -> Path:
    from valmennus.course.copy import prepare_course

    course = prepare_course(REPO, work / "course")
    (course / "roster.csv").write_text(roster_csv(authors, [f"q{i:02d}" for i in range(load)], "coach"),
                                       encoding="utf-8")
    return course


def seed_big_wall(course: Path, authors: int, comments: int) -> None:
    from valmennus.course.settings import CourseSettings
    from valmennus.wall.shares import Shared
    from valmennus.wall.store import cohort_of, open_store

    settings = CourseSettings.load(course)
    store, cohort = open_store(settings).create(), cohort_of(settings)
    rng = random.Random(15)
    words = "Este liitteet valikko kirjautuminen ohje asiakas palvelu neuvonta selkokieli tuki".split()
    for i in range(authors):
        text = " ".join(rng.choice(words) for _ in range(40))
        store.sync_shares(cohort, f"a{i:03d}", WEEK, BIG, {"name": f"Kirjoittaja {i:03d}"},
                          [Shared("W1_SHARED", "nickname", f"Nimimerkki {i:03d}", text)])
    posts = [p.id for p in store.wall(cohort, WEEK, BIG).posts]
    for n in range(comments):
        who = f"a{rng.randrange(authors):03d}"
        store.add_comment(posts[n % len(posts)], who, who, " ".join(rng.choice(words) for _ in range(15)))
    for post in posts[::2]:
        for k in range(3):
            store.toggle_thanks(post, f"a{(post + k) % authors:03d}")


def serve(course: str, port: int, secret: str) -> None:
    """The server process: the embedded wall until stdin closes."""
    from valmennus.wall.serve import embedded_wall
    from valmennus.wall.web import RateLimit, embedded_service

    service = embedded_service(course, facilitators=["coach"])
    service.secret = bytes.fromhex(secret)
    service.actions = RateLimit(120, 2400)  # the benchmark's people act faster than the service allows a person
    with embedded_wall(service, port):
        print("up", flush=True)
        sys.stdin.read()


def session(base: str, name: str) -> requests.Session:
    http = requests.Session()
    xsrf = XSRF.search(http.get(base + "kirjaudu", timeout=30).text).group(1)
    http.post(base + "kirjaudu", data={"kuka": name, "_xsrf": xsrf}, timeout=30).raise_for_status()
    return http


def timed_get(http: requests.Session, url: str) -> tuple[float, str]:
    started = time.perf_counter()
    response = http.get(url, timeout=60)
    response.raise_for_status()
    return time.perf_counter() - started, response.text


def render(url: str, rounds: int, viewers: dict[str, requests.Session]) -> dict:
    """The big wall at ``url`` opened ``rounds`` times by each viewer (after one untimed opening)."""
    out = {}
    for label, http in viewers.items():
        timed_get(http, url)  # the first opening warms the caches
        times = [timed_get(http, url)[0] for _ in range(rounds)]
        size = len(timed_get(http, url)[1])
        out[label] = {"median_ms": round(statistics.median(times) * 1000, 1), "p95_ms": round(p95(times) * 1000, 1),
                      "max_ms": round(max(times) * 1000, 1), "page_kb": round(size / 1024)}
    return out


@dataclass(frozen=True)
class Actor:
    """One participant of the crowd, as the service knows her: her server's send (``push_headers``: its
    token), her browser's requests (``page_headers``: a cookie or a token) and what her page's forms carry
    besides the comment (``form``: the XSRF token where a cookie is used)."""

    name: str
    group: str
    push_headers: dict[str, str]
    page_headers: dict[str, str]
    form: dict[str, str] = field(default_factory=dict)


def embedded_actors(base: str, secret: bytes, load: int) -> list[Actor]:
    """The embedded server's people: logged in on its page (a cookie and its form's XSRF token, as a browser
    has them), their servers' tokens signed with the server's secret."""
    import hashlib
    import hmac

    actors = []
    for i in range(load):
        name = f"q{i:02d}"
        http = session(base, name)
        xsrf = XSRF.search(http.get(base + "kirjaudu", timeout=30).text)  # a form of her session
        token = hmac.new(secret, f"push:{name}".encode(), hashlib.sha256).hexdigest()
        actors.append(Actor(name, GROUPS[i % len(GROUPS)],
                            {"Authorization": f"token {token}", "X-Valmennus-User": name},
                            {"Cookie": "; ".join(f"{k}={v}" for k, v in http.cookies.items())},
                            {"_xsrf": xsrf.group(1) if xsrf else ""}))
    return actors


def concurrency(base: str, actors: list[Actor], actions: int) -> dict:
    """The actors at once, each a sequence of requests without pause (asyncio: one client process whose
    own threads would otherwise queue behind one another for the interpreter and be counted as the server's)."""
    import asyncio
    from urllib.parse import urlencode

    from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest

    times: dict[str, list[float]] = {"push": [], "read": [], "comment": []}
    errors: list[str] = []
    taken = {"comments": 0}
    last_text: dict[str, str] = {}
    AsyncHTTPClient.configure(None, max_clients=len(actors) * 2)

    async def fetch(client: AsyncHTTPClient, kind: str, request: HTTPRequest) -> tuple[int, bytes]:
        started = time.perf_counter()
        try:
            response = await client.fetch(request, raise_error=False)
        except (HTTPClientError, OSError) as exc:
            errors.append(f"{kind} {exc}")
            return 0, b""
        times[kind].append(time.perf_counter() - started)
        return response.code, response.body or b""

    async def person(i: int, actor: Actor, start: asyncio.Event) -> None:
        client = AsyncHTTPClient()
        name = actor.name
        wall = f"{base}viikko/{WEEK}/r-{actor.group}"
        rng = random.Random(i)
        await start.wait()
        for n in range(actions):
            text = f"Osallistujan {name} jako, versio {n}: este ja kysymys."
            code, _ = await fetch(client, "push", HTTPRequest(
                base + "api/jaot", method="POST", request_timeout=120, body=json.dumps({"week": WEEK, "shared": [
                    {"item": "W1_SHARED", "mode": "nickname", "nickname": f"Nimi {name}", "text": text}]}),
                headers=actor.push_headers))
            if code == 200:
                last_text[name] = text
            else:
                errors.append(f"push {name} {code}")
            code, page = await fetch(client, "read", HTTPRequest(wall, headers=actor.page_headers,
                                                                 request_timeout=120))
            posts = re.findall(r"id='jako-(\d+)'", page.decode())
            if code != 200 or not posts:
                errors.append(f"read {name} {code}")
                continue
            body = urlencode({"toiminto": "comment", "post": rng.choice(posts), **actor.form,
                              "teksti": f"Kommentti {n} henkilöltä {name}"})
            code, _ = await fetch(client, "comment", HTTPRequest(
                wall, method="POST", body=body, headers=actor.page_headers, follow_redirects=False,
                request_timeout=120))  # the wall it leads back to is the next read
            if code == 303:
                taken["comments"] += 1
            else:
                errors.append(f"comment {name} {code}")

    async def everyone() -> float:
        start = asyncio.Event()
        tasks = [asyncio.ensure_future(person(i, actor, start)) for i, actor in enumerate(actors)]
        started = time.perf_counter()
        start.set()
        await asyncio.gather(*tasks)
        return time.perf_counter() - started

    elapsed = asyncio.run(everyone())
    every = [t for values in times.values() for t in values]
    return {"participants": len(actors), "actions_each": actions, "requests": len(every), "seconds": round(elapsed, 1),
            "p95_ms": round(p95(every) * 1000, 1), "median_ms": round(statistics.median(every) * 1000, 1),
            **{f"{k}_p95_ms": round(p95(v) * 1000, 1) for k, v in times.items() if v},
            "errors": errors[:10], "error_count": len(errors), "comments_taken": taken["comments"],
            "last_text": last_text}


def check_nothing_lost(course: Path, result: dict) -> dict:
    from valmennus.course.settings import CourseSettings
    from valmennus.wall.store import cohort_of, open_store

    settings = CourseSettings.load(course)
    store, cohort = open_store(settings), cohort_of(settings)
    posts = {p.author: p for g in GROUPS for p in store.wall(cohort, WEEK, g).posts}
    expected = result.pop("last_text")
    lost = sorted(name for name, text in expected.items() if name not in posts or posts[name].text != text)
    comments = sum(len(p.comments) for p in posts.values())
    return {"posts_expected": len(expected), "posts_lost": lost, "comments_stored": comments,
            "comments_lost": result["comments_taken"] - comments}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--actions", type=int, default=10)
    parser.add_argument("--serve", nargs=3, metavar=("COURSE", "PORT", "SECRET"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve[0], int(args.serve[1]), args.serve[2])
        return 0
    from tests.conftest import free_port

    with tempfile.TemporaryDirectory(prefix="bench-wall-") as tmp:
        course = make_course(Path(tmp), 200, args.participants)
        started = time.perf_counter()
        seed_big_wall(course, 200, 1000)
        seeded = time.perf_counter() - started
        port, secret = free_port(), os.urandom(32)
        server = subprocess.Popen([sys.executable, __file__, "--serve", str(course), str(port), secret.hex()],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            assert server.stdout is not None and server.stdout.readline().strip() == "up"
            base = f"http://127.0.0.1:{port}/"
            import psutil  # (Jupyter needs it) the server process's own CPU time: other load does not inflate it

            cpu = psutil.Process(server.pid)
            before = sum(cpu.cpu_times()[:2])
            big = render(f"{base}viikko/{WEEK}/r-{BIG}", args.rounds,
                         {"participant": session(base, "a000"), "coach": session(base, "coach")})
            middle = sum(cpu.cpu_times()[:2])
            load = concurrency(base, embedded_actors(base, secret, args.participants), args.actions)
            after = sum(cpu.cpu_times()[:2])
            big["server_cpu_ms_per_render"] = round((middle - before) / (2 * (args.rounds + 2)) * 1000, 1)
            load["server_cpu_ms_per_request"] = round((after - middle) / max(load["requests"], 1) * 1000, 1)
            load["server_cpu_share"] = round((after - middle) / load["seconds"], 2)  # of one core
        finally:
            server.stdin.close()  # type: ignore[union-attr]
            server.wait(30)
        load["lost"] = check_nothing_lost(course, load)
    result = {"backend": "embedded server, SQLite (WAL)", "cpus": os.cpu_count(),
              "host_load_1min": round(os.getloadavg()[0], 1),  # other processes' share of the same cores
              "big_wall": {"posts": 200, "comments": 1000, "seed_seconds": round(seeded, 1), **big},
              "concurrency": load,
              "targets": {"render_ms": 300, "p95_ms": 500},
              "ok": big["participant"]["p95_ms"] < 300 and big["coach"]["p95_ms"] < 300 and load["p95_ms"] < 500
              and not load["lost"]["posts_lost"] and load["lost"]["comments_lost"] == 0 and not load["error_count"]}
    out = REPO / "benchmarks" / "results" / "wall.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
