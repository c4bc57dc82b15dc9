"""What every dashboard view is given (``ViewContext``) and how it is built (``context``).

Below both ``dashboard`` (which picks a view) and the ``view_*`` modules (which render one), so the
views never import the module that imports them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..i18n import local_datetime, local_time, t
from .cohorts import CohortData
from .privacy import FACILITATOR, Viewer, display_names, pseudonym_key, shown_label
from .tables import DashboardTables, build_tables


@dataclass
class ViewContext:
    """What a view needs: the data, its tables, how each participant is shown, and who is looking."""

    data: CohortData
    tables: DashboardTables
    labels: pd.DataFrame  # cohort, participant, label, own
    viewer: Viewer
    stable_ids: bool

    def with_labels(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with a ``label`` column (and ``own``) in place of the login id."""
        out = frame.merge(self.labels, on=["cohort", "participant"], how="left")
        out["label"] = out["label"].fillna("?")
        out["own"] = out["own"].fillna(False).astype(bool)
        return out

    def viewer_note(self) -> list[str]:
        """Who is looking, and when the reporting store was last brought up to date (``store_note``)."""
        role = (t("dsh_role_facilitator", facilitator=self.viewer.facilitator) if self.viewer.role == FACILITATOR
                else t("dsh_role_coordinator"))
        return [role, store_note(self.data)]


def store_note(data: CohortData) -> str:
    """When each cohort's store was synced ("never" for one not synced yet) and when this page read it;
    empty for folder-read data."""
    if not data.synced:
        return ""
    times = [f"{cohort} " + (local_datetime(stamp.to_pydatetime()) if stamp is not None and pd.notna(stamp)
                             else t("dsh_never_synced")) for cohort, stamp in data.synced.items()]
    note = t("dsh_synced", times=", ".join(times))
    return note if data.read_at is None else f"{note} {t('dsh_read_at', time=local_time(data.read_at))}"


def context(data: CohortData, viewer: Viewer | None = None, key: bytes | None = None,
            tables: DashboardTables | None = None) -> ViewContext:
    """Tables and labels for ``data`` as ``viewer`` (default: from the environment) may see them;
    ``tables``: ``build_tables(data)`` when already built (they do not depend on the viewer)."""
    viewer = viewer or Viewer.from_env()
    stable = True
    if key is None:
        key, stable = pseudonym_key()
    names = display_names(data.people, viewer, key)
    names["label"] = shown_label(names)
    return ViewContext(data=data, tables=tables if tables is not None else build_tables(data),
                       labels=names[["cohort", "participant", "label", "own"]], viewer=viewer, stable_ids=stable)
