"""Errors the centre's services raise on purpose; the app turns each into one HTTP status."""

from __future__ import annotations


class Problem(Exception):  # noqa: N818  (a refusal the caller caused, not a failure)
    """A refusal with a message the caller can act on."""

    status = 400

    def __init__(self, detail: str, *, code: str | None = None, wipe: bool | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        # A machine-readable reason beside the message (login codes, docs/protocol.md).
        self.code = code
        self.wipe = wipe

    def body(self) -> dict[str, object]:
        """The JSON answer: ``detail``, with ``code`` and ``wipe`` where they are set."""
        out: dict[str, object] = {"detail": self.detail}
        if self.code is not None:
            out["code"] = self.code
        if self.wipe is not None:
            out["wipe"] = self.wipe
        return out


class BadInput(Problem):
    """The request or file is malformed; the message names the field or row."""

    status = 400


class Unauthorized(Problem):
    """No valid token, or wrong credentials."""

    status = 401


class Forbidden(Problem):
    """The caller's role or region does not allow this."""

    status = 403


class PolicyRefused(Problem):
    """A value the request may carry but the centre will not take (a weak new password)."""

    status = 422


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
