"""Who may see what on a dashboard: pseudonyms, the small-group rule, and the viewer's role.

Rules (DESIGN §4), all applied here so every view gets them the same way:

* Pseudonyms by default. Login ids can be names (``aino.virtanen`` on a hub), so a dashboard shows
  ``O-`` and a keyed hash of (cohort, login id): stable from day to day (a coordinator and a
  facilitator can talk about "O-7KQ2M"), not guessable without the key (a plain hash of a name is),
  different in two cohorts, and independent of the roster's order (no alphabetical hints). The key
  is the option ``Dashboards.pseudonym_key`` (``VALMENNUS_PSEUDONYM_KEY`` from a hub); without it each
  dashboard kernel draws a random key, so the pseudonyms change with every opening (safe, but less
  useful) and the page says so.
* No breakdown of a group smaller than ``MIN_GROUP`` (5): an aggregate of fewer respondents is
  blanked and marked, never shown. Applies to everything computed from answers (skills, pulse,
  course feedback) and to feedback turnaround per week and per facilitator.
* Roles (``Dashboards.role``, ``VALMENNUS_DASHBOARD_ROLE`` from a hub): ``coordinator`` (default, also
  for any unknown value) sees pseudonyms only. ``facilitator`` (with ``Dashboards.facilitator``, or
  ``VALMENNUS_FACILITATOR``, = their user name) sees the names of the participants the roster
  (``roster.csv``, column ``facilitator``) assigns to them, beside the pseudonym; everyone else stays
  pseudonymous. No roster, no names. The options are read by ``valmennus.options``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

import pandas as pd

from ..options import COORDINATOR, FACILITATOR, Dashboards, configured

MIN_GROUP = 5
PSEUDONYM_PREFIX = "O-"
_MIN_DIGITS = 5
_EPHEMERAL_KEY = secrets.token_bytes(32)  # one per process: a dashboard kernel


@dataclass(frozen=True)
class Viewer:
    """Who is looking: their role and, for a facilitator, their user name as in the roster."""

    role: str = COORDINATOR
    facilitator: str = ""

    @classmethod
    def from_env(cls) -> Viewer:
        """The viewer the dashboards' options name (the course's file, overridden by what the hub sets
        for this user's server)."""
        options = configured(Dashboards)
        role, who = options.role.strip().lower(), options.facilitator.strip()
        if role == FACILITATOR and who:
            return cls(FACILITATOR, who)
        return cls(COORDINATOR, "")  # unknown role or a facilitator without a name: the safe default

    def may_see_name(self, facilitator: str) -> bool:
        return self.role == FACILITATOR and bool(facilitator) and facilitator == self.facilitator


def pseudonym_key() -> tuple[bytes, bool]:
    """The key for pseudonyms and whether it is stable (set by the deployment) or drawn for this process."""
    key = configured(Dashboards).pseudonym_key
    if key:
        return key.encode("utf-8"), True
    return _EPHEMERAL_KEY, False


def _digest(key: bytes, cohort: str, participant: str) -> str:
    mac = hmac.new(key, f"{cohort}\0{participant}".encode(), hashlib.sha256).digest()
    return base64.b32encode(mac).decode("ascii")


def pseudonyms(people: pd.DataFrame, key: bytes) -> pd.Series:
    """``O-XXXXX`` for each (cohort, participant) row, unique within its cohort.

    Five base-32 characters (25 bits) unless two people of one cohort would share them; then that
    cohort's pseudonyms grow a character until they differ (deterministic, so still stable).
    """
    result = pd.Series("", index=people.index, dtype=object)
    for _, group in people.groupby("cohort", sort=False):
        digests = [_digest(key, str(c), str(p)) for c, p in zip(group["cohort"], group["participant"], strict=True)]
        length = _MIN_DIGITS
        while len({d[:length] for d in digests}) < len(set(digests)) and length < len(digests[0]):
            length += 1
        result.loc[group.index] = [PSEUDONYM_PREFIX + d[:length] for d in digests]
    return result


def display_names(people: pd.DataFrame, viewer: Viewer, key: bytes) -> pd.DataFrame:
    """Who is shown how: (cohort, participant) -> ``pseudonym``, ``name`` (empty unless allowed), ``own``.

    ``people`` has columns cohort, participant, first_name, last_name, facilitator. ``own`` marks the
    viewing facilitator's own participants; for a coordinator it is all False.
    """
    out = people[["cohort", "participant"]].copy()
    out["pseudonym"] = pseudonyms(people, key)
    own = people["facilitator"].fillna("").map(viewer.may_see_name).astype(bool)
    full = (people["first_name"].fillna("").astype(str) + " " + people["last_name"].fillna("").astype(str)).str.strip()
    out["name"] = full.where(own, "")
    out["own"] = own
    return out.reset_index(drop=True)


def shown_label(names: pd.DataFrame) -> pd.Series:
    """The one label a table shows: ``Name (O-XXXXX)`` for the viewer's own people, else the pseudonym."""
    return names["pseudonym"].where(names["name"] == "", names["name"] + " (" + names["pseudonym"] + ")")


def suppress_small(frame: pd.DataFrame, columns: list[str], n: str = "n") -> pd.DataFrame:
    """Blank ``columns`` of every row whose ``n`` is under ``MIN_GROUP``; add ``suppressed`` (bool).

    The count itself stays: "3 respondents, not shown" tells the reader why a row is empty without
    breaking the group down.
    """
    out = frame.copy()
    small = out[n].fillna(0) < MIN_GROUP
    for column in columns:
        if column in out.columns:
            out[column] = out[column].astype(object).where(~small, None) if out[column].dtype == object \
                else out[column].where(~small)
    out["suppressed"] = small.to_numpy()
    return out
