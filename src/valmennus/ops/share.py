"""The group's shared wall for a week: what participants chose to share, and nothing else.

For every share choice (an item of kind ``share`` whose ``shares`` names the item it shares) a
participant set to "under my name" or "under a nickname", the shared item's answer goes on the wall
under that name. Private answers never appear: only items named by a share choice are read, and
only when that choice says so. Everything is escaped; shared pictures are copied beside the page
under generated names. The page is ``shared/<week>/index.html`` in the course folder; ``publish_to``
copies it where participants can open it (a group folder on the hub).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..answers import AnswerStore
from ..course.gradebook import open_gradebook
from ..course.settings import CourseSettings
from ..i18n import t
from ..items import Item, bank, is_shared, share_items, valid_value
from ..jsonlines import append_jsonl
from ..safefiles import read_regular
from ..uploads import image_path  # one rule for which stored names are safe

SHARED_DIR = "shared"
PUBLISHED_LOG = "walls-published.jsonl"  # where each wall was published, so an erasure can replace the copies
MAX_IMAGE_BYTES = 5 * 1024 * 1024  # the upload widget's limit
IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp", "image/gif": ".gif"}


@dataclass
class Post:
    author: str
    item_label: str
    text: str
    image: Path | None = None


def _submission_folder(course: CourseSettings, pid: str, week: str) -> Path | None:
    for stage in ("autograded", "submitted"):
        folder = course.path(stage, pid, week)
        if folder.is_dir():
            return folder
    return None


def collect_posts(course: CourseSettings, week: str) -> list[Post]:
    """Posts for ``week`` from the latest collected (or graded) submission of each participant."""
    items = bank()
    shares = share_items(week)
    with open_gradebook(course) as gb:
        names = {s.id: " ".join(x for x in (s.first_name, s.last_name) if x) or s.id for s in gb.students}
    posts: list[Post] = []
    for pid in sorted(names):
        folder = _submission_folder(course, pid, week)
        if folder is None:
            continue
        for answers_file in sorted(folder.glob("*.answers.json")):
            values = AnswerStore(answers_file.name.removesuffix(".answers.json"), folder, read_only=True).values()
            for share in shares:
                choice = values.get(share.id)
                target = items.get(share.extra["shares"])
                if target is None or not is_shared(choice):
                    continue
                answer = values.get(target.id)
                if answer is None or not valid_value(target, answer):
                    continue
                author = names[pid] if choice["mode"] == "name" else str(choice.get("nickname", "")).strip()
                posts.append(_post(author, target, answer, folder))
    return posts


def _post(author: str, target: Item, answer: object, folder: Path) -> Post:
    label = target.short_label()
    if isinstance(answer, str):
        return Post(author, label, answer)
    if isinstance(answer, dict):
        text = str(answer.get("text") or "")
        image = answer.get("image") if answer.get("mode") == "image" else None
        if isinstance(image, dict) and image.get("type") in IMAGE_TYPES:
            path = image_path(folder, image)
            if path is not None:
                return Post(author, label, text, path)
        return Post(author, label, text)
    return Post(author, label, str(answer))


def render_wall(posts: list[Post], week: str, images: dict[int, str]) -> str:
    """The wall page (``templates/wall.html.j2``); ``images``: post number -> its picture's file name."""
    from ..templates import render

    return str(render("wall.html.j2", title=t("wall_title", week=week), lang="fi",
                      posts=[(post, images.get(n)) for n, post in enumerate(posts)]))


def build_wall(course: CourseSettings, week: str, publish_to: Path | None = None) -> Path:
    """Write (or rewrite) the week's wall; the old page and pictures are replaced, never merged."""
    posts = collect_posts(course, week)
    out = course.root / SHARED_DIR / week
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    images: dict[int, str] = {}
    for n, post in enumerate(posts):
        if post.image is not None:
            suffix = post.image.suffix.lower() if post.image.suffix.lower() in IMAGE_TYPES.values() else ".img"
            name = f"kuva-{n + 1:03d}{suffix}"
            try:  # read without following a link (safefiles): only the participant's own picture
                (out / name).write_bytes(read_regular(post.image, MAX_IMAGE_BYTES))
            except OSError:
                continue
            images[n] = name
    page = out / "index.html"
    page.write_text(render_wall(posts, week, images), encoding="utf-8")
    if publish_to is not None:
        target = Path(publish_to) / week
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(out, target)
        record_publication(course, week, publish_to)
    return page


def record_publication(course: CourseSettings, week: str, root: str | os.PathLike[str]) -> None:
    """Note that the wall of ``week`` was copied to ``<root>/<week>`` (so an erasure can replace it)."""
    append_jsonl(course.root / PUBLISHED_LOG, [{"week": week, "root": str(Path(root).resolve()),
                                                "at": datetime.now(UTC).isoformat(timespec="seconds")}])


def rebuild_walls(course: CourseSettings) -> list[Path]:
    """Every existing wall again (after an erasure, so the erased person's posts go too)."""
    root = course.root / SHARED_DIR
    if not root.is_dir():
        return []
    return [build_wall(course, week.name) for week in sorted(p for p in root.iterdir() if p.is_dir())]
