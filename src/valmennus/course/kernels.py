"""The kernels nbgrader starts for a course (``nbgrader autograde``, formgrader's Autograde button,
valmennus' grading workers) are told the course's language.

A week notebook asks for its messages in the course's language (``valmennus.i18n``). A kernel that is
not told the language finds it in the course's nbgrader_config.py, and running that file imports
nbgrader: about 3 s of every graded notebook's first cell, longer than the notebook's own work. The
``valmennus`` command and a hub already pass ``VALMENNUS_LANG``; this kernel manager does it for the
kernels nbgrader itself starts, from the course's own option, so every path grades alike and fast.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from jupyter_client.manager import AsyncKernelManager

from ..options import OptionError, Valmennus, as_env, configured, course_root, env_name


def with_course_language(env: Mapping[str, str] | None = None, cwd: str | None = None) -> dict[str, str]:
    """``env`` (default: this process's) with the language of the course a kernel started in ``cwd``
    would find (``options.course_root``), unless ``env`` names one already. Outside a course, or for a
    course whose option is unusable, nothing is added: the kernel finds out, and says what is wrong."""
    out = dict(os.environ if env is None else env)
    if out.get(env_name(Valmennus, "language"), "").strip():
        return out
    root = course_root(cwd)
    if root is None:
        return out
    try:
        language = configured(Valmennus, root).language
    except OptionError:
        return out
    return {**out, **as_env(Valmennus, language=language)}


class CourseKernelManager(AsyncKernelManager):
    """nbclient's kernel manager with the course's language in the kernel's environment; set as
    ``c.Execute.kernel_manager_class`` in the course's nbgrader_config.py."""

    async def _async_pre_start_kernel(self, **kw: Any) -> tuple[list[str], dict[str, Any]]:
        kw["env"] = with_course_language(kw.get("env"), kw.get("cwd"))
        return await super()._async_pre_start_kernel(**kw)
