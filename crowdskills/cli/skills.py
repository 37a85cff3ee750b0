"""``crowdskills skills``: the skills a text shows, with evidence and status."""

from __future__ import annotations

from typing import Annotated

import typer

from . import _output as out
from ._common import Kind, MatchFormat, TaxonomyOption, get_matcher


def skills(
    source: Annotated[str, typer.Argument(
        metavar="TEXT|FILE|-|URL", help="The text itself, a .txt/.md/.html file, - for stdin, or a URL.",
    )],
    kind: Annotated[Kind, typer.Option(
        "--kind", "-k", case_sensitive=False,
        help="profile (claimed/wanted/negated), job (required/optional), or auto.",
    )] = Kind.auto,
    min_score: Annotated[float, typer.Option(
        "--min-score", min=0.0, max=1.0, help="Hide matches scoring below this.",
    )] = 0.5,
    format: Annotated[MatchFormat, typer.Option(
        "--format", "-f", help="Output format.", case_sensitive=False,
    )] = MatchFormat.table,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", min=1, help="Refuse files larger than this.",
    )] = 5 * 1024 * 1024,
    taxonomy: TaxonomyOption = None,
) -> None:
    """Show the skills a profile, job post or task description mentions.

    Each skill comes with its category, a score in [0, 1], its status (claimed, wanted or
    negated in a profile; required or optional in a job post) and the words that show it.

    Example: crowdskills skills "I tag images and transcribe audio on MTurk"
    """
    from ..inputs import read_source

    src = read_source(source, max_bytes=max_bytes)
    for w in src.warnings:
        out.warn(w)
    matcher = get_matcher(taxonomy, min_score=min_score)
    from ..matching import detect_language, guess_kind

    if kind is Kind.auto:
        guess = guess_kind(src.text)
        used_kind, kind_reason = guess.kind, guess.reason
    else:
        used_kind, kind_reason = kind.value, "--kind option"
    language = detect_language(src.text)
    if language != "en":
        out.warn(f"{src.name} looks like text in '{language}', not English: skills named in sentences "
                 "whose wording crowdskills cannot read are left out.")
    matches = matcher.match(src.text, kind=used_kind)
    about = {"kind": used_kind, "kind_reason": kind_reason, "language": language}
    if format is MatchFormat.json:
        out.write_json([{**m.to_dict(), **about} for m in matches])
    elif format is MatchFormat.jsonl:
        out.write_jsonl({**m.to_dict(), **about} for m in matches)
    elif format is MatchFormat.csv:
        out.write_csv(
            ["skill_id", "label", "category", "score", "status", "methods", "evidence"],
            [[m.skill_id, m.label, m.category, m.score, m.status, list(m.methods),
              [e.text for e in m.evidence]] for m in matches],
        )
    elif format is MatchFormat.markdown:
        out.write_markdown_table(
            ["skill", "category", "score", "status", "evidence"],
            [[f"{m.label} (`{m.skill_id}`)", m.category, m.score, m.status,
              "; ".join(f"“{e.text}”" for e in m.evidence)] for m in matches],
        )
    else:
        if not matches:
            out.note(f"No skills found in {src.name}.")
            return
        out.print_table(
            ["skill", "category", "score", "status", "evidence"],
            [[f"{m.label}\n{m.skill_id}", m.category, m.score, m.status,
              out.highlighted(src.text, m.evidence[0].start, m.evidence[0].end)] for m in matches],
            caption=f"{len(matches)} skills in {src.name} (read as a {used_kind})",
        )
