"""What a profile says it aims at: the role it names, and the words that say so.

:func:`read_goal` finds goal sentences ("I'd like to move into data work", "I want to become a QA
reviewer", "my goal is to work as a virtual assistant") and looks in the words after the cue for
a role's name or one of the phrases people use for it (a role's ``prefLabel``, ``altLabels`` and
``hiddenLabels``, compared stem by stem, so "UX/UI design" finds the UX/UI designer and
"bookkeeping" the bookkeeper). A cue that looks back ("I used to want to be a translator") or is
denied ("I don't want to become ...") states no goal.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ..matching.text import STOP_WORDS, label_variants, tokenize
from ..models import Evidence, Match, Taxonomy

_ARTICLE = r"(?:(?:an?|more|some|real|steady|paid|full[- ]time|part[- ]time|freelance|my\s+first|proper)\s+)*"
_FROM = r"(?:\s+(?:away\s+)?from\s+[^.!?\n]{1,60}?)?"
# A goal cue ends where the aim begins: "... move into | data work".
GOAL_CUE_RE = re.compile(
    r"\b(?:"
    # moving on: "move into", "transition from transcription to", "branch out into", "step up to"
    rf"(?:mov(?:e|ing)|get(?:ting)?|break(?:ing)?|transition(?:ing)?|switch(?:ing)?|pivot(?:ing)?|grow(?:ing)?|"
    rf"branch(?:ing)?\s+out|step(?:ping)?(?:\s+up)?|shift(?:ing)?|go(?:ing)?|mov(?:e|ing)\s+up){_FROM}"
    rf"\s+(?:in\s?to|to|towards?)\s+{_ARTICLE}"
    # an intent and what to do: "I'd like to work as a", "hoping to become", "want to offer"
    r"|(?:want|wanna|hope|hoping|plan|planning|would\s+like|'d\s+like|like|love|dream|aim|aiming|intend|"
    r"intending|trying|try|looking|keen|eager|ready|excited)\s+to\s+(?:become|be|work\s+as|work\s+in|do|"
    r"start\s+doing|work\s+on|offer|take\s+on|speciali[sz]e\s+in|focus\s+on|start\s+(?:a\s+career\s+)?as|"
    r"(?:earn|make)\s+[^.!?\n]{0,30}?\s(?:by|from|doing|with))"
    rf"\s+{_ARTICLE}"
    # work in view: "to get AI trainer jobs", "start landing copywriting gigs"
    r"|(?:to\s+(?:start\s+)?|start\s+)(?:get|land|find|win)(?:ting|ing)?\s+"
    r"(?=(?:[^\W_][\w/&+-]*\s+){0,4}(?:jobs?|gigs?|roles?|positions?|contracts?|clients?|projects?)\b)"
    rf"|becom(?:e|ing)\s+{_ARTICLE}"
    # a goal named as such: "my goal is to become a", "Goal: ", "next step: "
    r"|(?:(?:my|the)\s+(?:main\s+|long[- ]term\s+|next\s+|career\s+|real\s+|big\s+)?"
    r"(?:goal|aim|dream|target|ambition|objective)|next\s+step)\s*(?:is|:|would\s+be|-)?\s*"
    rf"(?:to\s+(?:become|be|work\s+as|do|get\s+into|move\s+into|start|find|land|work\s+in)\s+)?{_ARTICLE}"
    # a job in view: "land a job as", "get more clients in", "aiming for", "career in"
    r"|(?:land|get|find|win)(?:ing)?\s+" + _ARTICLE + r"(?:jobs?|roles?|positions?|gigs?|work|clients?|"
    r"contracts?|projects?)\s+(?:as|in)\s+" + _ARTICLE
    + r"|aim(?:ing)?\s+(?:for|at)\s+" + _ARTICLE + r"|apply(?:ing)?\s+for\s+" + _ARTICLE
    + r"|career\s+(?:as|in)\s+" + _ARTICLE
    + r")",
    re.IGNORECASE,
)
# Words just before a cue that take the goal back: past wishes, denials, other people's wishes.
_TAKEN_BACK_RE = re.compile(
    r"(?:\bused\s+to|\bno\s+longer|\bnever|n't|\bnot|\bstopped|\bgave\s+up|\bclients?\b|\bcustomers?\b|"
    r"\b(?:wanted|hoped|planned|meant|intended|tried|dreamed|dreamt)\s+(?:to|of)\b|\boffered|\basked|\bif\b|"
    r"\bwould\s+ever|\bsuggest|\btold\s+me|\bwhether|"
    r"\bhe\b|\bshe\b|\bthey\b|\bmy\s+(?:boss|client|friend|sister|brother|husband|wife|partner|team)\b)"
    r"[^.!?,;\n]{0,20}$",
    re.IGNORECASE,
)
# A sentence ends at . ! ? before a space, at a blank line, or at a line break before a list item or
# after a short line (a heading or list item); a long line that wraps mid-sentence goes on.
_SENTENCE_END_RE = re.compile(r"[.!?](?=\s|$)|\n(?=[ \t]*(?:\n|[-*\u2022+]\s|\d+[.)]\s))|(?<=\n)(?=[ \t]*[-*\u2022])"
                              r"|(?m:^.{0,50}$\n)")


def _sentence(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the sentence around ``pos``."""
    start = 0
    for m in _SENTENCE_END_RE.finditer(text, 0, pos):
        start = m.end()
    end_match = _SENTENCE_END_RE.search(text, pos)
    return start, (end_match.start() if end_match else len(text))


