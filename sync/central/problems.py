"""Errors the centre's services raise on purpose; the app turns each into one HTTP status."""

from __future__ import annotations


class Problem(Exception):  # noqa: N818  (a refusal the caller caused, not a failure)
    """A refusal with a message the caller can act on."""

    status = 400

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class BadInput(Problem):
    """The request or file is malformed; the message names the field or row."""

    status = 400


class Unauthorized(Problem):
    """No valid token, or wrong credentials."""

    status = 401


class Forbidden(Problem):
    """The caller's role or region does not allow this."""

    status = 403


class NotFound(Problem):
    """No such record within the caller's reach."""

    status = 404


class Conflict(Problem):
    """The target is in a state that refuses this change."""

    status = 409


class Throttled(Problem):
    """Too many failed logins: try again after ``retry_after`` seconds."""

    status = 429

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after
