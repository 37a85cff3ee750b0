"""A skills portfolio as one self-contained, accessible HTML page.

The page has inline CSS and an inline SVG chart, no script and no external resource: it opens
from disk, prints on A4 and reads on a 360 px wide phone. Colours meet WCAG AA contrast (4.5:1
for text). :func:`portfolio_html` renders the whole portfolio; :func:`plan_html` the goal, gaps
and plan alone (``crowdskills gaps --format html``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

from ..advice.courses import hours_text, price_text
from ..models import CATEGORIES, CATEGORY_LABELS, Match, Taxonomy
from .record import LearningRecord

if TYPE_CHECKING:
    from ..advice import GapReport

#: The page's colours; tests compute their contrast from the rendered page.
INK = "#1a1a1a"
MUTED = "#4d4d4d"
LINK = "#0b57a4"
BAR = "#1f5fa8"
TAG_BG = "#e6eef8"
TAG_INK = "#0b3d75"
MARK_BG = "#fff1a6"
RULE = "#c8c8c8"

CSS = f"""
*, *::before, *::after {{ box-sizing: border-box; }}
html {{ color: {INK}; background: #ffffff; font: 100%/1.5 system-ui, -apple-system, "Segoe UI", Roboto,
  "Noto Sans", "DejaVu Sans", sans-serif; -webkit-text-size-adjust: 100%; }}
body {{ margin: 0 auto; max-width: 48rem; padding: 1rem; overflow-wrap: anywhere; }}
h1 {{ font-size: 1.6rem; line-height: 1.2; margin: 0 0 .25rem; }}
h2 {{ font-size: 1.3rem; margin: 2rem 0 .5rem; padding-top: .5rem; border-top: 2px solid {RULE}; }}
h3 {{ font-size: 1.05rem; margin: 1.25rem 0 .25rem; }}
a {{ color: {LINK}; }}
p, li {{ max-width: 70ch; }}
ul, ol {{ padding-left: 1.25rem; }}
li {{ margin: .35rem 0; }}
.meta, .small {{ color: {MUTED}; font-size: .9rem; }}
.tag {{ display: inline-block; background: {TAG_BG}; color: {TAG_INK}; border-radius: .25rem;
  padding: 0 .35rem; font-size: .85rem; }}
mark {{ background: {MARK_BG}; color: {INK}; }}
q {{ font-style: italic; }}
figure {{ margin: 1rem 0; }}
figure svg {{ width: 100%; max-width: 24rem; height: auto; display: block; }}
figcaption {{ color: {MUTED}; font-size: .9rem; }}
.steps > li {{ border-left: 3px solid {BAR}; padding-left: .6rem; list-style-position: outside; }}
dl {{ display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0 .75rem; margin: .25rem 0; }}
dt {{ color: {MUTED}; }} dd {{ margin: 0; }}
footer {{ margin-top: 2.5rem; border-top: 1px solid {RULE}; padding-top: .5rem; }}
@page {{ size: A4; margin: 15mm; }}
@media print {{
  html {{ font-size: 10.5pt; }}
  body {{ max-width: none; padding: 0; }}
  h2, h3 {{ break-after: avoid; }}
  li, figure, dl {{ break-inside: avoid; }}
  a[href^="http"]::after {{ content: " <" attr(href) ">"; color: {MUTED}; font-size: .85em; }}
}}
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _link(url: str, text: str) -> str:
    return f'<a href="{_e(url)}">{_e(text)}</a>'


