"""The safe YAML reader: every bad file gets one located problem, never a traceback."""

from __future__ import annotations

import pytest

from crowdskills.errors import ValidationError
from crowdskills.yamlio import MAX_ALIAS_EXPANSION, load_yaml, loads_yaml


def problem_of(raw: bytes) -> tuple[str, int, int, str]:
    with pytest.raises(ValidationError) as info:
        loads_yaml(raw, shown="f.yaml")
    (p,) = info.value.problems
    return p.code, p.line, p.col, p.message


def test_values_keep_their_line_and_column() -> None:
    doc = loads_yaml(b"skills:\n  - id: a\n    altLabels: [x, y]\n")
    assert doc.data == {"skills": [{"id": "a", "altLabels": ["x", "y"]}]}
    assert doc.locations.of(("skills", 0, "id")) == (2, 9)
    assert doc.locations.of(("skills", 0, "altLabels", 1)) == (3, 20)
    assert doc.locations.of(("skills", 0, "altLabels"), key=True) == (3, 5)
    # a path that is not in the file falls back to its nearest ancestor
    assert doc.locations.of(("skills", 0, "missing")) == (2, 5)


def test_syntax_error_is_located() -> None:
    code, line, col, message = problem_of(b"skills:\n  - id: [a, b\n")
    assert code == "Y003"
    assert line == 3 and col == 1
    assert "YAML syntax error" in message


def test_duplicate_key_is_rejected_with_its_position() -> None:
    code, line, col, message = problem_of(b"id: a\nprefLabel: x\nid: b\n")
    assert (code, line, col) == ("Y004", 3, 1)
    assert "duplicate key 'id'" in message


def test_nested_duplicate_key_is_rejected() -> None:
    code, line, _, _ = problem_of(b"skills:\n  - id: a\n    category: x\n    category: y\n")
    assert (code, line) == ("Y004", 4)


def test_latin1_file_is_not_utf8() -> None:
    code, line, col, message = problem_of("id: a\nprefLabel: caf\u00e9\n".encode("latin-1"))
    assert (code, line, col) == ("Y001", 2, 15)
    assert "not UTF-8" in message


def test_utf8_bom_is_accepted() -> None:
    assert loads_yaml(b"\xef\xbb\xbfid: a\n").data == {"id": "a"}


@pytest.mark.parametrize("raw", [b"", b"   \n\n", b"# only a comment\n", b"---\n"])
def test_empty_file_is_reported(raw: bytes) -> None:
    assert problem_of(raw)[0] == "Y002"


def test_billion_laughs_is_stopped() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    code, _, _, message = problem_of("\n".join(lines).encode())
    assert code == "Y005"
    assert str(MAX_ALIAS_EXPANSION) in message


def test_small_aliases_are_allowed() -> None:
    doc = loads_yaml(b"base: &b [x, y]\nother: *b\n")
    assert doc.data == {"base": ["x", "y"], "other": ["x", "y"]}


def test_recursive_alias_is_rejected() -> None:
    assert problem_of(b"a: &x\n  b: *x\n")[0] == "Y005"


def test_python_tags_are_refused() -> None:
    code, *_ = problem_of(b"a: !!python/object/apply:os.system ['echo hi']\n")
    assert code == "Y006"


def test_missing_file_and_directory_are_input_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from crowdskills.errors import InputError

    with pytest.raises(InputError, match="does not exist"):
        load_yaml(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="is a directory"):
        load_yaml(tmp_path)
