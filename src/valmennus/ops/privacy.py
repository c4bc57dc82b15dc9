"""Everything held about one participant: export it, or erase it everywhere and prove it.

The places: the gradebook (participant, submissions, grades, comments), ``submitted/``,
``autograded/``, ``feedback/``, the exchange (inbound submissions, released feedback pages), the
reminders log, and the shared walls. Erasure first works out the names of the released feedback
pages (they are hashes of the submission secret), then deletes, then searches every place again.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..cohort.sources import released_feedback_path
from ..course.gradebook import open_gradebook
from ..course.settings import CourseSettings
from ..jsonlines import read_jsonl
from ..safefiles import copy_regular_tree, is_real_dir, is_regular, read_regular
from .remind import LOG_FILE

COURSE_FOLDERS = ("submitted", "autograded", "feedback")


@dataclass
class Traces:
    gradebook: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    log_lines: int = 0
    text_hits: list[Path] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.gradebook or self.files or self.log_lines or self.text_hits)


def _person(course: CourseSettings, pid: str) -> dict | None:
    from nbgrader.api import MissingEntry

    with open_gradebook(course) as gb:
        try:
            student = gb.find_student(pid)
        except MissingEntry:
            return None
        record = student.to_dict()
        record["submissions"] = []
        for submission in gb.student_submissions(pid):
            entry = submission.to_dict()
            entry["grades"], entry["comments"] = [], []
            for notebook in submission.notebooks:
                entry["grades"] += [g.to_dict() for g in notebook.grades]
                entry["comments"] += [c.to_dict() for c in notebook.comments]
            record["submissions"].append(entry)
    return record


def _files(course: CourseSettings, pid: str) -> list[Path]:
    found: list[Path] = []
    for folder in COURSE_FOLDERS:
        path = course.root / folder / pid
        if path.exists():
            found.append(path)
    inbound = course.exchange_root / course.course_id / "inbound"
    if inbound.is_dir():
        found += sorted(inbound.glob(f"{pid}+*"))
    for page in sorted((course.root / "feedback" / pid).glob("*/*.html")):
        released = released_feedback_path(course, page)
        if released is not None and released.exists():
            found.append(released)
    return found


def _log_entries(course: CourseSettings, pid: str) -> list[dict]:
    return [e for e in read_jsonl(course.root / LOG_FILE) if e.get("participant") == pid]


def _identifiers(person: dict | None, pid: str) -> list[str]:
    """Strings that identify the person in text: id as a whole word, e-mail, full name."""
    names = [pid]
    if person:
        if person.get("email"):
            names.append(person["email"])
        full = " ".join(x for x in (person.get("first_name"), person.get("last_name")) if x)
        if full and " " in full:
            names.append(full)
    return names


def _text_hits(course: CourseSettings, needles: list[str]) -> list[Path]:
    """Files in the course's participant-data places that still mention the person."""
    import re

    patterns = [re.compile(r"(?<![A-Za-z0-9])" + re.escape(n) + r"(?![A-Za-z0-9])") for n in needles]
    roots = [course.root / f for f in (*COURSE_FOLDERS, "shared")] + [course.exchange_root / course.course_id]
    hits = []
    for root in roots:
        if not root.is_dir():
            continue
        for path in root.rglob("*"):
            if any(p.search(str(path.relative_to(root))) for p in patterns):
                hits.append(path)  # named after them, whatever it is (a link too)
                continue
            if is_regular(path) and path.stat().st_size < 20_000_000:
                try:
                    text = read_regular(path).decode("utf-8", errors="ignore")
                except OSError:
                    continue
                if any(p.search(text) for p in patterns):
                    hits.append(path)
    log = course.root / LOG_FILE
    if log.is_file() and any(p.search(log.read_text(encoding="utf-8")) for p in patterns):
        hits.append(log)
    return hits


def find_traces(course: CourseSettings, pid: str, identifiers: list[str] | None = None) -> Traces:
    person = _person(course, pid)
    traces = Traces()
    if person:
        traces.gradebook.append(f"participant {pid}")
        traces.gradebook += [f"submission {s['name']}" for s in person["submissions"]]
    traces.files = _files(course, pid)
    traces.log_lines = len(_log_entries(course, pid))
    traces.text_hits = _text_hits(course, identifiers or _identifiers(person, pid))
    return traces


def export_person(course: CourseSettings, pid: str, out_dir: Path) -> Path:
    """A zip with everything held about ``pid``: gradebook record, files, log lines, and a report."""
    person = _person(course, pid)
    files = _files(course, pid)
    if person is None and not files:
        raise LookupError(f"no participant {pid} in this course")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    work = out_dir / f"privacy-export-{pid}-{stamp}"
    work.mkdir(parents=True)
    (work / "gradebook.json").write_text(json.dumps(person, default=str, ensure_ascii=False, indent=1), "utf-8")
    (work / "reminders.json").write_text(json.dumps(_log_entries(course, pid), ensure_ascii=False, indent=1),
                                         "utf-8")
    for path in files:
        target = work / "files" / (path.relative_to(course.root) if path.is_relative_to(course.root)
                                   else Path("exchange") / path.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        if is_real_dir(path):  # participant folders: plain files only, never a link's target (safefiles)
            copy_regular_tree(path, target)
        elif is_regular(path):
            target.write_bytes(read_regular(path))
    (work / "README.txt").write_text(
        f"Everything the course {course.course_id} holds about participant {pid}, exported {stamp}.\n"
        "gradebook.json: the gradebook record (names, e-mail, submissions, scores, comments).\n"
        "reminders.json: reminders sent.\nfiles/: submissions, graded copies, feedback pages.\n", "utf-8")
    archive = shutil.make_archive(str(work), "zip", root_dir=work)
    shutil.rmtree(work)
    return Path(archive)


def _mentions(line: str, pid: str) -> bool:
    """A log line about ``pid`` (an unreadable line that names them counts too)."""
    try:
        return json.loads(line).get("participant") == pid
    except (json.JSONDecodeError, AttributeError):
        return pid in line


@dataclass
class EraseReport:
    removed: list[str]
    remaining: Traces


def erase_person(course: CourseSettings, pid: str) -> EraseReport:
    """Remove ``pid`` from every place, then search them all again (``remaining`` must be empty)."""
    from nbgrader.api import MissingEntry

    person = _person(course, pid)
    identifiers = _identifiers(person, pid)
    removed: list[str] = []
    for path in _files(course, pid):  # released feedback names are computed before feedback/ goes
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
        removed.append(str(path))
    with open_gradebook(course) as gb:
        try:
            gb.remove_student(pid)
            removed.append(f"gradebook: participant {pid} with submissions, grades and comments")
        except MissingEntry:
            pass
    log = course.root / LOG_FILE
    if log.is_file():
        kept = [line for line in log.read_text(encoding="utf-8").splitlines() if not _mentions(line, pid)]
        if len(kept) != len(log.read_text(encoding="utf-8").splitlines()):
            log.write_text("".join(line + "\n" for line in kept), encoding="utf-8")
            removed.append(f"{LOG_FILE}: reminder entries")
    from .share import rebuild_walls

    for wall in rebuild_walls(course):  # the person's posts leave the walls with their submissions
        removed.append(f"{wall}: rebuilt without {pid}")
    return EraseReport(removed=removed, remaining=find_traces(course, pid, identifiers))
