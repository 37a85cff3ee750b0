"""Sharing skills: a portfolio page, JSON Resume and JSON-LD exports, and the learning record."""

from __future__ import annotations

from .exports import person_jsonld, to_jsonresume
from .html import plan_html, portfolio_html
from .record import (
    LearningRecord,
    Progress,
    RecordError,
    load_record,
    mark_done,
    progress,
    record_from_report,
    record_path,
    save_record,
)

__all__ = [
    "LearningRecord",
    "Progress",
    "RecordError",
    "load_record",
    "mark_done",
    "person_jsonld",
    "plan_html",
    "portfolio_html",
    "progress",
    "record_from_report",
    "record_path",
    "save_record",
    "to_jsonresume",
]
