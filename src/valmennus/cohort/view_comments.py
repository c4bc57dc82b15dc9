"""The course team's page ("Kommentit kurssitiimille", issue 16 §4): the free comments that the items address
to the course team, without names (the store's ``comments``: week, item and text only, sorted by text,
and nothing of a week and item that fewer than 5 participants of the cohort wrote, ``store.read_comments``).

The weekly pulse's comment and its "what was it like to be a client of this course this week" prompt, and
the closing course feedback's open questions. Nothing here knows who wrote a comment, so neither a
coordinator nor a coach can attribute one by this page; the words are shown as written (escaped).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..i18n import t
from ..items import bank
from ..templates import macro
from .view_common import csv_href, empty_note, page, section
from .view_context import store_note

if TYPE_CHECKING:
    from markupsafe import Markup

    from .view_context import ViewContext


def _sections(ctx: ViewContext) -> list[Markup]:
    comments = ctx.data.comments
    if comments.empty:
        return [section(t("dsh_com_none_title"), "", empty_note(t("dsh_com_none")))]
    items = bank()
    order = {(c, w): o for c, w, o in zip(ctx.data.weeks["cohort"], ctx.data.weeks["week"], ctx.data.weeks["order"],
                                          strict=True)}
    listed = macro("comments.html.j2", "comment_list")
    download = macro("macros.html.j2", "download")
    out = []
    for item_id in sorted(set(comments["item"]), key=lambda i: (items[i].construct, i) if i in items else ("", i)):
        rows = comments[comments["item"] == item_id]
        parts = []
        keys = sorted({(c, w) for c, w in zip(rows["cohort"], rows["week"], strict=True)},
                      key=lambda k: (k[0], order.get(k, 999)))
        for cohort, week in keys:
            texts = rows[(rows["cohort"] == cohort) & (rows["week"] == week)]["text"].tolist()
            caption = t("dsh_com_caption", cohort=cohort, week=week, count=len(texts))
            parts.append(listed(caption, texts)
                         + download(f"kommentit-{cohort}-{week}-{item_id}.csv",
                                    csv_href(pd.DataFrame({t("dsh_com_col_text"): texts})),
                                    t("dsh_download", table=caption)))
        question = items[item_id].label() if item_id in items else item_id
        out.append(section(question, "", *parts))
    return out


def page_html(ctx: ViewContext) -> str:
    return page(t("dsh_com_title"), t("dsh_com_intro"), _sections(ctx), ctx.data.names,
                ctx.data.as_of.floor("s").to_pydatetime(), True, [store_note(ctx.data)])
