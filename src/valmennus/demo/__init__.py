"""The demo, an app: a simulated cohort (``simulate``) played through every week of the course with the
real nbgrader commands (``course_loop``), and the check that the loop kept its promises (``verify``).

Above the facilitator steps (``ops``) and the reporting (``cohort``); nothing below imports it.
"""
