"""What a week page costs its kernel: the item bank read fast and the same, and few widget models.

Every widget model is opened by the kernel, passed on by Voilà and created by the browser before the
week is usable (issue 13: a week within 1.5x an empty notebook); controls drawn alike share their
layout and style models (``widgets/shared.py``).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import ipywidgets as w
import yaml

from valmennus import items
from valmennus.items import for_week
from valmennus.notebook import open_notebook
from valmennus.widgets.shared import html, plain_layout, shared

BANK = Path(items.__file__).resolve().parent / "data" / "items"


def _models() -> Counter[str]:
    return Counter(type(m).__name__ for m in w.widgets.widget._instances.values())


def test_does_the_fast_loader_read_every_bank_file_as_safe_load_does() -> None:
    for path in sorted(BANK.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert items._load_yaml(text) == yaml.safe_load(text), path.name


def test_does_a_week_open_with_few_models_its_controls_sharing_layouts_and_styles(tmp_path: Path,
                                                                                 monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    w.Widget.close_all()
    nb = open_notebook("viikko1")
    widgets = [nb.ask(item.id) for item in for_week("viikko1")]
    models = _models()
    assert sum(models.values()) <= 4 * len(widgets) + 10, models  # was 148 for 15 items, 86 of them layouts
    assert models["Layout"] <= 5 and models["HTMLStyle"] == 1 and models["TextStyle"] <= 1, models
    first, last = widgets[0], widgets[-1]
    assert first.status.layout is last.status.layout and first.status.style is last.status.style
    w.Widget.close_all()


def test_is_a_closed_shared_model_made_again() -> None:
    layout = plain_layout()
    assert plain_layout() is layout and html("x").layout is layout
    layout.close()
    again = plain_layout()
    assert again is not layout and again.comm is not None
    assert shared("test-made-once", lambda: w.Layout(width="1px")) is shared("test-made-once", w.Layout)


def test_does_the_participants_voila_leave_out_jupyterlabs_own_extensions_unless_configured() -> None:
    from traitlets.config import Config

    from valmennus.participant.voila import LAB_ONLY, configure

    config = Config()
    configure(config, hook=None)
    assert config.VoilaConfiguration.extension_denylist == LAB_ONLY
    own = Config()
    own.VoilaConfiguration.extension_allowlist = ["anywidget"]
    configure(own, hook=None)
    assert "extension_denylist" not in own.VoilaConfiguration  # the server's own choice stands
