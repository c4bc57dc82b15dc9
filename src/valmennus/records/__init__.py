"""The course's records as tidy tables, read by the facilitator commands (``ops``) and the dashboards
(``cohort``) alike, below both: ``sources`` (gradebook, roster, collected submissions, feedback, answers
as numbers only), ``status`` (the one participant x week status model) and ``spreadsheet`` (CSV
and spreadsheet cells a spreadsheet cannot run as formulas)."""
