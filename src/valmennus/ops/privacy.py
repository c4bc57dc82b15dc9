"""Everything held about one participant: export it, or erase it everywhere and prove it.

The places:

* the gradebook (participant, submissions, grades, comments); an SQLite gradebook is vacuumed after
  the delete, because SQLite built without ``SECURE_DELETE`` (its default) leaves deleted rows
  readable in the file's free pages;
* ``submitted/``, ``autograded/``, ``feedback/`` and the exchange (inbound submissions, released
  feedback pages, whose names are hashes of the submission secret: worked out before deleting);
* the course's logs: the JSON-lines logs (reminders ``reminders.jsonl``, intake
  ``intake-refused.jsonl``) lose the person's entries, and other entries that name them are
  redacted; nbgrader's log (``NbGrader.logfile``, ``nbgrader.log``) and the command logs
  (``logs/*.log``, ``.logs/*.log``) lose every line that mentions them;
* the roster ``roster.csv`` in the course folder (their row);
* the shared walls, rebuilt without them, and every published copy of a wall replaced by the rebuilt
  page. Published copies are found in ``walls-published.jsonl`` (one ``{"week", "root"}`` a line,
  written when a wall is published to ``<root>/<week>``) and in the ``published`` roots given.

Then ``find_traces`` searches everything again: the whole course folder (minus code and tool folders,
``SKIP_TOP`` and ``SKIP_ANYWHERE``, and other courses' exchange folders), the course's exchange and
the published walls, for the id (as a whole word), the e-mail and the full name, in file names, in
file contents (the gradebook file too) and inside zip containers (XLSX exports, zip archives).
Whatever it still finds is reported, never hidden: a grade export or privacy export left in the
course folder is the facilitator's to delete.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sqlite3
import stat
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..course.gradebook import open_gradebook
from ..course.intake import REFUSED_LOG
from ..course.settings import CourseSettings, load_config
from ..jsonlines import read_jsonl
from ..records.sources import released_feedback_path
from ..safefiles import copy_regular_tree, is_real_dir, is_regular, read_regular
from ..wall.feedback import FeedbackStore
from ..wall.store import cohort_of
from .remind import LOG_FILE
from .share import PUBLISHED_LOG, rebuild_walls

COURSE_FOLDERS = ("submitted", "autograded", "feedback")
INTAKE_LOG = REFUSED_LOG  # intake-refused.jsonl
JSON_LOGS = (LOG_FILE, INTAKE_LOG)
NBGRADER_LOG = "nbgrader.log"
TEXT_LOG_DIRS = ("logs", ".logs")
ROSTER_FILE = "roster.csv"
SHARED_DIR = "shared"
REDACTED = "[erased]"
# Not searched: code, tools and caches (at the course root they are the repository's, not anyone's data).
SKIP_ANYWHERE = frozenset({".git", ".venv", "venv", "node_modules", "__pycache__", ".ruff_cache", ".pytest_cache",
                           ".mypy_cache", ".hypothesis"})
SKIP_TOP = frozenset({"src", "tests", "docs", "deploy", "benchmarks", "tools"})
_CHUNK = 4 * 1024 * 1024
_OVERLAP = 1024  # characters kept between chunks, so a name split by a chunk boundary is still found
_MAX_MEMBER = 64 * 1024 * 1024  # larger members of a zip are not unpacked (a zip bomb must not stop a search)


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
        path = course.path(folder, pid)
        if path.exists() or path.is_symlink():
            found.append(path)
    inbound = course.exchange_root / course.course_id / "inbound"
    if inbound.is_dir():
        found += sorted(inbound.glob(f"{pid}+*"))
    for _, _, page in course.find("feedback", "*.html", participant=pid):
        released = released_feedback_path(course, page)
        if released is not None and released.exists():
            found.append(released)
    return found


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


def _patterns(needles: Iterable[str]) -> list[re.Pattern[str]]:
    return [re.compile(r"(?<![A-Za-z0-9])" + re.escape(n) + r"(?![A-Za-z0-9])") for n in needles if n]


def _mentions_any(text: str, patterns: list[re.Pattern[str]]) -> bool:
    return any(p.search(text) for p in patterns)


def _redact(value: Any, patterns: list[re.Pattern[str]]) -> Any:
    if isinstance(value, str):
        for pattern in patterns:
            value = pattern.sub(REDACTED, value)
        return value
    if isinstance(value, dict):
        return {_redact(k, patterns): _redact(v, patterns) for k, v in value.items()}
    if isinstance(value, list):
        return [_redact(v, patterns) for v in value]
    return value


def _rewrite(path: Path, payload: bytes) -> None:
    """Replace ``path``'s content at once (temp file beside it, same mode, ``os.replace``)."""
    mode = stat.S_IMODE(os.lstat(path).st_mode)
    temp = path.with_name(f".{path.name}.erase-{os.getpid()}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


# --- the logs -----------------------------------------------------------------------------------

def _nbgrader_logfile(course: CourseSettings) -> Path:
    """nbgrader's log as the course configures it (``NbGrader.logfile``), else ``nbgrader.log``."""
    try:
        configured = load_config(course.root).NbGrader.get("logfile")
    except Exception:  # noqa: BLE001 - an unreadable config still leaves the default place to clean
        configured = None
    if isinstance(configured, str) and configured:
        path = Path(configured)
        return path if path.is_absolute() else course.root / path
    return course.root / NBGRADER_LOG


def _json_logs(course: CourseSettings) -> list[Path]:
    return [course.root / name for name in JSON_LOGS if is_regular(course.root / name)]


def _text_logs(course: CourseSettings) -> list[Path]:
    logs = [p for p in {_nbgrader_logfile(course), course.root / NBGRADER_LOG} if is_regular(p)]
    for folder in TEXT_LOG_DIRS:
        if is_real_dir(course.root / folder):
            logs += [p for p in sorted((course.root / folder).glob("*.log")) if is_regular(p)]
    return sorted(logs)


def _json_log_lines(path: Path) -> list[tuple[str, dict | None]]:
    """Each line of a JSON-lines log with its object (None for a torn or odd line)."""
    lines = []
    for line in read_regular(path).decode("utf-8", errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            entry = None
        lines.append((line, entry if isinstance(entry, dict) else None))
    return lines


def _entry_text(line: str, entry: dict | None) -> str:
    """What a search sees in a JSON line: the line and its decoded values (``\\u00e4`` as ä)."""
    return line if entry is None else line + "\n" + json.dumps(entry, ensure_ascii=False)


def _log_entries(course: CourseSettings, pid: str, log: str = LOG_FILE) -> list[dict]:
    return [e for e in read_jsonl(course.root / log) if e.get("participant") == pid]


def _log_mentions(course: CourseSettings, pid: str, patterns: list[re.Pattern[str]]) -> int:
    """Lines of every log that are the person's or name them."""
    count = 0
    for path in _json_logs(course):
        count += sum(1 for line, entry in _json_log_lines(path)
                     if (entry is not None and entry.get("participant") == pid)
                     or _mentions_any(_entry_text(line, entry), patterns))
    for path in _text_logs(course):
        count += sum(1 for line in read_regular(path).split(b"\n")
                     if _mentions_any(line.decode("utf-8", errors="ignore"), patterns))
    return count


def _text_log_lines(course: CourseSettings, patterns: list[re.Pattern[str]]) -> dict[str, list[str]]:
    """For the export: the lines of nbgrader's and the commands' logs that mention the person."""
    found = {}
    for path in _text_logs(course):
        lines = [line.decode("utf-8", errors="replace") for line in read_regular(path).split(b"\n")
                 if _mentions_any(line.decode("utf-8", errors="ignore"), patterns)]
        if lines:
            found[_place(course, path)] = lines
    return found


def _scrub_json_log(path: Path, pid: str, patterns: list[re.Pattern[str]]) -> tuple[int, int]:
    """Drop the person's entries (and unreadable lines naming them); redact them in others'. (dropped, redacted)"""
    kept, dropped, redacted = [], 0, 0
    for line, entry in _json_log_lines(path):
        mentioned = _mentions_any(_entry_text(line, entry), patterns)
        if entry is None:
            if mentioned:
                dropped += 1
            else:
                kept.append(line)
        elif entry.get("participant") == pid:
            dropped += 1
        elif mentioned:
            kept.append(json.dumps(_redact(entry, patterns), ensure_ascii=False, default=str))
            redacted += 1
        else:
            kept.append(line)
    if dropped or redacted:
        _rewrite(path, "".join(line + "\n" for line in kept).encode("utf-8"))
    return dropped, redacted


def _scrub_text_log(path: Path, patterns: list[re.Pattern[str]]) -> int:
    """Remove every line that mentions the person (bytes of other lines kept exactly)."""
    lines = read_regular(path).split(b"\n")
    kept = [line for line in lines if not _mentions_any(line.decode("utf-8", errors="ignore"), patterns)]
    if len(kept) != len(lines):
        _rewrite(path, b"\n".join(kept))
    return len(lines) - len(kept)


# --- the roster -----------------------------------------------------------------------------------

def _roster_rows(path: Path) -> tuple[bool, str, list[list[str]]]:
    raw = read_regular(path)
    text = raw.decode("utf-8-sig", errors="replace")
    newline = "\r\n" if "\r\n" in text else "\n"
    return raw.startswith(b"\xef\xbb\xbf"), newline, list(csv.reader(io.StringIO(text, newline="")))


def _is_theirs(row: list[str], id_column: int, pid: str, patterns: list[re.Pattern[str]]) -> bool:
    return (len(row) > id_column and row[id_column].strip() == pid) or any(_mentions_any(c, patterns) for c in row)


def _id_column(header: list[str]) -> int:
    names = [h.strip().lower() for h in header]
    return next((names.index(n) for n in ("id", "participant", "student_id") if n in names), 0)


def _roster_entries(course: CourseSettings, pid: str, patterns: list[re.Pattern[str]]) -> list[dict[str, str]]:
    path = course.root / ROSTER_FILE
    if not is_regular(path):
        return []
    _, _, rows = _roster_rows(path)
    if not rows:
        return []
    header, column = rows[0], _id_column(rows[0])
    return [dict(zip(header, row, strict=False)) for row in rows[1:] if _is_theirs(row, column, pid, patterns)]


def _scrub_roster(course: CourseSettings, pid: str, patterns: list[re.Pattern[str]]) -> int:
    path = course.root / ROSTER_FILE
    if not is_regular(path):
        return 0
    bom, newline, rows = _roster_rows(path)
    if not rows:
        return 0
    column = _id_column(rows[0])
    kept = [rows[0]] + [row for row in rows[1:] if not _is_theirs(row, column, pid, patterns)]
    if len(kept) == len(rows):
        return 0
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows(kept)
    _rewrite(path, (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8"))
    return len(rows) - len(kept)


# --- the walls ------------------------------------------------------------------------------------

def _simple_name(name: object) -> bool:
    return isinstance(name, str) and name not in ("", ".", "..") and Path(name).name == name


def _wall_weeks(course: CourseSettings) -> list[str]:
    root = course.root / SHARED_DIR
    return sorted(p.name for p in root.iterdir() if is_real_dir(p)) if is_real_dir(root) else []


def published_walls(course: CourseSettings, roots: Iterable[str | os.PathLike[str]] = ()) -> list[Path]:
    """Every published copy of a wall that exists: from ``walls-published.jsonl`` and the ``roots`` given."""
    places = {(Path(e["root"]), e["week"]) for e in read_jsonl(course.root / PUBLISHED_LOG)
              if isinstance(e.get("root"), str) and e["root"] and _simple_name(e.get("week"))}
    places |= {(Path(root).resolve(), week) for root in roots for week in _wall_weeks(course)}
    return sorted(root / week for root, week in places if (root / week).exists() or (root / week).is_symlink())


def _replace_published(course: CourseSettings, copies: list[Path]) -> list[str]:
    """Each published copy becomes the rebuilt wall of its week (a week with no wall left is left to the search)."""
    replaced = []
    for target in copies:
        source = course.root / SHARED_DIR / target.name
        if not is_real_dir(source):
            continue
        if is_real_dir(target):
            shutil.rmtree(target)
        else:
            target.unlink()
        copy_regular_tree(source, target)
        replaced.append(str(target))
    return replaced


def _wall_entries(course: CourseSettings, pid: str, person: dict | None) -> list[dict[str, Any]]:
    """For the export: what of the person's stands on the course's walls (as on the page, before escaping)."""
    from ..wall.shares import shared_answers

    name = " ".join(x for x in ((person or {}).get("first_name"), (person or {}).get("last_name")) if x) or pid
    entries = []
    for week in _wall_weeks(course):
        folder = next((f for f in (course.path(s, pid, week) for s in ("autograded", "submitted"))
                       if is_real_dir(f)), None)
        if folder is None:
            continue
        for target, choice, answer in shared_answers(folder, week):
            author = name if choice["mode"] == "name" else str(choice.get("nickname", "")).strip()
            entries.append({"week": week, "wall": f"{SHARED_DIR}/{week}/index.html", "shown_as": author,
                            "item": target.id, "topic": target.short_label(), "answer": answer})
    return entries


def _live_wall(course: CourseSettings) -> Any:
    """The live walls' store (``valmennus.wall``), if the course has one yet; else None."""
    from ..wall.store import WALL_FILE, open_store

    if not course.db_url.startswith("postgresql") and not (course.root / WALL_FILE).is_file() \
            and not os.environ.get("VALMENNUS_WALL_URL"):
        return None
    return open_store(course)


def _feedback_given(wall: Any, course: CourseSettings, pid: str) -> list[dict[str, Any]]:
    """The person's record of course feedback given (``wall.feedback``); her answers have no name to find."""
    return FeedbackStore(wall).person_entries(cohort_of(course), pid)


# --- the search -----------------------------------------------------------------------------------

def _walk(top: Path, skip: set[Path], top_level_skip: frozenset[str] = frozenset()) -> Iterator[Path]:
    """Every entry under ``top`` without following links, minus the skipped folders."""
    for folder, dirs, files in os.walk(top, followlinks=False):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if d not in SKIP_ANYWHERE and here / d not in skip
                         and not (here == top and d in top_level_skip))
        for name in sorted(files) + dirs:
            yield here / name


def _stream_mentions(chunks: Iterable[bytes], patterns: list[re.Pattern[str]]) -> bool:
    tail = ""
    for chunk in chunks:
        text = tail + chunk.decode("utf-8", errors="ignore")
        if _mentions_any(text, patterns):
            return True
        tail = text[-_OVERLAP:]
    return False


def _read_chunks(fh: Any) -> Iterator[bytes]:
    while chunk := fh.read(_CHUNK):
        yield chunk


def _file_mentions(path: Path, patterns: list[re.Pattern[str]]) -> bool:
    """Whether the plain file mentions the person: its bytes, and inside a zip (XLSX too) every member."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        if _stream_mentions(_read_chunks(fh), patterns):
            return True
        fh.seek(0)
        if fh.read(4) != b"PK\x03\x04":
            return False
        fh.seek(0)
        try:
            with zipfile.ZipFile(fh) as archive:
                for member in archive.infolist():
                    if _mentions_any(member.filename, patterns):
                        return True
                    if member.file_size <= _MAX_MEMBER:
                        with archive.open(member) as inner:
                            if _stream_mentions(_read_chunks(inner), patterns):
                                return True
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
            return False
    return False


def _search_roots(course: CourseSettings, published: Iterable[str | os.PathLike[str]] = ()) -> list[Path]:
    return [course.root, course.exchange_root / course.course_id, *published_walls(course, published)]


def _text_hits(course: CourseSettings, needles: list[str],
               published: Iterable[str | os.PathLike[str]] = ()) -> list[Path]:
    """Every file or folder of the course, its exchange and its published walls that still mentions the person."""
    patterns = _patterns(needles)
    exchange = course.exchange_root.resolve() if course.exchange_root.exists() else course.exchange_root
    hits: list[Path] = []
    for root in _search_roots(course, published):
        if not is_real_dir(root):
            if (root.exists() or root.is_symlink()) and root not in hits:
                hits.append(root)  # a published copy that is not a plain folder
            continue
        skip = {exchange} if root == course.root else set()
        for path in _walk(root, skip, SKIP_TOP if root == course.root else frozenset()):
            if path in hits:
                continue
            if _mentions_any(str(path.relative_to(root)), patterns) or (
                    is_regular(path) and _file_mentions(path, patterns)):
                hits.append(path)  # named after them, whatever it is (a link too), or mentioning them
    return hits


def find_traces(course: CourseSettings, pid: str, identifiers: list[str] | None = None,
                published: Iterable[str | os.PathLike[str]] = ()) -> Traces:
    """Where the course still holds anything about ``pid`` (see the module docstring for the places)."""
    person = _person(course, pid)
    needles = identifiers or _identifiers(person, pid)
    published = list(published)
    traces = Traces()
    if person:
        traces.gradebook.append(f"participant {pid}")
        traces.gradebook += [f"submission {s['name']}" for s in person["submissions"]]
    traces.files = _files(course, pid)
    traces.log_lines = _log_mentions(course, pid, _patterns(needles))
    traces.text_hits = _text_hits(course, needles, published)
    if (wall := _live_wall(course)) is not None and (rows := wall.mentions(cohort_of(course), pid)
                                                     + len(_feedback_given(wall, course, pid))):
        traces.gradebook.append(f"live wall: {rows} rows")
    return traces


# --- export and erase -----------------------------------------------------------------------------

def _place(course: CourseSettings, path: Path) -> str:
    return str(path.relative_to(course.root)) if path.is_relative_to(course.root) else str(path)


def _dump(value: Any) -> str:
    return json.dumps(value, default=str, ensure_ascii=False, indent=1)


def export_person(course: CourseSettings, pid: str, out_dir: Path) -> Path:
    """A zip with everything held about ``pid``: gradebook record, files, log lines, walls, and a report."""
    person = _person(course, pid)
    files = _files(course, pid)
    if person is None and not files:
        raise LookupError(f"no participant {pid} in this course")
    patterns = _patterns(_identifiers(person, pid))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    work = out_dir / f"privacy-export-{pid}-{stamp}"
    work.mkdir(parents=True)
    (work / "gradebook.json").write_text(_dump(person), "utf-8")
    (work / "roster.json").write_text(_dump(_roster_entries(course, pid, patterns)), "utf-8")
    (work / "reminders.json").write_text(_dump(_log_entries(course, pid)), "utf-8")
    (work / "intake.json").write_text(_dump(_log_entries(course, pid, INTAKE_LOG)), "utf-8")
    (work / "walls.json").write_text(_dump(_wall_entries(course, pid, person)), "utf-8")
    wall = _live_wall(course)
    (work / "live-wall.json").write_text(_dump(wall.person_entries(cohort_of(course), pid) if wall else {}), "utf-8")
    (work / "course-feedback-given.json").write_text(_dump(_feedback_given(wall, course, pid) if wall else []),
                                                     "utf-8")
    (work / "logs.json").write_text(_dump(_text_log_lines(course, patterns)), "utf-8")
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
        "roster.json: the course roster's row.\n"
        "reminders.json: reminders sent.\n"
        "intake.json: files of a submission that the course refused to take in, and why.\n"
        "walls.json: what was shown on the group's shared walls, and under which name.\n"
        "live-wall.json: the group's space: posts, comments, thanks and pinned questions, as written.\n"
        "course-feedback-given.json: the weeks whose course feedback was given (yes/no); the answers "
        "themselves are kept without any name and cannot be found by person.\n"
        "logs.json: lines of nbgrader's and the course commands' logs that mention the participant.\n"
        "files/: submissions, graded copies, feedback pages.\n", "utf-8")
    archive = shutil.make_archive(str(work), "zip", root_dir=work)
    shutil.rmtree(work)
    return Path(archive)


def _vacuum_sqlite(course: CourseSettings) -> bool:
    """Rewrite an SQLite gradebook so deleted rows leave no bytes behind; False for other databases."""
    from sqlalchemy.engine import make_url

    url = make_url(course.db_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return False
    with closing(sqlite3.connect(url.database, timeout=60, isolation_level=None)) as db:
        db.execute("VACUUM")
    return True


@dataclass
class EraseReport:
    removed: list[str]
    remaining: Traces


def erase_person(course: CourseSettings, pid: str,
                 published: Iterable[str | os.PathLike[str]] = ()) -> EraseReport:
    """Remove ``pid`` from every place, then search them all again (``remaining`` must be empty).

    ``published``: folders a wall was published to (``<folder>/<week>``) besides those recorded.
    """
    from nbgrader.api import MissingEntry

    person = _person(course, pid)
    identifiers = _identifiers(person, pid)
    patterns = _patterns(identifiers)
    published = list(published)
    copies = published_walls(course, published)  # before anything changes
    removed: list[str] = []
    for path in _files(course, pid):  # released feedback names are computed before feedback/ goes
        if is_real_dir(path):
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
    for log in _json_logs(course):
        dropped, redacted = _scrub_json_log(log, pid, patterns)
        if dropped or redacted:
            removed.append(f"{log.name}: {dropped} entries removed, {redacted} redacted")
    for log in _text_logs(course):
        if lines := _scrub_text_log(log, patterns):
            removed.append(f"{_place(course, log)}: {lines} lines removed")
    if rows := _scrub_roster(course, pid, patterns):
        removed.append(f"{ROSTER_FILE}: {rows} rows removed")

    for wall in rebuild_walls(course):  # the person's posts leave the walls with their submissions
        removed.append(f"{wall}: rebuilt without {pid}")
    for copy in _replace_published(course, copies):
        removed.append(f"{copy}: published wall replaced by the rebuilt one")
    if (wall := _live_wall(course)) is not None:
        given = FeedbackStore(wall).erase_person(cohort_of(course), pid)  # before the walls' vacuum
        removed.append(f"live wall: {given} course feedback records removed (the answers carry no name)")
        gone = wall.erase_person(cohort_of(course), pid)
        removed.append(f"live wall: {gone['posts']} posts, {gone['comments']} comments, {gone['thanks']} thanks "
                       "removed")
    try:  # last: it needs the database to itself for a moment (formgrader or a dashboard may hold it)
        if _vacuum_sqlite(course):
            removed.append("gradebook: vacuumed, no deleted rows left in the file")
    except sqlite3.Error as exc:  # the search below then says whether anything is left in the file
        removed.append(f"gradebook: not vacuumed ({exc}); run the erase again when nobody is grading")
    return EraseReport(removed=removed, remaining=find_traces(course, pid, identifiers, published))
