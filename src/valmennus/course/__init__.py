"""The course as files: guards for the course build (more of the course build lands with the course issue)."""
