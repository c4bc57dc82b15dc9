"""Messages of the facilitator commands (``valmennus …``): kept apart from the participant-facing
catalog so the two can grow independently. Same rule: every key in all three languages."""

MESSAGES: dict[str, dict[str, str]] = {"fi": {}, "en": {}, "sv": {}}
