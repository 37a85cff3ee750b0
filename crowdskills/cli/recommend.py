"""``crowdskills recommend``: short courses for skills you name."""

from __future__ import annotations

from typing import Annotated

import typer

from . import _output as out
from ._common import (
    BudgetOption,
    CatalogOption,
    FreeOnlyOption,
    LangOption,
    ListFormat,
    ListFormatOption,
    MaxHoursOption,
    TaxonomyOption,
    get_taxonomy,
    load_courses,
)


def recommend(
    skills: Annotated[list[str], typer.Argument(metavar="SKILL...", help="Skill ids or labels, typos welcome.")],
    lang: LangOption = None,
    max_hours: MaxHoursOption = None,
    free_only: FreeOnlyOption = False,
    budget: BudgetOption = None,
    format: ListFormatOption = ListFormat.table,
    taxonomy: TaxonomyOption = None,
    catalog: CatalogOption = None,
) -> None:
    """Recommend short courses that teach the skills you name.

    Example: crowdskills recommend "pivot tables" sql --free-only
    """
    from ..advice import Gap
    from ..advice import recommend as choose
    from ..search import resolve_skill

    tax = get_taxonomy(taxonomy)
    wanted = list(dict.fromkeys(resolve_skill(tax, s).id for s in skills))
    gaps = [Gap(sid, tax.skills[sid].pref_label, tax.skills[sid].category, "essential", 3, 2, True) for sid in wanted]
    recs, uncovered = choose(gaps, load_courses(catalog, tax), held=set(), taxonomy=tax, lang=lang,
                             max_hours=max_hours, free_only=free_only, budget=budget)
    if format is ListFormat.json:
        out.write_json({"skills": wanted, "courses": [r.to_dict() for r in recs],
                        "uncovered": [g.skill_id for g in uncovered]})
        return
    covers = [[tax.skills[s].pref_label for s in r.covers] for r in recs]
    if format is ListFormat.csv:
        out.write_csv(["course", "provider", "kind", "credential", "covers", "reason", "url"],
                      [[r.course.name, r.course.provider, r.course.learning_resource_type, r.course.credential, c,
                        r.reason, r.course.url] for r, c in zip(recs, covers)])
        return
    if recs:  # URLs go on lines of their own: a table cell would break them
        out.print_table(["#", "course", "provider", "kind", "covers", "why"],
                        [[i, r.course.name, r.course.provider, r.course.kind, c, r.reason]
                         for i, (r, c) in enumerate(zip(recs, covers), 1)])
        for i, r in enumerate(recs, 1):
            out.print_text(f"{i}. {r.course.name}")
            out.print_url(r.course.url, indent="   ")
    if uncovered:
        out.print_text("No course covers yet: " + ", ".join(g.label for g in uncovered) + ".")
