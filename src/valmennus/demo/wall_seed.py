"""The demo's group's space: the simulated cohort's shared answers on live walls, with some comments.

``make demo`` plays the course; what each simulated participant chose to share (her collected answers,
read as her own server would read them: ``wall.shares.shared_in``) goes on her small group's wall of
that week. The roster gets small groups of five (per coach, in roster order) when it has none, the
coaches pin a question on each week's walls, and the group comments and thanks: a few comments under
most posts, from the same small group, in words of the demo's own (never a real person's).
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..course.settings import CourseSettings
from ..records.sources import read_roster
from ..records.store import SMALL_GROUP_HEADERS, read_small_groups
from ..wall.serve import RunningWall, embedded_wall
from ..wall.shares import shared_in
from ..wall.store import WallStore, cohort_of, open_store
from ..wall.web import WallService

GROUP_SIZE = 5
GROUP_NAMES = ("Kettu", "Karhu", "Ilves", "Saukko", "Hirvi", "Kurki", "Joutsen", "Majava")
COMMENTS = (
    "Tosi hyvä havainto, tunnistan saman omasta työstä.",
    "Kiitos jakamisesta! Tätä kokeilen asiakkaan kanssa ensi viikolla.",
    "Mietin samaa. Auttaisiko, jos ohje olisi myös selkokielellä?",
    "Hyvä kysymys. Meillä on toimittu niin, että käydään palvelu läpi yhdessä ennen kuin asiakas aloittaa.",
    "Tämä avasi minulle uuden näkökulman, kiitos!",
    "Olen samaa mieltä. Liitteiden lisääminen on usein se kohta, jossa asiakas jää jumiin.",
)
PROMPT = "Lukekaa toistenne jaot ja kommentoikaa ainakin kahta: mikä niissä oli sinulle uutta?"


def add_small_groups(course: CourseSettings) -> dict[str, str]:
    """Small groups of five per coach in ``roster.csv`` when it has no small-group column; the groups."""
    path = course.root / "roster.csv"
    groups = read_small_groups(course)
    if groups or not path.is_file():
        return groups
    with path.open(newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    header = list(rows[0]) if rows else ["id"]
    by_coach: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_coach.setdefault(row.get("facilitator", ""), []).append(row)
    names = iter(GROUP_NAMES)
    for members in by_coach.values():
        for start in range(0, len(members), GROUP_SIZE):
            name = next(names, f"{GROUP_NAMES[0]} {start}")
            for row in members[start:start + GROUP_SIZE]:
                row[SMALL_GROUP_HEADERS[0]] = name
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, [*header, SMALL_GROUP_HEADERS[0]])
        writer.writeheader()
        writer.writerows(rows)
    return read_small_groups(course)


def seed_walls(course: CourseSettings, store: WallStore, seed: int = 15) -> tuple[int, int]:
    """The cohort's shares on the walls, then comments and "kiitos"; (posts, comments)."""
    rng = random.Random(seed)
    groups = add_small_groups(course)
    roster = read_roster(course)
    names = {r.participant: f"{r.first_name} {r.last_name}".strip() or r.participant for r in roster.itertuples()}
    coaches = {r.participant: r.facilitator for r in roster.itertuples()}
    cohort = cohort_of(course)
    seen: dict[tuple[str, str], Path] = {}
    for stage in ("submitted", "autograded"):  # the graded copy when there is one
        for pid, week, folder in course.find(stage):
            seen[(pid, week)] = folder
    for (pid, week), folder in sorted(seen.items()):
        store.sync_shares(cohort, pid, week, groups.get(pid, ""), {"name": names.get(pid, pid)},
                          shared_in(folder, week))
    posts = comments = 0
    for week in sorted({week for _, week in seen}):
        for space in sorted({groups.get(pid, "") for pid, _ in seen}):
            members = [pid for pid, group in groups.items() if group == space] or list(names)
            coach = next((coaches[m] for m in members if coaches.get(m)), "")
            if coach:
                store.set_prompt(cohort, week, space, PROMPT, coach)
            for post in store.wall(cohort, week, space).posts:
                posts += 1
                others = [m for m in members if m != post.author]
                for who in rng.sample(others, k=min(len(others), rng.choice((0, 1, 2, 2, 3)))):
                    shown = store.name_for(cohort, who, week) or names.get(who, who)
                    store.add_comment(post.id, who, shown, rng.choice(COMMENTS))
                    comments += 1
                for who in rng.sample(others, k=min(len(others), rng.randint(0, 3))):
                    store.toggle_thanks(post.id, who)
    return posts, comments


@contextmanager
def demo_wall(course_dir: Path, port: int, seed: bool = True) -> Iterator[RunningWall]:
    """The seeded walls of ``course_dir`` served on 127.0.0.1:``port`` (choose who you are on its page)."""
    course = CourseSettings.load(course_dir)
    store = open_store(course).create()
    if seed:
        seed_walls(course, store)
    coaches = sorted({r.facilitator for r in read_roster(course).itertuples() if r.facilitator})
    service = WallService(course, store, facilitators=frozenset(coaches), coordinators=frozenset({"koordinaattori"}))
    with embedded_wall(service, port) as running:
        yield running


def participant_env(wall: RunningWall, participant: str) -> dict[str, str]:
    """What a demo participant's own server needs to send her shares to the demo's walls."""
    return {"VALMENNUS_WALL_SERVICE": wall.url, "VALMENNUS_WALL_TOKEN": wall.service.token_for(participant)}