def _document(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


#: Where a quoted sentence ends: . ! ? before a space, a blank line, or the start of a list item.
_BOUNDARY = re.compile(r"[.!?](?=\s|$)|\n\s*\n|\n\s*[-*•]\s")


def snippet_html(text: str, start: int, end: int, *, width: int = 90) -> str:
    """The sentence around ``text[start:end]`` (at most ``width`` characters each side), escaped,
    with the evidence itself in ``<mark>``."""
    lo = max(0, start - width)
    lefts = [m.end() for m in _BOUNDARY.finditer(text, lo, start)]
    a = lefts[-1] if lefts else lo
    right = _BOUNDARY.search(text, end, min(len(text), end + width))
    b = (right.start() + (1 if text[right.start()] in ".!?" else 0)) if right else min(len(text), end + width)
    before, after = " ".join(text[a:start].split()), " ".join(text[end:b].split())
    lead = "… " if not lefts and a > 0 else ""
    tail = " …" if right is None and b < len(text) else ""
    pad_l = " " if before and text[start - 1:start].isspace() else ""
    pad_r = " " if after and text[end:end + 1].isspace() else ""
    return (f"{lead}{_e(before)}{pad_l}<mark>{_e(' '.join(text[start:end].split()))}</mark>"
            f"{pad_r}{_e(after)}{tail}")


def _esco_links(skill_id: str, taxonomy: Taxonomy) -> str:
    skill = taxonomy.skills.get(skill_id)
    if skill is None:
        return ""
    uris = [c.id for c in skill.crosswalk if c.scheme == "esco" and c.match in ("exact", "close")]
    return " ".join(_link(u, "ESCO") for u in uris[:1])


def skill_counts(skills: Iterable[tuple[str, str]]) -> dict[str, int]:
    """How many of ``(skill_id, category)`` pairs fall in each CrowdLearn category (all ten, in order)."""
    counts = dict.fromkeys(CATEGORIES, 0)
    for _, category in skills:
        counts[category] = counts.get(category, 0) + 1
    return counts


def chart_svg(counts: dict[str, int]) -> str:
    """A horizontal bar chart of skills per category, with a title and description for screen readers."""
    row, width, label_w = 44, 400, 40
    top = max(counts.values()) or 1
    parts = []
    for i, (cat, n) in enumerate(counts.items()):
        y = i * row
        bar = round((width - label_w) * n / top) if n else 0
        parts.append(
            f'<text x="0" y="{y + 16}" font-size="15" fill="{INK}">{_e(CATEGORY_LABELS.get(cat, cat))}</text>'
            f'<rect x="0" y="{y + 22}" width="{max(bar, 2)}" height="14" fill="{BAR}"/>'
            f'<text x="{max(bar, 2) + 6}" y="{y + 35}" font-size="15" fill="{INK}">{n}</text>'
        )
    desc = "; ".join(f"{CATEGORY_LABELS.get(c, c)}: {n}" for c, n in counts.items())
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {row * len(counts)}" role="img" '
        'aria-labelledby="chart-title chart-desc">'
        '<title id="chart-title">Skills per CrowdLearn category</title>'
        f'<desc id="chart-desc">Number of skills in each category: {_e(desc)}.</desc>'
        + "".join(parts) + "</svg>"
    )


def portfolio_skills(report: GapReport, taxonomy: Taxonomy, learned: Sequence[str]) -> list[tuple[str, str]]:
    """``(skill id, category)`` of the skills a portfolio lists: those the profile shows, then those learned."""
    shown = [(m.skill_id, m.category) for m in report.detected if m.status == "claimed"]
    seen = {sid for sid, _ in shown}
    extra = [(sid, taxonomy.skills[sid].category) for sid in sorted(learned)
             if sid not in seen and sid in taxonomy.skills]
    return shown + extra


