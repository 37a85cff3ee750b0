"""What the text says about a skill it mentions: claimed, wanted or negated; required or optional.

Cues are read in the clause that holds the mention, before it (and, for job-post cues such as
"is a plus", after it too). Clauses end at sentence ends, semicolons, new lines, contrast
words ("but", "however") and where a new subject starts (", I ...", "and I ..."). A heading line such as "Nice to have:" or "Skills I want to learn:"
sets the status of the lines under it, up to the next blank line or heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import Tokens

PROFILE_STATUSES = ("claimed", "wanted", "negated")
JOB_STATUSES = ("required", "optional")

NEGATION_RE = re.compile(
    r"\b(?:no|not(?!\s+(?:only|just|limited))|never|without|zero|lack(?:ing)?|don'?t|do\s+not"
    r"|doesn'?t|does\s+not|haven'?t|have\s+not|hasn'?t|has\s+not|cannot|can'?t|unfamiliar"
    r"|neither|nor|none)\b",
    re.IGNORECASE,
)
WANT_RE = re.compile(
    r"\b(?:want(?:s|ed)?\s+to|would\s+(?:like|love)\s+to|i'?d\s+(?:like|love)\s+to|hop(?:e|ing)\s+to"
    r"|plan(?:ning)?\s+to|aim(?:ing)?\s+(?:to|for|at)|intend\s+to|eager\s+to|keen\s+to|looking\s+to|wish\s+to"
    r"|goal|goals|aspir\w*|interested\s+in|(?:currently\s+|now\s+)?learning|studying|enrolled\s+in"
    r"|taking\s+(?:an?\s+|the\s+)?(?:online\s+)?(?:course|class)|next\s+step|to\s+learn|to\s+improve"
    r"|to\s+get\s+into|to\s+move\s+into|to\s+pick\s+up|to\s+master)\b",
    re.IGNORECASE,
)
NEGATION_AFTER_RE = re.compile(
    r"\W{0,3}(?:(?:is|are|was|were)\s+(?:not|never)\b|(?:isn't|aren't|wasn't|weren't)\b"
    r"|\(?\s*(?:no|none|never|not\s+yet)\b)",
    re.IGNORECASE,
)
OPTIONAL_RE = re.compile(
    r"\b(?:nice[\s-]+to[\s-]+have|nice\s+if|preferred|preferably|(?:is|are|would\s+be)?\s*a\s+plus"
    r"|bonus|desirable|desired|ideally|optional|an?\s+advantage|advantageous|an?\s+asset"
    r"|good\s+to\s+have|would\s+be\s+(?:great|nice|helpful|useful)|is\s+nice|helpful\s+but\s+not\s+required|not\s+required)\b",
    re.IGNORECASE,
)
REQUIRED_RE = re.compile(
    r"\b(?:must|required|requirements?|essential|mandatory|need\s+to\s+have|you\s+(?:will\s+)?need)\b",
    re.IGNORECASE,
)
HEADING_RE = re.compile(r"^\s*(?:#{1,6}\s+.*|[^\n]{1,80}:\s*)$")
BULLET_RE = re.compile(r"^\s*(?:[-*\u2022+]|\d+[.)])\s+")

JOB_WORDS = frozenset(
    "requirement requirements responsibilities qualifications hiring seeking candidate candidates "
    "apply applicants job position budget deliverables reward hourly youll".split()
)
JOB_PAIRS = frozenset({
    ("we", "are"), ("we", "need"), ("looking", "for"), ("you", "will"), ("must", "have"),
    ("ideal", "candidate"), ("this", "hit"), ("this", "task"), ("workers", "will"), ("per", "hour"),
    ("fixed", "price"), ("our", "team"), ("our", "company"), ("our", "client"), ("our", "clients"),
    ("our", "startup"), ("our", "agency"), ("we", "want"),
})
ME_WORDS = frozenset("i im ive id my me myself".split())


def detect_kind(text: str) -> str:
    """``job`` for a job post or task description, ``profile`` otherwise."""
    from .text import tokenize

    return detect_kind_folded(tokenize(text).folded)


def detect_kind_folded(words: list[str]) -> str:
    """:func:`detect_kind` for a text's folded tokens (see :mod:`.text`)."""
    job = sum(w in JOB_WORDS for w in words)
    job += sum(pair in JOB_PAIRS for pair in zip(words, words[1:]))
    me = sum(w in ME_WORDS for w in words)
    return "job" if (job >= 2 and job * 2 >= me) or (job >= 1 and me == 0) else "profile"


CONTRAST_WORDS = frozenset("but however although though whereas except yet".split())
CLAUSE_PRONOUNS = frozenset("i im ive id my we were".split())
MAX_CLAUSE_TOKENS = 60


