"""Import the roster (participants) from CSV into the gradebook.

Columns: ``id`` (required), ``first_name``, ``last_name``, ``email``, ``cohort``. One course is one
cohort (one gradebook): with ``cohort`` given, only that cohort's rows are imported. A bad row is
reported and skipped, with the reason in the course language; the good rows still go in. A file that
cannot be a roster (no ``id`` column, not UTF-8) is a ValueError whose message says so.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..course.gradebook import open_gradebook
from ..course.settings import CourseSettings
from ..i18n import t

ID_PATTERN = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")  # nbgrader ids travel into file names and the exchange
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class RosterReport:
    imported: list[str] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)


def read_roster(path: Path, cohort: str | None = None) -> tuple[list[dict[str, str]], RosterReport]:
    report = RosterReport()
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or "id" not in reader.fieldnames:
                raise ValueError(t("ops_roster_no_id", path=path))
            for line, row in enumerate(reader, start=2):
                pid = (row.get("id") or "").strip()
                if cohort and (row.get("cohort") or "").strip() != cohort:
                    continue
                if not ID_PATTERN.match(pid):
                    report.skipped.append((line, t("ops_roster_bad_id", id=pid)))
                    continue
                if pid in seen:
                    report.skipped.append((line, t("ops_roster_twice", id=pid)))
                    continue
                email = (row.get("email") or "").strip()
                if email and not EMAIL_PATTERN.match(email):
                    report.skipped.append((line, t("ops_roster_bad_email", id=pid, email=email)))
                    continue
                seen.add(pid)
                rows.append({"id": pid, "first_name": (row.get("first_name") or "").strip(),
                             "last_name": (row.get("last_name") or "").strip(), "email": email})
    except UnicodeDecodeError as exc:  # a spreadsheet's "CSV" in its own code page (Windows-1252)
        raise ValueError(t("ops_roster_not_utf8", path=path)) from exc
    return rows, report


def import_roster(course: CourseSettings, path: Path, cohort: str | None = None) -> RosterReport:
    rows, report = read_roster(path, cohort)
    with open_gradebook(course) as gb:
        for row in rows:
            gb.update_or_create_student(row["id"], first_name=row["first_name"] or None,
                                        last_name=row["last_name"] or None, email=row["email"] or None)
            report.imported.append(row["id"])
    return report
