"""The learning record: a saved plan, the steps done with a reflection each, and progress.

The record is one JSON file, ``learning-record.json``, in the user data directory
(``CROWDSKILLS_DATA_DIR``, or platformdirs' user data dir for ``crowdskills``). Its format
(version 1)::

    {"crowdskills_learning_record": 1, "saved": "2026-12-02", "profile": "profile.txt",
     "target": {"kind": "role", "id": "data-analyst", "label": "data analyst"},
     "hours_per_week": 5.0,
     "steps": [{"number": 1, "course_id": "...", "name": "...", "url": "https://...",
                "skills": ["sql"], "hours": 6.0, "week": 1, "learning_resource_type": "course",
                "credential": "certificate", "done": {"date": "2026-12-09", "note": "..."}}]}

``hours`` is null when the provider states no length; ``done`` is null until the step is
done. The file is written atomically; a file that cannot be read as a record is never
replaced unless the caller says so (``force``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, NotFoundError

if TYPE_CHECKING:
    from ..advice import GapReport

RECORD_VERSION = 1
RECORD_NAME = "learning-record.json"
DATA_DIR_ENV = "CROWDSKILLS_DATA_DIR"


class RecordError(InputError):
    """The learning record file exists but cannot be read as a record."""


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where the learning record lives: ``override``, ``CROWDSKILLS_DATA_DIR`` or the user data dir."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("crowdskills", appauthor=False))


def record_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The path of the learning record file (it may not exist yet)."""
    return data_dir(override) / RECORD_NAME


@dataclass(frozen=True)
class Done:
    """When a step was done and what the learner noted about it."""

    date: str
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "note": self.note}


@dataclass(frozen=True)
class RecordStep:
    """One step of a saved plan: a course, the skills it brings, and whether it is done."""

    number: int
    course_id: str
    name: str
    url: str
    skills: tuple[str, ...]
    hours: float | None
    week: int
    learning_resource_type: str = "course"
    credential: str = "none"
    done: Done | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "course_id": self.course_id, "name": self.name, "url": self.url,
                "skills": list(self.skills), "hours": self.hours, "week": self.week,
                "learning_resource_type": self.learning_resource_type, "credential": self.credential,
                "done": self.done.to_dict() if self.done else None}