@dataclass
class ContextReader:
    """Status cues of one text, read once; :meth:`status` answers for any mention."""

    tokens: Tokens
    kind: str
    masks: list[tuple[int, int]]

    def __post_init__(self) -> None:
        self.text = self.tokens.text
        self._sections_read: list[tuple[int, int, str]] | None = None
        self._clause_of: dict[int, tuple[int, int]] = {}
        self._cues: dict[tuple[int, int], tuple[list[tuple[int, int]], list[tuple[int, int]], bool]] = {}

    @property
    def _sections(self) -> list[tuple[int, int, str]]:
        if self._sections_read is None:
            self._sections_read = self._read_sections()
        return self._sections_read

    def _joined(self, a: int, b: int) -> bool:
        """Whether tokens a and b = a + 1 are in one clause."""
        t = self.tokens
        gap = self.text[t.ends[a]:t.starts[b]]
        if t.segments[a] != t.segments[b] and gap.strip() != ":":
            return False
        if t.folded[a] in CONTRAST_WORDS or t.folded[b] in CONTRAST_WORDS:
            return False
        if t.folded[b] in CLAUSE_PRONOUNS and ("," in gap or t.folded[a] == "and"):
            return False
        return True

    def _clause(self, lo: int, hi: int) -> tuple[int, int]:
        """First and last token of the clause around tokens lo..hi-1 (memoised per token)."""
        known = self._clause_of.get(lo)
        if known is not None and known[1] >= hi - 1:
            return known
        t = self.tokens
        a = lo
        while a > 0 and lo - a < MAX_CLAUSE_TOKENS and self._joined(a - 1, a):
            a -= 1
        b = hi - 1
        n = len(t)
        while b + 1 < n and b - hi < MAX_CLAUSE_TOKENS and self._joined(b, b + 1):
            b += 1
        for k in range(a, b + 1):
            self._clause_of[k] = (a, b)
        return a, b

    def _clause_cues(self, a: int, b: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]], bool]:
        """Positions of negation and goal cues in a clause, and whether it has an optional cue.

        Cues inside a skill mention do not count: "machine learning" is a skill, not a wish to
        learn, while "taking an online course" is a cue although "online course" is a skill.
        """
        cached = self._cues.get((a, b))
        if cached is not None:
            return cached
        start, end = self.tokens.starts[a], self.tokens.ends[b]

        def outside(pattern: re.Pattern[str]) -> list[tuple[int, int]]:
            return [(m.start(), m.end()) for m in pattern.finditer(self.text, start, end)
                    if not any(s <= m.start() and m.end() <= e for s, e in self.masks)]

        if self.kind == "job":
            cues: tuple[list[tuple[int, int]], list[tuple[int, int]], bool] = (
                [], [], bool(outside(OPTIONAL_RE)))
        else:
            cues = (outside(NEGATION_RE), outside(WANT_RE), False)
        self._cues[(a, b)] = cues
        return cues

    def _read_sections(self) -> list[tuple[int, int, str]]:
        """(start, end, status) for the lines under a heading that carries a cue."""
        out = []
        pos = 0
        current: tuple[int, str] | None = None
        for line in self.text.splitlines(keepends=True):
            stripped = line.strip()
            if not stripped or (HEADING_RE.match(line) and not BULLET_RE.match(line)):
                if current is not None:
                    out.append((current[0], pos, current[1]))
                    current = None
                if stripped:
                    cue = self._cue(stripped, stripped, heading=True)
                    if cue is not None:
                        current = (pos + len(line), cue)
            pos += len(line)
        if current is not None:
            out.append((current[0], pos, current[1]))
        return out

    def _cue(self, before: str, after: str, *, heading: bool = False) -> str | None:
        """The status a heading line's text implies (no mentions to skip there)."""
        if self.kind == "job":
            if OPTIONAL_RE.search(before) or OPTIONAL_RE.search(after):
                return "optional"
            if heading and REQUIRED_RE.search(before):
                return "required"
            return None
        neg = _last(NEGATION_RE, before)
        want = _last(WANT_RE, before)
        if neg is None and want is None:
            return None
        if want is None or (neg is not None and neg > want):
            return "negated"
        return "wanted"

    def status(self, lo: int, hi: int) -> str:
        """The status of the mention made by tokens lo..hi-1."""
        start, end = self.tokens.starts[lo], self.tokens.ends[hi - 1]
        a, b = self._clause(lo, hi)
        negs, wants, optional = self._clause_cues(a, b)
        cue: str | None = None
        if self.kind == "job":
            if optional:
                cue = "optional"
        else:
            # the last cue that ends before the mention starts
            neg = max((c for c, e in negs if e <= start), default=None)
            want = max((c for c, e in wants if e <= start), default=None)
            if want is not None and (neg is None or want > neg):
                cue = "wanted"
            elif neg is not None or NEGATION_AFTER_RE.match(self.text, end, self.tokens.ends[b]):
                cue = "negated"
        if cue is None:
            for s, e, section_cue in self._sections:
                if s <= start < e:
                    cue = section_cue
                    break
        if cue is None:
            return "required" if self.kind == "job" else "claimed"
        return cue


def _last(pattern: re.Pattern[str], text: str) -> int | None:
    last = None
    for m in pattern.finditer(text):
        last = m.start()
    return last
