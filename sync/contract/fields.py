"""The record's fields (docs/protocol.md): names, Chinese labels, kinds and code lists.

This is the single description of the record that the schema, the tables of both ends,
import/export and the entry form are built from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["uuid", "text", "code", "date", "bool", "int", "trainings"]


@dataclass(frozen=True, slots=True)
class Field:
    """One field of the record as the contract names it."""

    name: str
    label: str
    kind: Kind
    code_list: str | None = None
    max_length: int | None = None


RECORD_FIELDS: tuple[Field, ...] = (
    Field("record_id", "记录编号", "uuid"),
    Field("name", "姓名", "text", max_length=30),
    Field("id_number", "身份证号", "text", max_length=18),
    Field("disability_cert_number", "残疾人证号", "text", max_length=22),
    Field("disability_category", "残疾类别", "code", "disability_category"),
    Field("disability_level", "残疾等级", "code", "disability_level"),
    Field("hukou_type", "户口性质", "code", "hukou_type"),
    Field("region_code", "行政区划", "text", max_length=9),
    Field("village", "村/社区", "text", max_length=100),
    Field("address", "住址", "text", max_length=200),
    Field("phone", "联系电话", "text", max_length=20),
    Field("education", "文化程度", "code", "education"),
    Field("poverty_registered", "建档立卡贫困户", "bool"),
    Field("employment_status", "就业状态", "code", "employment_status"),
    Field("employment_form", "就业形式", "code", "employment_form"),
    Field("employment_date", "就业时间", "date"),
    Field("employer", "就业单位", "text", max_length=100),
    Field("unemployment_reason", "未就业原因", "code", "unemployment_reason"),
    Field("employment_intention", "就业意愿", "bool"),
    Field("training_need", "培训需求", "bool"),
    Field("trainings", "培训", "trainings"),
    Field("graduate", "高校毕业生", "bool"),
    Field("graduation_year", "毕业年份", "int"),
    Field("graduate_school", "毕业院校", "text", max_length=100),
    Field("graduate_major", "所学专业", "text", max_length=100),
    Field("graduate_degree", "学历", "code", "graduate_degree"),
    Field("graduate_status", "毕业去向", "code", "graduate_status"),
    Field("survey_date", "调查日期", "date"),
    Field("surveyor", "调查人", "text", max_length=30),
)

TRAINING_FIELDS: tuple[Field, ...] = (
    Field("year", "培训年度", "int"),
    Field("type", "培训类型", "code", "training_type"),
    Field("period", "培训期限", "code", "training_period"),
    Field("provider", "培训主体", "text", max_length=100),
)

# In CSV/XLSX one training per row, under these column names.
TRAINING_COLUMNS: dict[str, str] = {
    "training_year": "year",
    "training_type": "type",
    "training_period": "period",
    "training_provider": "provider",
}

FIELDS_BY_NAME: dict[str, Field] = {f.name: f for f in RECORD_FIELDS}
BOOLEAN_DEFAULT_FALSE: frozenset[str] = frozenset({"poverty_registered", "graduate"})
