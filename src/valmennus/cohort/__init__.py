"""Tidy tables about the cohort (DESIGN §4): ``sources`` reads, ``progress`` computes, ``views`` shows.

The gradebook knows a submission only after autograde and never holds answer text; the course
folders know what was collected and what feedback was generated; the exchange knows what feedback
was released. ``sources`` turns each into a pandas table; everything after that is pure functions.
"""