@dataclass(frozen=True)
class Goal:
    """The aim a profile states: a role (when it names one), the skills it names, and the words."""

    role_id: str | None
    evidence: tuple[Evidence, ...]
    skills: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {"role_id": self.role_id, "skills": list(self.skills),
                "evidence": [e.to_dict() for e in self.evidence]}


class RoleNames:
    """Every role's names and phrases as stem sequences, for finding them in a goal clause."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.by_stems: dict[tuple[str, ...], str] = {}
        for role in sorted(taxonomy.roles.values(), key=lambda r: r.id):
            for label in role.labels:
                for stems in label_variants(label):
                    self.by_stems.setdefault(stems, role.id)
        self.longest = max((len(s) for s in self.by_stems), default=0)

    def find(self, text: str, start: int, end: int) -> tuple[str, int, int] | None:
        """The first (then longest) role name in ``text[start:end]``: role id and its span."""
        t = tokenize(text[start:end])
        content = [i for i, stop in enumerate(t.stop) if not stop or t.stems[i] not in STOP_WORDS]
        stems = [t.stems[i] for i in content]
        for a in range(len(stems)):
            for n in range(min(self.longest, len(stems) - a), 0, -1):
                role = self.by_stems.get(tuple(stems[a:a + n]))
                if role is not None:
                    first, last = content[a], content[a + n - 1]
                    return role, start + t.starts[first], start + t.ends[last]
        return None


def read_goal(text: str, taxonomy: Taxonomy, matches: Sequence[Match] = (), *,
              names: RoleNames | None = None) -> Goal | None:
    """The goal a profile states, or None when it states none.

    The first goal sentence that names a role wins; without one, the first goal sentence that
    names skills gives those skills (the matches that fall inside it), and no role.
    """
    names = names or RoleNames(taxonomy)
    skill_goal: Goal | None = None
    for cue in GOAL_CUE_RE.finditer(text):
        sentence_start, end = _sentence(text, cue.start())
        end = max(end, cue.end())
        before = text[sentence_start:cue.start()]
        if _TAKEN_BACK_RE.search(before):
            continue
        clause_end = _clause_end(text, cue.end(), end)
        found = names.find(text, cue.end(), clause_end)
        evidence = _span(text, sentence_start, end)
        if found is not None:
            role_id, _, _ = found
            skills = tuple(m.skill_id for m in matches if any(cue.end() <= e.start < clause_end for e in m.evidence))
            return Goal(role_id, (evidence,), skills)
        if skill_goal is None:
            skills = tuple(dict.fromkeys(
                m.skill_id for m in matches if any(cue.end() <= e.start < clause_end for e in m.evidence)))
            if skills:
                skill_goal = Goal(None, (evidence,), skills)
    return skill_goal


def wish_evidence(text: str, matches: Sequence[Match], skills: Collection[str], *,
                  limit: int = 2) -> tuple[Evidence, ...]:
    """The sentences in which a profile says it wants ``skills`` (the first ``limit``, in text order)."""
    starts = sorted(m.evidence[0].start for m in matches
                    if m.status == "wanted" and m.skill_id in skills and m.evidence)
    out: list[Evidence] = []
    for pos in starts:
        if any(e.start <= pos < e.end for e in out):
            continue
        out.append(_span(text, *_sentence(text, pos)))
        if len(out) == limit:
            break
    return tuple(out)


def _span(text: str, start: int, end: int) -> Evidence:
    """The words of ``text[start:end]`` without leading list marks and surrounding spaces."""
    while start < end and text[start] in " \t-*\u2022":
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",:;"):
        end -= 1
    return Evidence(start, end, text[start:end])


_CLAUSE_BREAK_RE = re.compile(r",\s*(?:but|not|and\s+not|rather\s+than|instead\s+of)\b|\bbut\b|\binstead\s+of\b"
                              r"|\brather\s+than\b|\bnot\b", re.IGNORECASE)


def _clause_end(text: str, start: int, end: int) -> int:
    """Where the aim after a cue ends: at a contrast ("..., not graphic design")."""
    m = _CLAUSE_BREAK_RE.search(text, start, end)
    return m.start() if m else end
