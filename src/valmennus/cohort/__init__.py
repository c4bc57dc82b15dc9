"""Tidy tables about the cohort (DESIGN §4): read, compute, show.

Reading: the course's records come from ``valmennus.records`` (``sources``: gradebook via nbgrader's
ORM, collected submissions, feedback, answers as numbers only, roster; ``progress``: one week, shared
with the ``valmennus status`` command), below both this package and the facilitator commands. Here:
``gradebook_sql`` (the same gradebook table in one read-only SQL query, for dashboards) and
``cohorts`` (which courses, from the environment, into one set of tables with a ``cohort`` column).

Computing (pure pandas, unit-tested on ``synthetic`` tables): ``status`` (all weeks, the grid, who
is behind), ``skills``, ``turnaround``, ``evaluation`` (pulse, course feedback), ``compare``,
``privacy`` (pseudonyms, roles, the small-group rule) and ``tables`` (all of them at once).

Showing: ``charts`` (matplotlib to inline SVG), ``view_common`` and one ``view_*`` per dashboard,
``dashboard`` (what the notebooks in ``dashboards/`` call), and ``views`` (the one-week page).
"""
