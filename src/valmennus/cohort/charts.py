"""Charts as inline SVG from matplotlib: static, no JavaScript, nothing fetched from the network.

Why matplotlib to SVG: CI and the hub have no internet and a strict Content-Security-Policy, so
libraries that load JavaScript from a CDN (or need a widget front end) are out; an inline ``<svg>``
is part of the page, scales, prints, and axe-core can check it. Each chart is ``role="img"`` with a
``<title>`` (its accessible name) and a ``<desc>`` (what it shows, in words), and always sits next to
a table holding the same numbers (the table is the alternative for screen readers and for copying).
Colours are the Okabe-Ito palette (safe for colour-blind readers) and text is dark on white.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import matplotlib

matplotlib.use("svg")  # no GUI back end in a dashboard kernel
import matplotlib.pyplot as plt  # noqa: E402

from ..templates import macro  # noqa: E402

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
_STYLE = {"font.size": 10, "font.family": "DejaVu Sans", "svg.fonttype": "none", "axes.edgecolor": "#333333",
          "axes.labelcolor": "#111111", "xtick.color": "#111111", "ytick.color": "#111111",
          "axes.spines.top": False, "axes.spines.right": False}
_XML_HEAD = re.compile(r"^.*?(?=<svg)", re.S)
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)


def _svg(fig: plt.Figure, chart_id: str, title: str, description: str) -> str:
    """The figure as an inline ``<svg>`` named by ``title`` and described by ``description``."""
    buffer = io.StringIO()
    with plt.rc_context({"svg.hashsalt": chart_id}):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    plt.close(fig)
    text = _METADATA.sub("", _XML_HEAD.sub("", buffer.getvalue(), count=1), count=1)
    opening = _SVG_OPEN.search(text)
    assert opening is not None
    tag = opening.group(0)
    tag = re.sub(r'\s(width|height)="[^"]*"', "", tag)  # scale with the page; the viewBox keeps the shape
    tag = tag.replace("<svg", f'<svg role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
                             f'class="valmennus-chart" focusable="false"', 1)
    named = tag + str(macro("macros.html.j2", "chart_name")(chart_id, title, description))  # escaped there
    return text[: opening.start()] + named + text[opening.end():]


def line_chart(chart_id: str, title: str, description: str, x_labels: Sequence[str],
               series: dict[str, Sequence[float | None]], y_label: str, y_max: float | None = None,
               percent: bool = False) -> str:
    """One line per series (e.g. per cohort) over ``x_labels`` (weeks); gaps where a value is missing."""
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(7.5, 3.2))
        positions = range(len(x_labels))
        for i, (name, values) in enumerate(series.items()):
            ys = [float("nan") if v is None else float(v) for v in values]
            ax.plot(positions, ys, marker="os^Dvp*"[i % 7], color=PALETTE[i % len(PALETTE)], label=name,
                    linewidth=2)
        ax.set_xticks(list(positions), list(x_labels))
        ax.set_ylabel(y_label)
        ax.set_ylim(0, y_max)
        if percent:
            ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=0))
        ax.grid(axis="y", color="#dddddd")
        if len(series) > 1:
            ax.legend(frameon=False, loc="lower left")
        return _svg(fig, chart_id, title, description)


def bar_chart(chart_id: str, title: str, description: str, labels: Sequence[str],
              series: dict[str, Sequence[float | None]], x_label: str) -> str:
    """Horizontal bars, one group per label and one bar per series (e.g. median and slowest hours)."""
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(7.5, 0.22 * max(len(labels), 2) * max(len(series), 1) + 1.2))
        count = max(len(series), 1)
        height = 0.8 / count
        for i, (name, values) in enumerate(series.items()):
            ys = [j + i * height for j in range(len(labels))]
            ax.barh(ys, [0 if v is None else float(v) for v in values], height=height, label=name,
                    color=PALETTE[i % len(PALETTE)])
        ax.set_yticks([j + height * (count - 1) / 2 for j in range(len(labels))], list(labels))
        ax.invert_yaxis()
        ax.set_xlabel(x_label)
        ax.grid(axis="x", color="#dddddd")
        if len(series) > 1:
            ax.legend(frameon=False, ncols=len(series), loc="upper center", bbox_to_anchor=(0.5, -0.15))
        return _svg(fig, chart_id, title, description)


def stacked_shares(chart_id: str, title: str, description: str, labels: Sequence[str],
                   parts: dict[str, Sequence[float]]) -> str:
    """Horizontal bars of shares adding up to 100 % (a Likert distribution, the workload answers)."""
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(7.5, 0.42 * max(len(labels), 2) + 1.2))
        left = [0.0] * len(labels)
        for i, (name, values) in enumerate(parts.items()):
            widths = [float(v or 0) for v in values]
            ax.barh(range(len(labels)), widths, left=left, label=name, color=PALETTE[i % len(PALETTE)])
            left = [a + b for a, b in zip(left, widths, strict=True)]
        ax.set_yticks(list(range(len(labels))), list(labels))
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=0))
        ax.legend(frameon=False, ncols=min(len(parts), 5), loc="upper center", bbox_to_anchor=(0.5, -0.12))
        return _svg(fig, chart_id, title, description)


def box_chart(chart_id: str, title: str, description: str, labels: Sequence[str],
              values: Sequence[Sequence[float]], x_label: str) -> str:
    """Horizontal box plots (quartiles, whiskers to 1.5 IQR): the spread of change per group, with a zero line."""
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(7.5, 0.5 * max(len(labels), 2) + 1))
        ax.axvline(0, color="#555555", linewidth=1)
        ax.boxplot([list(v) for v in values], orientation="horizontal", widths=0.55, patch_artist=True,
                   boxprops={"facecolor": "#cfe3f3", "edgecolor": PALETTE[0]},
                   medianprops={"color": PALETTE[1], "linewidth": 2})
        ax.set_yticks(range(1, len(labels) + 1), list(labels))
        ax.invert_yaxis()
        ax.set_xlabel(x_label)
        ax.grid(axis="x", color="#dddddd")
        return _svg(fig, chart_id, title, description)
