"""The group's space: a live, moderated wall per week for the whole cohort and for each small group.

``store`` (layer 4, with the course's records: the facilitator's privacy export and erase read it) keeps
posts, comments, "kiitos" reactions, the coach's moderation and pinned prompts in SQLAlchemy tables
(the course's PostgreSQL in a schema of its own on the hub, an SQLite file in the course folder
elsewhere); ``shares`` reads what a participant chose to share from her own answers files (her server
pushes it). ``web`` (an app, layer 7) is the tornado service: a JupyterHub service behind the hub's
OAuth on the hub, or an embedded server on 127.0.0.1 for ``make demo`` and the tests. Nothing is
imported here, so the store's layer never pulls in the web app.
"""
