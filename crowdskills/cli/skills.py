"""``crowdskills skills``: the skills a text shows, with evidence and status."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from . import _output as out
from ._common import Kind, MatchFormat, TaxonomyOption, get_matcher, parse_lang_option, warn_unread

if TYPE_CHECKING:
    from ..models import Match

_LOCAL_FORMATS = (MatchFormat.table, MatchFormat.markdown)


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
    lang: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--lang", help="Show skill labels in this language where the taxonomy has them, e.g. es "
        "[default: the text's language].")] = None,
) -> None:
    """Show the skills a profile, job post or task description mentions.

    Each skill comes with its category, a score in [0, 1], its status (claimed, wanted or
    negated in a profile; required or optional in a job post) and the words that show it.
    English, Spanish and French text is read; labels are shown in the text's language.

    Example: crowdskills skills "I tag images and transcribe audio on MTurk"
    """
    from ..inputs import read_source

    src = read_source(source, max_bytes=max_bytes)
    for w in src.warnings:
        out.warn(w)
    langs = parse_lang_option(lang)
    matcher = get_matcher(taxonomy, min_score=min_score)
    from ..matching.languages import guess_text_kind

    text_lang, guess = guess_text_kind(src.text)
    if kind is not Kind.auto:
        used_kind, kind_reason = kind.value, "--kind option"
    else:
        used_kind, kind_reason = guess.kind, guess.reason
    warn_unread(src.text)
    matches = matcher.match(src.text, kind=used_kind)
    reader = langs or (text_lang,)
    local = {m.skill_id: matcher.taxonomy_.skills[m.skill_id].label_in(*reader) for m in matches}
    if reader[0] != "en":  # labels in the reader's language; JSON keeps the English ones beside
        matches = [replace(m, label=local[m.skill_id]) if format in _LOCAL_FORMATS else m for m in matches]
    about = {"kind": used_kind, "kind_reason": kind_reason, "language": text_lang}

    def as_dict(m: Match) -> dict[str, object]:
        d = {**m.to_dict(), **about}
        if reader[0] != "en":
            d["label_local"] = local[m.skill_id]
        return d

    if format is MatchFormat.json:
        out.write_json([as_dict(m) for m in matches])
    elif format is MatchFormat.jsonl:
        out.write_jsonl(as_dict(m) for m in matches)
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
