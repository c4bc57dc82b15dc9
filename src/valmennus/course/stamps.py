"""nbgrader's submission times as text (``timestamp.txt``, the exchange's folder names and listings).

nbgrader writes ``2027-01-12 10:00:00.000000 UTC`` (its ``timestamp_format``); the routine, the
records readers and the participant app all read it here, the one way.
"""

from __future__ import annotations

from datetime import UTC, datetime


def parse_stamp(text: str) -> datetime | None:
    """The moment ``text`` names, aware and in UTC (a time without a zone is UTC, as nbgrader's are);
    None for text that is no time (an unreadable stamp: the submission still counts, without a time)."""
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text.removesuffix("UTC").strip())
    except ValueError:
        try:
            from nbgrader.utils import parse_utc

            moment = parse_utc(text)
        except Exception:  # noqa: BLE001
            return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
