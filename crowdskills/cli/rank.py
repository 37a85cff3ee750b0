"""``crowdskills rank``: the best skills of the taxonomy for each sentence of a text."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from . import _output as out
from ._common import TaxonomyOption, get_matcher


class RankFormat(str, enum.Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def rank(
    source: Annotated[str, typer.Argument(
        metavar="TEXT|FILE|-|URL", help="The text itself, a .txt/.md/.html file, - for stdin, or a URL.",
    )],
    top_k: Annotated[int, typer.Option("--top-k", "-n", min=1, help="Skills to show per sentence.")] = 5,
    format: Annotated[RankFormat, typer.Option(
        "--format", "-f", help="Output format.", case_sensitive=False,
    )] = RankFormat.table,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", min=1, help="Refuse files larger than this.",
    )] = 5 * 1024 * 1024,
    taxonomy: TaxonomyOption = None,
) -> None:
    """Rank every skill of the taxonomy for each sentence of a text; show the best.

    Unlike `skills`, this also ranks skills a sentence only comes close to (a paraphrase, a
    related tool), each with a score in [0, 1] and the words of the sentence that show it. A
    text is cut into sentences at line breaks and sentence ends; for a corpus of documents
    use `crowdskills batch --task rank`. With an ESCO taxonomy (`taxonomy import-esco`) it
    ranks all of ESCO's skills, several hundred sentences a second.

    Example: crowdskills rank "Experience with React and REST APIs" --taxonomy esco/ --top-k 3
    """
    from ..inputs import read_source
    from ..matching.ranking import sentences

    src = read_source(source, max_bytes=max_bytes)
    for w in src.warnings:
        out.warn(w)
    matcher = get_matcher(taxonomy)
    spans = sentences(src.text)
    if not spans:
        from ..errors import InputError

        raise InputError(f"{src.name} has no words to rank skills for.")
    results = ((n, src.text[a:b], matcher.rank(src.text[a:b], top_k=top_k)) for n, (a, b) in enumerate(spans, 1))
    if format is RankFormat.jsonl:
        out.write_jsonl({"sentence": n, "text": text, "skills": [r.to_dict() for r in ranked]}
                        for n, text, ranked in results)
    elif format is RankFormat.json:
        out.write_json([{"sentence": n, "text": text, "skills": [r.to_dict() for r in ranked]}
                        for n, text, ranked in results])
    elif format is RankFormat.csv:
        out.write_csv(
            ["sentence", "rank", "skill_id", "label", "score", "detected", "chars", "words", "labels", "related",
             "evidence"],
            ([n, k, r.skill_id, r.label, r.score, r.detected, r.chars, r.words, r.labels, r.related, r.evidence]
             for n, _, ranked in results for k, r in enumerate(ranked, 1)),
        )
    else:
        out.print_table(
            ["#", "sentence", "skill", "score", "evidence"],
            [[n if k == 1 else "", text if k == 1 else "", f"{r.label}\n{r.skill_id}",
              r.score, r.evidence] for n, text, ranked in results for k, r in enumerate(ranked, 1)],
            caption=f"{len(spans)} sentences of {src.name}, the {top_k} best skills of each",
        )
