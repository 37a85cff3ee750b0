"""Advice that fits the person: the goal a profile states, relevant courses, honest hours (issue 12)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crowdskills import load_taxonomy
from crowdskills.advice import choose_courses, find_gaps, learning_plan, read_goal
from crowdskills.advice.courses import hours_text
from crowdskills.advice.gaps import Gap, RoleFit, choose_target, implied_role
from crowdskills.models import Course, CourseSkill, Taxonomy

from .conftest import MINI

TAX = load_taxonomy(MINI)
SHIPPED = load_taxonomy()


def course(cid: str, teaches: dict[str, int], hours: float | None = 2.0, *, prereq: tuple[str, ...] = (),
           kind: str = "course", provider: str = "Example Academy", level: str | None = None,
           price: float | None = None) -> Course:
    """A fictional course for the rules below."""
    return Course(
        id=cid, name=cid.replace("-", " ").title(), provider=provider, url=f"https://example.org/{cid}",
        description="test", teaches=tuple(CourseSkill(s, lv) for s, lv in teaches.items()),
        time_required=None, hours=hours, in_language=("en",), educational_level=level,
        price=price, currency="EUR" if price else None, free=price is None, prerequisites=prereq,
        learning_resource_type=kind,
    )


def gap(sid: str, *, relation: str = "essential", level: int = 2, importance: int = 3, wanted: bool = False) -> Gap:
    s = TAX.skills[sid]
    return Gap(sid, s.pref_label, s.category, relation, importance, level, wanted)


# --- goals ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "role"), [
    ("I want to move into UX/UI design, not graphic design.", "ux-ui-designer"),
    ("My goal is to work as a virtual assistant for small agencies.", "virtual-assistant"),
    ("Hoping to transition from transcription to translation work", "translator"),
    ("Looking to land a job as an SEO specialist within a year.", "seo-specialist"),
    ("I don't want to do data entry forever, I want to get into bookkeeping.", "bookkeeper"),
    ("Next step: social media manager roles.", "social-media-manager"),
    ("My dream is to become a video editor!", "video-editor"),
    ("I'd like to work as a web developer, building sites for local shops.", "web-developer"),
])
def test_goal_sentences_name_the_role(text: str, role: str) -> None:
    goal = read_goal(text, SHIPPED)
    assert goal is not None and goal.role_id == role
    ev = goal.evidence[0]
    assert text[ev.start:ev.end] == ev.text and ev.text in text


@pytest.mark.parametrize("text", [
    "I used to want to be a translator, but now I love data entry.",
    "My client wants a logo designer for her bakery.",
    "I work as a data entry clerk on Clickworker.",
    "I never wanted to become a video editor.",
    "I type fast and follow guidelines.",
])
def test_no_goal_from_past_wishes_other_people_or_current_work(text: str) -> None:
    goal = read_goal(text, SHIPPED)
    assert goal is None or goal.role_id is None


def test_goal_role_is_the_target_and_the_reason_quotes_it() -> None:
    goal = read_goal("I tag images. I'd like to move into scripting work as an automation scripter.", TAX)
    assert goal is not None and goal.role_id == "scripter"
    fits = [RoleFit("annotator", "image data annotator", 0.6, 1, 3, "r")]
    target = choose_target({"image-annotation"}, {"python-programming"}, goal, TAX, fits)
    assert target.id == "scripter"
    assert target.reason.startswith("because you wrote 'I'd like to move into scripting work")
    assert "and want Python programming" in target.reason
    assert target.goal_evidence == goal.evidence


def test_wanted_skills_imply_the_role_that_needs_them() -> None:
    fits = [RoleFit("annotator", "image data annotator", 0.6, 1, 3, "r")]
    target = choose_target({"image-annotation"}, {"python-programming"}, None, TAX, fits)
    assert target.id == "scripter" and "you want Python programming, which it needs" in target.reason


def test_implied_role_prefers_the_next_roles_of_the_current_one() -> None:
    # time management is essential in both roles: the annotator's next role wins the tie
    fits = [RoleFit("annotator", "image data annotator", 0.5, 1, 3, "r")]
    assert implied_role({"time-management"}, TAX, fits=fits) == "scripter"
    # without a current role, the tie goes to the better fit, then the id
    assert implied_role({"time-management"}, TAX) == "annotator"


def test_without_any_aim_the_closest_role_is_the_target() -> None:
    fits = [RoleFit("annotator", "image data annotator", 0.6, 1, 3, "you show 1 of its 3 essential skills")]
    target = choose_target({"image-annotation"}, set(), None, TAX, fits)
    assert target.id == "annotator" and "states no aim" in target.reason


def test_wanted_skills_come_first_and_own_goals_are_kept() -> None:
    role = TAX.roles["annotator"]
    from crowdskills.advice import role_target

    gaps = find_gaps(role_target(role), set(), {"time-management", "python-programming"}, TAX)
    assert gaps[0].skill_id == "time-management" and gaps[0].wanted
    own = [g for g in gaps if g.own_goal]
    assert [g.skill_id for g in own] == ["python-programming"] and gaps[-1].own_goal


# --- courses -------------------------------------------------------------------------------------

def test_a_course_reaching_the_needed_level_beats_a_shorter_one_that_does_not() -> None:
    courses = [course("py-basics", {"python-programming": 1}, 3), course("py-full", {"python-programming": 2}, 20)]
    choice = choose_courses([gap("python-programming", level=2)], courses, held=set(), taxonomy=TAX)
    assert [r.course.id for r in choice.recommendations] == ["py-full"]
    assert choice.recommendations[0].partly("python-programming") is None


def test_partial_cover_is_said() -> None:
    courses = [course("py-basics", {"python-programming": 1}, 3)]
    choice = choose_courses([gap("python-programming", level=3)], courses, held=set(), taxonomy=TAX)
    assert choice.recommendations[0].partly("python-programming") == \
        "partly: teaches level 1 of the 3 this role needs"


def test_a_course_whose_prerequisites_are_held_is_preferred() -> None:
    courses = [course("tm-advanced", {"time-management": 2}, 1, prereq=("python-programming",)),
               course("tm-basic", {"time-management": 2}, 3),
               course("py", {"python-programming": 2}, 10)]
    choice = choose_courses([gap("time-management")], courses, held=set(), taxonomy=TAX)
    assert [r.course.id for r in choice.recommendations] == ["tm-basic"] and not choice.warnings


def test_a_prerequisite_course_is_added_first_only_when_needed_and_its_cost_is_said() -> None:
    courses = [course("tm-advanced", {"time-management": 2}, 1, prereq=("python-programming",)),
               course("py", {"python-programming": 2}, 10)]
    choice = choose_courses([gap("time-management")], courses, held=set(), taxonomy=TAX)
    assert [r.course.id for r in choice.recommendations] == ["py", "tm-advanced"]
    assert choice.recommendations[0].prerequisite_for == "tm-advanced"
    assert any("takes longer than the course itself" in w for w in choice.warnings)
    plan = learning_plan(choice.recommendations, TAX)
    assert [s.course_id for s in plan] == ["py", "tm-advanced"]


def test_platform_guides_go_to_that_platforms_workers_or_when_nothing_else_covers() -> None:
    courses = [course("prolific-bids", {"proposal-writing": 2}, 0.5, kind="guide", provider="Prolific"),
               course("bids-course", {"proposal-writing": 2}, 3)]
    g = [gap("proposal-writing")]
    other = choose_courses(g, courses, held=set(), taxonomy=TAX, context="I work on MTurk.")
    assert [r.course.id for r in other.recommendations] == ["bids-course"]
    own = choose_courses(g, courses, held=set(), taxonomy=TAX, context="I take studies on Prolific daily.")
    assert [r.course.id for r in own.recommendations] == ["prolific-bids"]
    only = choose_courses(g, courses[:1], held=set(), taxonomy=TAX, context="I work on MTurk.")
    assert [r.course.id for r in only.recommendations] == ["prolific-bids"]
    assert only.recommendations[0].reason.startswith("a guide: covers")


def test_beginners_courses_first_for_a_learner_new_to_the_area() -> None:
    courses = [course("img-pro", {"image-annotation": 2}, 2, level="intermediate"),
               course("img-start", {"image-annotation": 2}, 3, level="beginner")]
    new = choose_courses([gap("image-annotation")], courses, held=set(), taxonomy=TAX)
    assert [r.course.id for r in new.recommendations] == ["img-start"]
    # someone who already follows annotation guidelines (a related skill) gets the shorter course
    known = choose_courses([gap("image-annotation")], courses, held={"annotation-guidelines"}, taxonomy=TAX)
    assert [r.course.id for r in known.recommendations] == ["img-pro"]


def test_max_hours_is_a_budget_for_the_whole_plan_in_priority_order() -> None:
    courses = [course("tm", {"time-management": 2}, 4), course("py", {"python-programming": 2}, 8),
               course("de", {"data-entry": 2}, 3)]
    gaps = [gap("data-entry", relation="optional", importance=5), gap("python-programming", importance=2),
            gap("time-management", importance=4)]
    choice = choose_courses(gaps, courses, held=set(), taxonomy=TAX, max_hours=10)
    assert [r.course.id for r in choice.recommendations] == ["tm", "de"]  # essential first, then what fits
    assert [(o.gap.skill_id, o.hours) for o in choice.over_budget] == [("python-programming", 8.0)]
    assert "over your 10 h for the plan" in choice.over_budget[0].why


def test_unknown_length_is_never_given_hours() -> None:
    courses = [course("tm", {"time-management": 2}, None), course("py", {"python-programming": 2}, 4)]
    gaps = [gap("time-management"), gap("python-programming")]
    free = choose_courses(gaps, courses, held=set(), taxonomy=TAX)
    plan = learning_plan(free.recommendations, TAX, hours_per_week=2)
    tm = next(s for s in plan if s.course_id == "tm")
    assert tm.hours is None and tm.weeks_text.startswith("from week") and tm.goal.startswith("When you finish it")
    assert plan[-1].cumulative_hours == 4.0
    capped = choose_courses(gaps, courses, held=set(), taxonomy=TAX, max_hours=10)
    assert [r.course.id for r in capped.recommendations] == ["py"]
    assert capped.over_budget[0].gap.skill_id == "time-management" and capped.over_budget[0].hours is None
    assert any("--include-unknown-length" in w for w in capped.warnings)
    opted = choose_courses(gaps, courses, held=set(), taxonomy=TAX, max_hours=10, include_unknown_length=True)
    assert {r.course.id for r in opted.recommendations} == {"py", "tm"}
    assert any("may take the plan over 10 h" in w for w in opted.warnings)


def test_budget_is_for_money_across_the_plan() -> None:
    courses = [course("tm", {"time-management": 2}, 2, price=30), course("py", {"python-programming": 2}, 2, price=30)]
    choice = choose_courses([gap("time-management", importance=5), gap("python-programming")], courses,
                            held=set(), taxonomy=TAX, budget=40)
    assert [r.course.id for r in choice.recommendations] == ["tm"]
    assert choice.over_budget[0].why == "over your budget of 40"


@pytest.mark.parametrize(("hours", "text"), [(1.16667, "1 h"), (3.43333, "3.5 h"), (0.3333, "20 min"),
                                             (None, "length not stated"), (12, "12 h")])
def test_hours_are_rounded_as_people_say_them(hours: float | None, text: str) -> None:
    assert hours_text(hours) == text


def test_week_numbers_and_goals_agree() -> None:
    courses = [course(f"c{i}", {sid: 2}, h) for i, (sid, h) in
               enumerate([("time-management", 3), ("python-programming", 4), ("data-entry", 1)])]
    gaps = [gap("time-management", importance=5), gap("python-programming", importance=4), gap("data-entry")]
    plan = learning_plan(choose_courses(gaps, courses, held=set(), taxonomy=TAX).recommendations, TAX,
                         hours_per_week=2)
    for s in plan:
        last = re.search(r"weeks? (?:\d+-)?(\d+)", s.weeks_text)
        assert last and s.goal.startswith(f"By the end of week {last.group(1)}:")
    assert [s.weeks_text for s in plan] == ["weeks 1-2", "weeks 2-4", "week 4"]


def test_goals_come_from_the_skills_outcome() -> None:
    import dataclasses

    skills = dict(TAX.skills)
    skills["python-programming"] = dataclasses.replace(
        skills["python-programming"], outcome="write a short Python script that renames a folder of files")
    tax = Taxonomy(skills, TAX.roles)
    plan = learning_plan(choose_courses([gap("python-programming")], [course("py", {"python-programming": 2}, 2)],
                                        held=set(), taxonomy=tax).recommendations, tax)
    assert plan[0].goal == "By the end of week 1: write a short Python script that renames a folder of files."
    assert "Can you now write a short Python script" in plan[0].reflect


# --- properties ----------------------------------------------------------------------------------

SKILL_IDS = sorted(TAX.skills)


@st.composite
def catalogs(draw: st.DrawFn) -> list[Course]:
    n = draw(st.integers(1, 8))
    out = []
    for i in range(n):
        teaches = draw(st.dictionaries(st.sampled_from(SKILL_IDS), st.integers(1, 4), min_size=1, max_size=3))
        hours = draw(st.one_of(st.none(), st.floats(0.1, 40)))
        price = draw(st.one_of(st.none(), st.floats(1, 100)))
        prereq = tuple(draw(st.lists(st.sampled_from(SKILL_IDS), max_size=2, unique=True)))
        out.append(course(f"c{i}", teaches, hours, price=price, prereq=prereq,
                          kind=draw(st.sampled_from(["course", "guide"]))))
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs(), st.lists(st.sampled_from(SKILL_IDS), min_size=1, max_size=6, unique=True),
       st.one_of(st.none(), st.floats(0.5, 30)), st.one_of(st.none(), st.floats(0, 80)), st.booleans())
def test_plans_keep_the_budget_and_account_for_every_gap(
    courses: list[Course], gap_ids: list[str], max_hours: float | None, budget: float | None, unknown: bool,
) -> None:
    gaps = [gap(s, relation="essential" if i % 2 else "optional", importance=1 + i % 5)
            for i, s in enumerate(gap_ids)]
    choice = choose_courses(gaps, courses, held=set(), taxonomy=TAX, max_hours=max_hours, budget=budget,
                            include_unknown_length=unknown)
    recs = choice.recommendations
    ids = [r.course.id for r in recs]
    assert len(ids) == len(set(ids)), "a course appears twice"
    if max_hours is not None:
        assert sum(r.course.hours or 0 for r in recs) <= max_hours + 1e-6
        if not unknown:
            assert all(r.course.hours is not None for r in recs)
    if budget is not None:
        assert sum(0 if r.course.is_free else (r.course.price or 0) for r in recs) <= budget + 1e-6
    planned = {s for r in recs for s in r.covers}
    over = {o.gap.skill_id for o in choice.over_budget}
    none = {g.skill_id for g in choice.uncovered}
    for g in gaps:
        assert (g.skill_id in planned) + (g.skill_id in over) + (g.skill_id in none) == 1, g.skill_id
    plan = learning_plan(recs, TAX)
    position = {s.course_id: i for i, s in enumerate(plan)}
    for r in recs:
        if r.prerequisite_for:
            assert position[r.course.id] < position[r.prerequisite_for], "a prerequisite comes after its course"


def test_a_skill_built_on_a_wanted_one_counts_as_wanted() -> None:
    from crowdskills.advice import role_target

    # image annotation has following guidelines as its prerequisite
    gaps = find_gaps(role_target(TAX.roles["annotator"]), set(), {"annotation-guidelines"}, TAX)
    by_id = {g.skill_id: g for g in gaps}
    assert by_id["image-annotation"].wanted and by_id["annotation-guidelines"].wanted
    assert not by_id["time-management"].wanted
