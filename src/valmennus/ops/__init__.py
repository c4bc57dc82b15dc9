"""Facilitator steps over nbgrader: each module one step, all through nbgrader's commands or API."""