def _skills_section(report: GapReport, text: str, taxonomy: Taxonomy, record: LearningRecord | None) -> str:
    learned = sorted(record.learned_skills()) if record else []
    skills = portfolio_skills(report, taxonomy, learned)
    out = ['<section id="skills" aria-labelledby="skills-h">\n<h2 id="skills-h">Skills</h2>\n']
    if not skills:
        out.append("<p>No skills were found in this profile. Describe the tasks you do and the tools you use "
                   "in a few sentences, then make the page again.</p>\n</section>\n")
        return "".join(out)
    counts = skill_counts(skills)
    summary = ", ".join(f"{n} {CATEGORY_LABELS[c]}" for c, n in counts.items() if n)
    out.append(f"<figure>{chart_svg(counts)}<figcaption>{len(skills)} skills by CrowdLearn category: "
               f"{_e(summary)}.</figcaption></figure>\n")
    matches: dict[str, Match] = {m.skill_id: m for m in report.detected if m.status == "claimed"}
    for cat in CATEGORIES:
        ids = [sid for sid, c in skills if c == cat]
        if not ids:
            continue
        out.append(f"<h3>{_e(CATEGORY_LABELS[cat].capitalize())}</h3>\n<ul>\n")
        for sid in ids:
            m = matches.get(sid)
            label = m.label if m else taxonomy.skills[sid].pref_label
            if m and m.evidence:
                ev = m.evidence[0]
                how = f"shown by the profile: <q>{snippet_html(text, ev.start, ev.end)}</q>"
            else:
                how = '<span class="tag">learned</span> from a completed step of the learning record'
            esco = _esco_links(sid, taxonomy)
            out.append(f"<li><strong>{_e(label)}</strong>: {how}{' ' + esco if esco else ''}</li>\n")
        out.append("</ul>\n")
    out.append("</section>\n")
    return "".join(out)


#: A role counts as shown by a profile when it holds at least this share of the role's essential skills.
ROLE_SHOWN = 0.5


def shown_roles(report: GapReport) -> list[tuple[str, str]]:
    """``(role id, label)`` of the roles a profile shows: its closest roles (``current_roles``)
    holding at least :data:`ROLE_SHOWN` of their essential skills."""
    return [(f.role_id, f.label) for f in report.current_roles
            if f.essential_total and f.essential_held / f.essential_total >= ROLE_SHOWN]


def _goal_section(report: GapReport, current: Sequence[str]) -> str:
    out = ['<section id="goal" aria-labelledby="goal-h">\n<h2 id="goal-h">Roles and goal</h2>\n']
    if current:
        out.append("<p>Roles this profile shows: " + _e(", ".join(current)) + ".</p>\n")
    t = report.target
    goal = f"the role <strong>{_e(t.label)}</strong>" if t.kind == "role" else "<strong>the job post</strong>"
    out.append(f"<p>Goal: {goal}.")
    reason = t.reason
    if reason:
        out.append(f" {_e(str(reason)[:1].upper() + str(reason)[1:])}.")
    out.append("</p>\n")
    if t.goal_evidence:
        out.append("<p>In the profile's words: " + "; ".join(
            f"<q>{_e(' '.join(e.text.split()))}</q>" for e in t.goal_evidence) + "</p>\n")
    if report.current_roles:
        out.append("<h3>Closest roles now</h3>\n<ul>\n" + "".join(
            f"<li><strong>{_e(f.label)}</strong>: {_e(f.reason)}.</li>\n" for f in report.current_roles) + "</ul>\n")
    wanted = [m.label for m in report.detected if m.status == "wanted"]
    if wanted:
        out.append(f"<p>Wants to learn: {_e(', '.join(wanted))}.</p>\n")
    out.append("</section>\n")
    return "".join(out)


