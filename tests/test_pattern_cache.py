"""Regular expressions compiled from the per-user cache are the ones ``re`` compiles itself; the
cache file is private, written only when a pattern was missing, and a damaged, foreign or
planted file is never trusted."""

from __future__ import annotations

import marshal
import os
import re
import stat
from pathlib import Path

import pytest

from fiscallint.pattern_cache import kept_patterns

PATTERNS = [
    (r"(?P<year>(?:19|20)\d\d)\s*年度?[\u4e00-\u9fff]{0,6}(?:决算|预算)", 0),
    (r"^\s*[（(][一二三四五六七八九十]+[)）]\s*(?P<name>\S+?)\s*$", re.MULTILINE),
    (r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(万元|元|%)", 0),
    (rb"stream\r?\n", re.IGNORECASE),
]


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("FISCALLINT_NO_CACHE", raising=False)
    return tmp_path / "cache" / "fiscallint"


def compiled() -> list[re.Pattern]:
    re.purge()  # else re answers from its own in-process cache
    with kept_patterns():
        return [re.compile(p, f) for p, f in PATTERNS]


def pattern_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("patterns-*.marshal"))


def test_cached_patterns_equal_res_own_and_match_alike(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = compiled()
    (path,) = pattern_files(cache_home)
    assert stat.S_IMODE(os.lstat(path).st_mode) & 0o077 == 0
    # the second time nothing is parsed: every pattern comes from the file
    from re import _parser

    def no_parse(*_args: object) -> None:
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(_parser, "parse", no_parse)
    second = compiled()
    monkeypatch.undo()
    re.purge()
    own = [re.compile(p, f) for p, f in PATTERNS]
    assert first == second == own
    text = "2024年度部门决算（三）一般公共预算 1,234.56万元"
    for ours, theirs in zip(second[:3], own[:3]):
        assert [m.groupdict() or m.groups() for m in ours.finditer(text)] == [
            m.groupdict() or m.groups() for m in theirs.finditer(text)
        ]
    assert second[1].groupindex == own[1].groupindex == {"name": 1}


def test_the_file_is_written_only_when_a_pattern_was_missing(cache_home: Path) -> None:
    compiled()
    (path,) = pattern_files(cache_home)
    written = path.stat().st_mtime_ns
    os.utime(path, ns=(written - 10**9, written - 10**9))
    compiled()
    assert path.stat().st_mtime_ns == written - 10**9  # all found: not rewritten


@pytest.mark.parametrize(
    "content",
    [
        b"not marshal at all",
        marshal.dumps(["a", "list"]),
        marshal.dumps({("x", 0): (0, b"\x01\x02", 0, {}, ())}),  # invalid engine code for x
        marshal.dumps({(PATTERNS[0][0], 0): (0, b"\x01\x00\x00\x00", 0, {}, ())}),  # wrong code for a real pattern
    ],
)
def test_a_damaged_file_is_not_trusted_and_is_replaced(cache_home: Path, content: bytes) -> None:
    compiled()
    (path,) = pattern_files(cache_home)
    path.write_bytes(content)
    re.purge()
    assert compiled() == [re.compile(p, f) for p, f in PATTERNS] == compiled()
    assert pattern_files(cache_home) == [path] and path.read_bytes() != content


def test_a_group_writable_or_linked_file_is_not_read(cache_home: Path, tmp_path: Path) -> None:
    compiled()
    (path,) = pattern_files(cache_home)
    planted = tmp_path / "planted"
    wrong = marshal.dumps({(PATTERNS[0][0], 0): (0, b"\x01\x00\x00\x00", 0, {}, ())})
    planted.write_bytes(wrong)
    path.unlink()
    path.symlink_to(planted)
    assert compiled()[0] == re.compile(*PATTERNS[0])
    assert planted.read_bytes() == wrong and not path.is_symlink()  # the link replaced, not followed
    path.unlink()
    compiled()
    path.chmod(0o664)  # every pattern is in it, but others could have written it
    assert compiled() == [re.compile(p, f) for p, f in PATTERNS]
    assert stat.S_IMODE(os.lstat(path).st_mode) & 0o077 == 0  # not read: replaced by a private one


def test_no_cache_folder_means_no_file(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FISCALLINT_NO_CACHE", "1")
    assert compiled() == [re.compile(p, f) for p, f in PATTERNS]
    assert not cache_home.exists() or not pattern_files(cache_home)


def test_re_is_restored_after_the_block(cache_home: Path) -> None:
    from re import _compiler

    before = _compiler.compile
    with pytest.raises(KeyError), kept_patterns():
        raise KeyError("inside")
    assert _compiler.compile is before