@dataclass(frozen=True)
class LearningRecord:
    """A saved learning plan and its progress."""

    saved: str
    profile: str
    target: dict[str, Any]
    hours_per_week: float
    steps: tuple[RecordStep, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The documented file format (see the module docstring)."""
        return {"crowdskills_learning_record": RECORD_VERSION, "saved": self.saved, "profile": self.profile,
                "target": self.target, "hours_per_week": self.hours_per_week,
                "steps": [s.to_dict() for s in self.steps]}

    @property
    def done_steps(self) -> tuple[RecordStep, ...]:
        return tuple(s for s in self.steps if s.done is not None)

    def learned_skills(self) -> set[str]:
        """The skills of the steps done: held as learned, not as shown by a profile."""
        return {sid for s in self.done_steps for sid in s.skills}


def record_from_report(report: GapReport, *, profile: str, hours_per_week: float,
                       today: dt.date | None = None) -> LearningRecord:
    """A new record holding the plan of ``report`` (no step done yet), made at ``hours_per_week``."""
    courses = {r.course.id: r.course for r in report.recommendations}
    steps = []
    for s in report.plan:
        course = courses.get(s.course_id)
        steps.append(RecordStep(
            number=s.number, course_id=s.course_id, name=s.name, url=s.url, skills=tuple(s.skills),
            hours=course.hours if course is not None else (s.hours if s.hours_stated else None), week=s.week,
            learning_resource_type=course.learning_resource_type if course is not None else "course",
            credential=course.credential if course is not None else "none",
        ))
    t = report.target
    return LearningRecord(saved=(today or dt.date.today()).isoformat(), profile=profile,
                          target={"kind": t.kind, "id": t.id, "label": t.label},
                          hours_per_week=hours_per_week, steps=tuple(steps))


def mark_done(record: LearningRecord, number: int, *, note: str = "", today: dt.date | None = None) -> LearningRecord:
    """The record with step ``number`` marked done today with ``note``.

    Raises:
        NotFoundError: the plan has no step ``number``.
    """
    if not any(s.number == number for s in record.steps):
        span = f"1-{len(record.steps)}" if record.steps else "none"
        raise NotFoundError(f"the saved plan has no step {number} (steps: {span}). "
                            "Run `crowdskills plan show` to see them.")
    done = Done((today or dt.date.today()).isoformat(), note)
    steps = tuple(replace(s, done=done) if s.number == number else s for s in record.steps)
    return replace(record, steps=steps)


@dataclass(frozen=True)
class Progress:
    """How far a learner is through a saved plan."""

    steps_done: int
    steps_total: int
    hours_done: float
    hours_total: float
    unknown_length_done: int
    unknown_length_total: int
    current_week: int
    next_step: RecordStep | None
    weeks_ahead: int  # positive: ahead of the plan; negative: behind

    @property
    def status(self) -> str:
        """``all done``, ``on schedule``, ``N weeks ahead`` or ``N weeks behind``."""
        if self.next_step is None:
            return "all done"
        if self.weeks_ahead == 0:
            return "on schedule"
        n = abs(self.weeks_ahead)
        return f"{n} week{'s' if n != 1 else ''} {'ahead' if self.weeks_ahead > 0 else 'behind'}"

    def to_dict(self) -> dict[str, Any]:
        return {"steps_done": self.steps_done, "steps_total": self.steps_total, "hours_done": self.hours_done,
                "hours_total": self.hours_total, "unknown_length_done": self.unknown_length_done,
                "unknown_length_total": self.unknown_length_total, "current_week": self.current_week,
                "next_step": self.next_step.to_dict() if self.next_step else None,
                "weeks_ahead": self.weeks_ahead, "status": self.status}


def progress(record: LearningRecord, *, today: dt.date | None = None) -> Progress:
    """Hours done (of steps with a stated length), the next step, and weeks ahead or behind.

    The plan's week 1 starts on the day it was saved. The learner is behind when the next step
    not done was planned for an earlier week than the current one, ahead when for a later one.
    """
    saved = dt.date.fromisoformat(record.saved)
    current = max(((today or dt.date.today()) - saved).days, 0) // 7 + 1
    pending = [s for s in record.steps if s.done is None]
    nxt = pending[0] if pending else None
    done = record.done_steps
    return Progress(
        steps_done=len(done), steps_total=len(record.steps),
        hours_done=round(sum(s.hours or 0.0 for s in done), 2),
        hours_total=round(sum(s.hours or 0.0 for s in record.steps), 2),
        unknown_length_done=sum(1 for s in done if s.hours is None),
        unknown_length_total=sum(1 for s in record.steps if s.hours is None),
        current_week=current, next_step=nxt, weeks_ahead=(nxt.week - current) if nxt else 0,
    )


def load_record(path: Path) -> LearningRecord | None:
    """The record at ``path``, or None when there is none.

    Raises:
        RecordError: the file exists but is not a readable learning record.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise RecordError(f"cannot read the learning record {path}: {exc.strerror}.") from None
    return parse_record(raw, str(path))


def parse_record(raw: bytes, name: str) -> LearningRecord:
    """A record from the bytes of a record file; :class:`RecordError` naming ``name`` otherwise."""
    fix = "Repair it, or replace it with `crowdskills plan save ... --force` or `plan import ... --force`."
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise RecordError(f"{name} is damaged: it is not UTF-8 text. {fix}") from None
    except json.JSONDecodeError as exc:
        raise RecordError(f"{name}:{exc.lineno}:{exc.colno}: the learning record is damaged "
                          f"({exc.msg}). {fix}") from None
    if not isinstance(data, dict) or data.get("crowdskills_learning_record") != RECORD_VERSION:
        raise RecordError(f"{name} is not a crowdskills learning record (version {RECORD_VERSION}). {fix}")
    try:
        steps = tuple(
            RecordStep(
                number=int(s["number"]), course_id=str(s["course_id"]), name=str(s["name"]), url=str(s["url"]),
                skills=tuple(str(x) for x in s["skills"]),
                hours=None if s.get("hours") is None else float(s["hours"]), week=int(s["week"]),
                learning_resource_type=str(s.get("learning_resource_type") or "course"),
                credential=str(s.get("credential") or "none"),
                done=Done(str(s["done"]["date"]), str(s["done"].get("note", ""))) if s.get("done") else None,
            )
            for s in data["steps"]
        )
        record = LearningRecord(saved=str(data["saved"]), profile=str(data.get("profile", "")),
                                target=dict(data["target"]), hours_per_week=float(data["hours_per_week"]),
                                steps=steps)
        dt.date.fromisoformat(record.saved)
        # JSON allows NaN, Infinity and integers of any length: none is a length in hours
        if not all(0 <= h <= 1e6 for h in (record.hours_per_week, *(s.hours or 0 for s in steps))):
            raise ValueError("an hours value is not a number from 0 to 1,000,000")
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        what = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
        raise RecordError(f"{name} is damaged ({what}). {fix}") from None
    return record


def save_record(record: LearningRecord, path: Path) -> None:
    """Write ``record`` to ``path`` atomically, creating the folder if needed."""
    from ..inputs import atomic_write

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the data folder {path.parent}: {exc.strerror}. "
                         f"Set {DATA_DIR_ENV} or --data-dir to a folder you can write.") from None
    text = json.dumps(record.to_dict(), ensure_ascii=False, indent=2) + "\n"
    atomic_write(path, text.encode("utf-8"))