def _plan_section(report: GapReport, record: LearningRecord | None) -> str:
    courses = {r.course.id: r.course for r in report.recommendations}
    done = {s.course_id: s.done for s in record.steps if s.done} if record else {}
    out = ['<section id="plan" aria-labelledby="plan-h">\n<h2 id="plan-h">Gaps and learning plan</h2>\n']
    if not report.gaps:
        out.append("<p>No gaps: the profile shows every skill of the goal.</p>\n")
    else:
        out.append(f"<h3>Skills to add ({len(report.gaps)})</h3>\n<ul>\n")
        for g in report.gaps:
            flags = [g.relation] + (["wanted"] if g.wanted else [])
            names = ", ".join(r.course.name for r in report.courses_for(g.skill_id))
            note = report.cover_note(g.skill_id)
            names = "; ".join(x for x in (names, note) if x) or "no course yet"
            out.append(f"<li><strong>{_e(g.label)}</strong> <span class=\"small\">({_e(', '.join(flags))})"
                       f"</span>: {_e(names)}</li>\n")
        out.append("</ul>\n")
    if report.plan:
        n = len(report.plan)
        length = report.hours_summary() if report.total_hours else "length not stated"
        out.append(f"<h3>Plan: {n} step{'s' if n != 1 else ''}, {_e(length)}</h3>\n<ol class=\"steps\">\n")
        for s in report.plan:
            c = courses.get(s.course_id)
            rows = [("When", s.weeks_text.capitalize()), ("Length", hours_text(s.hours)), ("Kind", s.kind)]
            if c is not None:
                rows += [("Provider", c.provider), ("Credential", c.credential), ("Cost", price_text(c))]
            rows.append(("Goal", s.goal))
            finished = done.get(s.course_id)
            if finished:
                rows.append(("Done", finished.date))
            dl = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows)
            out.append(f"<li>{_link(s.url, s.name)}<dl>{dl}</dl></li>\n")
        out.append("</ol>\n")
    elif report.gaps:
        out.append("<p>No course in the catalogs covers these gaps yet.</p>\n")
    if report.over_budget:
        out.append("<p>Not in the plan (over your limits): " + _e("; ".join(
            f"{o.gap.label} ('{o.course.name}' would add {hours_text(o.hours)})" for o in report.over_budget))
            + ".</p>\n")
    if report.uncovered:
        out.append("<p>No course covers yet: " + _e(", ".join(g.label for g in report.uncovered)) + ".</p>\n")
    out.append("</section>\n")
    return "".join(out)


def _learning_section(record: LearningRecord | None) -> str:
    out = ['<section id="learning" aria-labelledby="learning-h">\n<h2 id="learning-h">Completed learning</h2>\n']
    steps = record.done_steps if record else ()
    if not steps:
        out.append("<p>No completed learning recorded yet. Keep a plan with <code>crowdskills plan save</code> "
                   "and mark steps with <code>crowdskills plan done</code>.</p>\n</section>\n")
        return "".join(out)
    out.append("<ul>\n")
    for s in steps:
        length = "length not stated" if s.hours is None else f"{s.hours:g} h"
        note = f"<br>Reflection: <q>{_e(s.done.note)}</q>" if s.done and s.done.note else ""
        when = s.done.date if s.done else ""
        out.append(f"<li>{_link(s.url, s.name)} <span class=\"small\">(done {_e(when)}, {_e(length)}, "
                   f"{_e(s.learning_resource_type)})</span>{note}</li>\n")
    out.append("</ul>\n</section>\n")
    return "".join(out)


def _footer(today: dt.date, source: str | None) -> str:
    where = f" from {_e(source)}" if source else ""
    return (f'<footer class="small"><p>Made with crowdskills on {today.isoformat()}{where}. Skills are read from '
            "the text by software and may be incomplete. This service uses the ESCO classification of the "
            "European Commission.</p></footer>\n")


def portfolio_html(
    report: GapReport,
    *,
    text: str,
    taxonomy: Taxonomy,
    record: LearningRecord | None = None,
    person: str | None = None,
    source: str | None = None,
    today: dt.date | None = None,
) -> str:
    """The whole portfolio page: skills with evidence and ESCO links, goal, gaps and plan, learning done."""
    when = today or dt.date.today()
    title = f"Skills portfolio of {person}" if person else "Skills portfolio"
    current = [label for _, label in shown_roles(report)]
    body = (f"<header>\n<h1>{_e(title)}</h1>\n<p class=\"meta\">Skills, goal and learning plan, "
            f"{when.isoformat()}.</p>\n</header>\n<main>\n"
            + _skills_section(report, text, taxonomy, record) + _goal_section(report, current)
            + _plan_section(report, record) + _learning_section(record) + "</main>\n" + _footer(when, source))
    return _document(title, body)


def plan_html(report: GapReport, *, record: LearningRecord | None = None, today: dt.date | None = None) -> str:
    """The goal, gaps and learning plan alone, as a page (``gaps --format html``)."""
    when = today or dt.date.today()
    current = [label for _, label in shown_roles(report)]
    body = ("<header>\n<h1>My learning plan</h1>\n</header>\n<main>\n" + _goal_section(report, current)
            + _plan_section(report, record) + "</main>\n" + _footer(when, None))
    return _document("My learning plan", body)
