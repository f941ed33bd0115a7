"""What the rules see of one record under validation (see :mod:`sync.contract.rule_kinds`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sync.contract.certificate import Certificate, parse_certificate
from sync.contract.idcard import has_valid_shape


class Context:
    """One record under validation: its well-formed values and what is derived from them."""

    __slots__ = ("_born", "_certs", "bad", "today", "values")

    def __init__(self, values: dict[str, Any], bad: set[str], today: date) -> None:
        self.values = values
        self.bad = bad
        self.today = today
        self._born: dict[str, tuple[date, str] | None] = {}
        self._certs: dict[str, Certificate | None] = {}

    def invalidate(self, names: tuple[str, ...]) -> None:
        """Treat these fields as malformed from now on (a rule about their value failed)."""
        for name in names:
            self.values.pop(name, None)
            self.bad.add(name)
            self._born.pop(name, None)
            self._certs.pop(name, None)

    def certificate(self, cert_field: str) -> Certificate | None:
        """The parts of a well-formed certificate number, else None (parsed once)."""
        if cert_field not in self._certs:
            self._certs[cert_field] = parse_certificate(self.values.get(cert_field))
        return self._certs[cert_field]

    @property
    def survey_year(self) -> int:
        """The year of the survey date, or this year while there is none."""
        survey = self.values.get("survey_date")
        return survey.year if isinstance(survey, date) else self.today.year

    def birth(self, id_field: str) -> tuple[date, str] | None:
        """Birth date and gender (``M``/``F``) from a well-formed ID number, else None."""
        if id_field in self._born:
            return self._born[id_field]
        found: tuple[date, str] | None = None
        number = self.values.get(id_field)
        if has_valid_shape(number):
            try:
                born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
                found = (born, "M" if int(number[16]) % 2 else "F")
            except ValueError:
                found = None
        self._born[id_field] = found
        return found
