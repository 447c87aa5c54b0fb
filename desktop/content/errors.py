"""The one error every content loader raises."""


class ContentError(RuntimeError):
    """A content file is missing or malformed: a packaging fault, not a patient's."""
