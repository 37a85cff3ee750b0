"""What the text says about a skill it mentions: claimed, wanted or negated; required or optional.

Cues are read in the clause that holds the mention: before it for goals and negations ("I want
to learn SQL", "no experience with Figma"), right after it for "X is not something I do", and
anywhere in it for job-post cues ("Figma is a plus"). Clauses end at sentence ends, semicolons,
list items, contrast words ("but", "however") and where a new subject starts (", I ...",
"and I ..."). A heading line such as "Nice to have:" or "Skills I want to learn:" sets the
status of the lines under it, up to the next blank line or heading. In a job post, a negation
("no Canva templates", "SQL not needed") marks the skill negated, and the matcher leaves it out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import ne, or_

from .text import Tokens

PROFILE_STATUSES = ("claimed", "wanted", "negated")
JOB_STATUSES = ("required", "optional")

# Each cue pattern starts with a look-ahead for the first letters its alternatives can start
# with: a no-op for what matches, but Python's re then skips most word starts at once, which
# halves the time these patterns take.
NEGATION_RE = re.compile(
    r"\b(?=[nwzldhcu])(?:no|not(?!\s+(?:only|just|limited))|never|without|zero|lack(?:ing)?|don'?t|do\s+not"
    r"|doesn'?t|does\s+not|haven'?t|have\s+not|hasn'?t|has\s+not|cannot|can'?t|unfamiliar"
    r"|neither|nor|none)\b",
    re.IGNORECASE,
)
WANT_RE = re.compile(
    r"\b(?=[wihpaeklgcnstdfm])(?:want(?:s|ed)?\s+to|would\s+(?:like|love)\s+to|i'?d\s+(?:like|love)\s+to|hop(?:e|ing)\s+to"
    r"|plan(?:ning)?\s+to|aim(?:ing)?\s+(?:to|for|at)|intend\s+to|eager\s+to|keen\s+to|looking\s+to|wish\s+to"
    r"|goal|goals|aspir\w*|interested\s+in|(?:currently\s+|now\s+)?learning|studying|enrolled\s+in"
    r"|(?:taking|started|starting|doing|following)\s+(?:an?\s+|the\s+|my\s+)?(?:[\w-]+\s+){0,3}?(?:course|class|bootcamp)"
    r"|my\s+plan|next\s+step|to\s+learn|to\s+improve"
    r"|to\s+get\s+into|to\s+move\s+into|to\s+pick\s+up|to\s+master)\b",
    re.IGNORECASE,
)
# How the token after a mention starts when NEGATION_AFTER_RE can match there.
NEGATION_AFTER_FIRST = ("is", "are", "was", "were", "no", "never")
NEGATION_AFTER_RE = re.compile(
    r"\W{0,3}(?:(?:is|are|was|were)\s+(?:not|never)\b|(?:isn't|aren't|wasn't|weren't)\b"
    r"|\(?\s*(?:no|none|never|not\s+yet)\b(?!\s+[a-z])|\s*(?:is\s+|are\s+)?not\s+(?:needed|necessary|wanted)\b)",
    re.IGNORECASE,
)
OPTIONAL_RE = re.compile(
    r"\b(?=[npiawbdogh\s])(?:nice[\s-]+to[\s-]+have|nice\s+if|preferred|preferably|(?:is|are|would\s+be)?\s*a\s+plus"
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

#: Words of job posts and task descriptions: headings, hiring words, the people a task is for.
JOB_WORDS = frozenset(
    "requirement requirements responsibilities qualifications duties hiring seeking candidate "
    "candidates apply applicants position budget deliverables reward hourly youll wanted needed "
    "required preferred desirable expected salary compensation tolokers toloker workers annotators "
    "participants turkers job positions task application".split()
)
#: Word pairs of job posts; a client who writes "I need" or "my website" is still posting a job.
JOB_PAIRS = frozenset({
    ("we", "are"), ("we", "need"), ("looking", "for"), ("you", "will"), ("must", "have"),
    ("ideal", "candidate"), ("this", "hit"), ("this", "task"), ("workers", "will"), ("per", "hour"),
    ("fixed", "price"), ("our", "team"), ("our", "company"), ("our", "client"), ("our", "clients"),
    ("our", "startup"), ("our", "agency"), ("we", "want"), ("we", "offer"), ("your", "tasks"),
    ("your", "profile"), ("the", "role"), ("a", "plus"), ("an", "advantage"), ("nice", "to"),
    ("need", "someone"), ("must", "be"), ("per", "week"), ("date", "posted"), ("you", "should"),
    ("you", "have"), ("you", "are"), ("the", "task"), ("this", "project"), ("your", "role"),
})
#: Verbs that open an instruction ("Draw a box around ...", "Translate our website ...").
IMPERATIVES = frozenset(
    "draw select classify transcribe provide write rate rank label listen look read answer choose "
    "find tag mark click translate perform extract record take type compare collect identify "
    "determine describe search enter categorize categorise annotate review evaluate check verify "
    "summarize summarise paraphrase watch highlight segment outline build design create develop "
    "manage plan handle set need do execute report convert edit proofread test".split()
)
ME_WORDS = frozenset(["i", "im", "ive", "id", "my", "me", "myself"])
#: What follows "I" when a client, not a worker, is writing ("I need", "I'm looking for").
CLIENT_AFTER_I = frozenset(["need", "want", "require", "am", "m"])


@dataclass(frozen=True)
class KindGuess:
    """The kind a text is read as, and the wording that decided it."""

    kind: str
    reason: str


def detect_kind(text: str) -> str:
    """``job`` for a job post or task description, ``profile`` otherwise."""
    return guess_kind(text).kind


def guess_kind(text: str) -> KindGuess:
    """:func:`detect_kind` with the reason: the job and first-person wording counted."""
    from .text import tokenize

    return guess_kind_tokens(tokenize(text))


def detect_kind_tokens(toks: Tokens) -> str:
    """:func:`detect_kind` for a tokenised text: the counts of :func:`guess_kind_tokens`, in C loops."""
    words = toks.folded
    job = sum(map(JOB_WORDS.__contains__, words)) + sum(map(JOB_PAIRS.__contains__, zip(words, words[1:])))
    me = sum(map(ME_WORDS.__contains__, words))
    if (job >= 2 and job * 2 >= me) or (job >= 1 and me == 0):
        return "job"  # more wording below can only add to job
    if me >= 4 and me > 2 * (job + len(set(toks.segments))):
        return "profile"  # even an instruction opening every sentence could not outweigh it
    # the rest of guess_kind_tokens' wording, counted without building its reason
    text = toks.text
    job += sum(map(IMPERATIVES.__contains__, _openers(toks)))
    if "(" in text:
        job += len(_GENDER_TAG_RE.findall(text))
    job += len(_ROLE_FOR_RE.findall(text[:200]))
    client = _client_words(words)
    job += client.count("need")
    me -= len(client)
    if me == 0:
        job += sum(map(WE_WORDS.__contains__, words))
    return "job" if (job >= 2 and job * 2 >= me) or (job >= 1 and me == 0) else "profile"


def _client_words(words: Sequence[str]) -> list[str]:
    """What follows each "I" where a client, not a worker, is writing ("I need", "I'm looking")."""
    n = len(words)
    return [words[k + 1] for k in compress(range(n - 1), map("i".__eq__, words))
            if words[k + 1] in CLIENT_AFTER_I and (k + 2 >= n or words[k + 2] != "to")]


def guess_kind_tokens(toks: Tokens) -> KindGuess:
    """:func:`guess_kind` for a tokenised text."""
    words, text = toks.folded, toks.text
    found: list[str] = [w for w in words if w in JOB_WORDS]
    found += [" ".join(p) for p in zip(words, words[1:]) if p in JOB_PAIRS]
    found += [f"{w.capitalize()} ..." for w in _openers(toks) if w in IMPERATIVES]
    if "(" in text:
        found += [m.group() for m in _GENDER_TAG_RE.finditer(text)]
    found += [m.group(1) + " " + m.group(2) for m in _ROLE_FOR_RE.finditer(text[:200])]
    client = _client_words(words)
    found += [f"i {b}" for b in client if b == "need"]
    me = sum(map(ME_WORDS.__contains__, words)) - len(client)
    if me == 0:  # a company speaking ("we specialise in"), not a worker
        found += [w for w in words if w in WE_WORDS]
    job = len(found)
    if (job >= 2 and job * 2 >= me) or (job >= 1 and me == 0):
        shown = ", ".join(dict.fromkeys(found[:4]))
        return KindGuess("job", f"job-post wording ({job}): {shown}")
    if me:
        return KindGuess("profile", f"first person ({me} times) outweighs job-post wording ({job})")
    return KindGuess("profile", "no job-post wording")


def _openers(toks: Tokens) -> list[str]:
    """The first word of each sentence, line, or clause after a colon (instructions open with a verb)."""
    segs, gaps, words = toks.segments, toks.gaps, toks.folded
    if not words:
        return []
    new_segment = map(ne, segs[1:], segs[:-1])
    after_colon = map(str.__contains__, gaps[1:len(words)], repeat(":"))
    return [words[0], *compress(words[1:], map(or_, new_segment, after_colon))]


#: The gender tag of a European job title: "(m/f/d)", "(f/m/x)", "(m/w/d)".
_GENDER_TAG_RE = re.compile(r"\((?:[mfwdx]{1,2}/){1,3}[mfwdx]{1,2}\)", re.IGNORECASE)
WE_WORDS = frozenset(["we", "our", "us"])
#: A title that names the worker wanted and the job: "Email marketing specialist to set up ...".
_ROLE_FOR_RE = re.compile(
    r"\b(specialist|assistant|developer|designer|writer|tester|drafter|engineer|manager|editor|translator|"
    r"expert|freelancer|analyst|agent|bookkeeper|copywriter|marketer|illustrator|animator)s?\s+"
    r"(to|needed)\b", re.IGNORECASE)


# Words that occur in every cue of the patterns above; the patterns run only near them.
NEGATION_TRIGGERS = frozenset(
    "no not never without zero lack lacking dont doesnt haven havent hasnt cannot cant "
    "unfamiliar neither nor none".split()
)
WANT_TRIGGERS = frozenset(
    "want wants wanted like love hope hoping plan planning aim aiming intend eager keen "
    "looking wish goal goals aspire aspiring aspiration aspirations interested learning "
    "studying enrolled taking started starting doing following plan next learn improve get move pick "
    "master".split()
)
OPTIONAL_TRIGGERS = frozenset(
    "nice preferred preferably plus bonus desirable desired ideally optional advantage "
    "advantageous asset good would helpful not".split()
)
CUE_REACH = 40

CONTRAST_WORDS = frozenset(["but", "however", "although", "though", "whereas", "except", "yet"])
CLAUSE_PRONOUNS = frozenset(["i", "im", "ive", "id", "my", "we", "were"])


@dataclass
class ContextReader:
    """Status cues of one text, read once; :meth:`status` answers for any mention."""

    tokens: Tokens
    kind: str
    masks: list[tuple[int, int]]

    def __post_init__(self) -> None:
        self.text = self.tokens.text
        self._sections_read: list[tuple[int, int, str]] | None = None
        self._starts: list[int] | None = None
        self._n = len(self.tokens)
        self._held = "required" if self.kind == "job" else "claimed"
        self._masks = sorted(self.masks)
        self._mask_starts = [s for s, _ in self._masks]
        t = self.tokens
        if self.kind == "job":
            self._optional = self._outside_masks(OPTIONAL_RE, OPTIONAL_TRIGGERS)
            self._negs: list[tuple[int, int]] = self._outside_masks(NEGATION_RE, NEGATION_TRIGGERS)
            self._wants: list[tuple[int, int]] = []
        else:
            self._optional = []
            self._negs = self._outside_masks(NEGATION_RE, NEGATION_TRIGGERS)
            self._wants = self._outside_masks(WANT_RE, WANT_TRIGGERS)
        self._neg_ends = [e for _, e in self._negs]
        self._want_ends = [e for _, e in self._wants]
        self._any_cue = bool(self._optional or self._negs or self._wants) or ":" in t.text or "#" in t.text

    def _outside_masks(self, pattern: re.Pattern[str], triggers: frozenset[str]) -> list[tuple[int, int]]:
        """(start, end) of every cue that is not inside a skill mention.

        The pattern is only run in short windows around words that can start or end a cue,
        which keeps long texts cheap. "machine learning" is a skill, not a wish to learn;
        "taking an online course" is a cue although "online course" is a skill too.
        """
        t = self.tokens
        if triggers.isdisjoint(t.folded):
            return []
        hits = list(compress(range(len(t.folded)), map(triggers.__contains__, t.folded)))
        windows: list[list[int]] = []
        for k in hits:
            a, b = max(0, t.starts[k] - CUE_REACH), t.ends[k] + CUE_REACH
            if windows and a <= windows[-1][1]:
                windows[-1][1] = b
            else:
                windows.append([a, b])
        out = []
        masks = self._masks
        mask_starts = self._mask_starts
        for a, b in windows:
            for m in pattern.finditer(self.text, a, min(b, len(self.text))):
                s0, e0 = m.span()
                # mentions never overlap: only the last one starting by s0 can hold the cue
                k = bisect_right(mask_starts, s0)
                if not (k and e0 <= masks[k - 1][1]):
                    out.append((s0, e0))
        return out

    @property
    def _sections(self) -> list[tuple[int, int, str]]:
        if self._sections_read is None:
            self._sections_read = self._read_sections()
        return self._sections_read

    def _clause_starts(self) -> list[int]:
        """The sorted indices of the tokens that start a clause (computed once per text).

        A clause starts at a new segment (unless the segment ended with a colon), at or after a
        contrast word, and at "I"/"my"/"we" after a comma or "and". Only the few tokens that
        can start one are looked at, so long texts stay cheap.
        """
        if self._starts is None:
            t = self.tokens
            n = len(t)
            gaps, segs, folded = t.gaps, t.segments, t.folded
            starts = {0}
            for b in compress(range(1, n), map(ne, segs[1:], segs[:-1])):
                if gaps[b].strip() != ":":
                    starts.add(b)
            for b in compress(range(n), map(CONTRAST_WORDS.__contains__, folded)):
                starts.add(b)
                if b + 1 < n:
                    starts.add(b + 1)
            for b in compress(range(1, n), map(CLAUSE_PRONOUNS.__contains__, folded[1:])):
                if "," in gaps[b] or folded[b - 1] == "and":
                    starts.add(b)
            self._starts = sorted(starts)
        return self._starts

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
                    # only the heading's last sentence speaks for the lines under it:
                    # "... so you don't have to. What I can do for you:"
                    last = re.split(r"(?<=[.!?])\s+", stripped)[-1]
                    cue = self._cue(last, last, heading=True)
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
        if not self._any_cue:
            return self._held
        t = self.tokens
        n = self._n
        start = t.starts[lo]
        clause_starts = self._starts or self._clause_starts()
        first = clause_starts[bisect_right(clause_starts, lo) - 1]
        after = bisect_right(clause_starts, hi - 1)
        last = clause_starts[after] - 1 if after < len(clause_starts) else n - 1
        c_start = t.starts[first]
        # "SQL is not needed", "Figma (none yet)": only worth a look when a word that can
        # start such a cue follows the mention
        negated_after = hi < n and t.folded[hi].startswith(NEGATION_AFTER_FIRST) and bool(
            NEGATION_AFTER_RE.match(self.text, t.ends[hi - 1], t.ends[last]))
        cue: str | None = None
        negs = self._negs
        # the last negation in the clause that ends before the mention starts
        k = bisect_right(self._neg_ends, start) if negs else 0
        neg = negs[k - 1][0] if k and negs[k - 1][0] >= c_start else None
        if self.kind == "job":
            c_end = t.ends[last]
            if self._optional and any(c_start <= s and e <= c_end for s, e in self._optional):
                cue = "optional"
            elif neg is not None or negated_after:
                cue = "negated"  # "no Canva templates", "SQL not needed": not asked for
        else:
            wants = self._wants
            k = bisect_right(self._want_ends, start) if wants else 0
            want = wants[k - 1][0] if k and wants[k - 1][0] >= c_start else None
            if want is not None and (neg is None or want > neg):
                cue = "wanted"
            elif neg is not None or negated_after:
                cue = "negated"
        if cue is None:
            sections = self._sections_read if self._sections_read is not None else self._sections
            for s, e, section_cue in sections:
                if s <= start < e:
                    return section_cue
            return self._held
        return cue


def _last(pattern: re.Pattern[str], text: str) -> int | None:
    last = None
    for m in pattern.finditer(text):
        last = m.start()
    return last
