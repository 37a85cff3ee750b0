"""Gaps, course choice and learning plans (library), on the mini taxonomy and catalog."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crowdskills import SkillMatcher, load_catalogs, load_taxonomy
from crowdskills.courses import learning_plan, recommend
from crowdskills.errors import NotFoundError
from crowdskills.gaps import closest_roles, find_gaps, held_skills, role_target
from crowdskills.report import gap_report, report_markdown

from .conftest import DATA, MINI

TAX = load_taxonomy(MINI)
MATCHER = SkillMatcher().fit(TAX)
COURSES = load_catalogs(DATA / "mini_catalog", taxonomy=TAX)


def test_gaps_of_a_role_come_essential_first_then_by_importance() -> None:
    report = gap_report("I do data entry and I want to learn Python.", MATCHER, COURSES, role_id="scripter")
    assert [(g.skill_id, g.relation, g.wanted) for g in report.gaps] == [
        ("python-programming", "essential", True),
        ("proposal-writing", "essential", False),
        ("time-management", "essential", False),
        ("annotation-guidelines", "optional", False),
    ]


def test_a_skill_held_through_a_narrower_one_counts_as_held(tmp_path: Path) -> None:
    text = (MINI / "skills.yaml").read_text().replace(
        "    category: technical\n    subcategory: microwork\n",
        "    category: technical\n    subcategory: microwork\n    broader: [data-entry]\n", 1)
    (tmp_path / "skills.yaml").write_text(text)
    (tmp_path / "roles.yaml").write_text((MINI / "roles.yaml").read_text())
    tax = load_taxonomy(tmp_path)
    matches = SkillMatcher().fit(tax).match("I do image tagging.")
    assert held_skills(matches, tax) == {"image-annotation", "data-entry"}


def test_closest_roles_say_why() -> None:
    fits = closest_roles({"image-annotation", "annotation-guidelines"}, TAX)
    assert fits[0].role_id == "annotator" and fits[0].essential_held == 2
    assert fits[0].reason.startswith("you show 2 of its 3 essential skills")
    assert [f.score for f in fits] == sorted((f.score for f in fits), reverse=True)


def test_without_target_the_closest_role_is_used() -> None:
    report = gap_report("I do image tagging following the labelling guidelines.", MATCHER, COURSES)
    assert report.target.id == "annotator" and len(report.closest_roles) == 2


def test_job_post_target_uses_required_and_optional_skills() -> None:
    job = "We need someone for data entry. Python is a plus."
    report = gap_report("I manage my time well.", MATCHER, COURSES, job_text=job)
    assert report.target.kind == "job"
    assert [(g.skill_id, g.relation) for g in report.gaps] == [("data-entry", "essential"),
                                                              ("python-programming", "optional")]


def test_prerequisite_course_comes_first() -> None:
    report = gap_report("I do data entry.", MATCHER, COURSES, role_id="annotator")
    ids = [s.course_id for s in report.plan]
    assert ids.index("guidelines-101") < ids.index("image-labelling")


def test_a_prerequisite_the_learner_lacks_brings_its_own_course() -> None:
    gaps = find_gaps(role_target(TAX.role("annotator")), {"annotation-guidelines"}, set(), TAX)
    recs, _ = recommend([g for g in gaps if g.skill_id == "image-annotation"], COURSES, held=set(), taxonomy=TAX)
    assert {r.course.id: r.prerequisite_for for r in recs} == {"guidelines-101": "image-labelling",
                                                               "image-labelling": None}


def test_filters_language_length_cost_and_budget() -> None:
    gaps = find_gaps(role_target(TAX.role("scripter")), set(), set(), TAX)

    def ids(**kw: object) -> set[str]:
        recs, _ = recommend(gaps, COURSES, held=set(), taxonomy=TAX, **kw)  # type: ignore[arg-type]
        return {r.course.id for r in recs}

    assert "bids-es" not in ids(lang="en") and "bids-es" in ids(lang="es")
    assert "python-long" not in ids(max_hours=10)
    assert "python-short-paid" not in ids(free_only=True)
    assert "python-short-paid" not in ids(budget=10) and "python-short-paid" in ids(budget=30)


@pytest.mark.parametrize(
    ("changes", "free_only", "budget_10", "reason"),
    [
        # free to audit: free to learn (the certificate is paid), so it passes --free-only and any budget
        ({"price_model": "free-to-audit"}, True, True, "free to audit, certificate 30 EUR"),
        # funded for some learners: a learner cannot count on it, so its price counts
        ({"price_model": "funded"}, False, False, "funded for some learners, else 30 EUR"),
        # unknown price: never free, and no budget can promise it
        ({"price": None, "currency": None}, False, False, "price not stated"),
        ({"price": None, "currency": None, "free": True}, True, True, "free"),
    ],
)
def test_free_and_budget_follow_the_price_model(
    changes: dict[str, object], free_only: bool, budget_10: bool, reason: str
) -> None:
    course = dataclasses.replace(next(c for c in COURSES if c.id == "python-short-paid"), **changes)  # type: ignore[arg-type]
    gaps = [g for g in find_gaps(role_target(TAX.role("scripter")), set(), set(), TAX)
            if g.skill_id == "python-programming"]

    def chosen(**kw: object) -> list[str]:
        recs, _ = recommend(gaps, [course], held=set(), taxonomy=TAX, **kw)  # type: ignore[arg-type]
        return [r.reason for r in recs]

    assert bool(chosen(free_only=True)) is free_only
    assert bool(chosen(budget=10)) is budget_10
    assert chosen()[0].endswith(reason)


def test_uncovered_gaps_are_reported_not_dropped() -> None:
    report = gap_report("nothing here", MATCHER, COURSES, role_id="scripter", lang="en", free_only=True,
                        max_hours=10)
    assert {g.skill_id for g in report.uncovered} == {"proposal-writing", "time-management", "data-entry"}
    # python has a free course, but at 40 h it does not fit the 10 h plan: listed, with its hours
    assert [(o.gap.skill_id, o.hours) for o in report.over_budget] == [("python-programming", 40.0)]
    assert report.warnings and "no skills were found" in report.warnings[0]


def test_reason_says_what_a_course_covers() -> None:
    report = gap_report("I do data entry.", MATCHER, COURSES, role_id="annotator")
    rec = next(r for r in report.recommendations if r.course.id == "image-labelling")
    assert rec.reason == "covers 1 of your 3 essential gaps in 4 h, free"


def test_plan_weeks_and_prompts() -> None:
    report = gap_report("I do data entry.", MATCHER, COURSES, role_id="annotator", hours_per_week=3)
    first, second = report.plan[:2]
    assert (first.week, first.cumulative_hours, second.week, second.cumulative_hours) == (1, 2.0, 1, 6.0)
    assert first.plan and first.do and first.reflect and first.goal.startswith("By the end of week")
    md = report_markdown(report)
    assert md.startswith("# My learning plan") and "### Step 1 (week 1)" in md and "- Reflect:" in md


def test_unknown_role_names_close_ids() -> None:
    with pytest.raises(NotFoundError, match="did you mean 'annotator'"):
        gap_report("data entry", MATCHER, COURSES, role_id="anotator")


SKILLS = sorted(TAX.skills)


@settings(max_examples=60, deadline=None)
@given(held=st.sets(st.sampled_from(SKILLS)), role=st.sampled_from(sorted(TAX.roles)),
       max_hours=st.sampled_from([None, 3.0, 10.0]), free_only=st.booleans())
def test_plan_properties(held: set[str], role: str, max_hours: float | None, free_only: bool) -> None:
    gaps = find_gaps(role_target(TAX.role(role)), held, set(), TAX)
    recs, uncovered = recommend(gaps, COURSES, held=held, taxonomy=TAX, max_hours=max_hours, free_only=free_only)
    plan = learning_plan(recs, TAX)
    ids = [s.course_id for s in plan]
    assert len(ids) == len(set(ids)), "no course twice"
    position = {cid: i for i, cid in enumerate(ids)}
    by_id = {r.course.id: r.course for r in recs}
    for cid in ids:
        for need in by_id[cid].prerequisites:
            for other in ids:
                if need in {t.skill for t in by_id[other].teaches} and other != cid:
                    assert position[other] < position[cid], "prerequisites come first"
    covered = {s for r in recs for s in r.covers}
    for g in gaps:
        if g.essential:
            assert (g.skill_id in covered) != (g in uncovered), "every essential gap is covered or reported"
