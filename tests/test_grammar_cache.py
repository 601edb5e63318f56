"""The built grammars are cached per user, and the cache (a pickle) is only ever read from a
private folder and file: a planted or foreign file is neither read nor replaced, and any
unusable cache location silently falls back to building the parser."""

from __future__ import annotations

import os
import pickle
import stat
from pathlib import Path

import pytest

from fiscallint.parser import grammar_files
from fiscallint.parser.grammar_files import build_parser, cache_folder

OPTIONS = {"parser": "lalr", "lexer": "contextual", "propagate_positions": False}
SENTENCE = "支出合计500.00万元"


def parsed(parser) -> str:
    try:
        return parser.parse(SENTENCE).pretty()
    except Exception as exc:  # the grammar may not accept the sentence: compare the errors then
        return type(exc).__name__


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "fiscallint"


def cached_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith("claims-"))


def test_first_build_stores_a_private_cache_and_the_second_reads_it(cache_home: Path) -> None:
    first = build_parser("claims.lark", **OPTIONS)
    (path,) = cached_files(cache_home)
    assert stat.S_IMODE(cache_home.stat().st_mode) == 0o700
    assert not path.stat().st_mode & 0o077 and not [p for p in cache_home.iterdir() if p.suffix == ".tmp"]
    stamp = path.stat().st_mtime_ns
    second = build_parser("claims.lark", **OPTIONS)
    assert path.stat().st_mtime_ns == stamp  # read, not rebuilt
    assert parsed(first) == parsed(second)


class Planted:
    """A pickle that, if ever loaded, leaves a marker file behind."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


@pytest.mark.parametrize("how", ["group-writable", "symlink"])
def test_a_planted_cache_file_is_never_unpickled(cache_home: Path, tmp_path: Path, how: str) -> None:
    build_parser("claims.lark", **OPTIONS)
    (path,) = cached_files(cache_home)
    header = path.read_bytes().split(b"\n", 1)[0]
    marker = tmp_path / "unpickled"
    payload = header + b"\n" + pickle.dumps(Planted(marker))
    path.unlink()
    if how == "symlink":
        elsewhere = tmp_path / "elsewhere.lark"
        elsewhere.write_bytes(payload)
        path.symlink_to(elsewhere)
    else:
        path.write_bytes(payload)
        path.chmod(0o664)
    assert parsed(build_parser("claims.lark", **OPTIONS)) == parsed(build_parser("claims.lark", **OPTIONS))
    assert not marker.exists()
    assert (path.is_symlink() if how == "symlink" else path.read_bytes() == payload)  # not replaced either


def test_a_shared_cache_folder_is_not_used(cache_home: Path) -> None:
    cache_home.mkdir(parents=True)
    cache_home.chmod(0o777)
    assert cache_folder() is None
    build_parser("claims.lark", **OPTIONS)
    assert list(cache_home.iterdir()) == []


@pytest.mark.parametrize("setting", ["relative/cache", "FILE"])
def test_unusable_cache_location_falls_back_silently(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd, setting: str) -> None:
    if setting == "FILE":
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("x", encoding="utf-8")
        setting = str(blocker)
    monkeypatch.setenv("XDG_CACHE_HOME", setting)
    assert cache_folder() is None
    assert parsed(build_parser("claims.lark", **OPTIONS)) == parsed(grammar_files_uncached())
    assert capfd.readouterr().err == ""


def grammar_files_uncached():
    from lark import Lark

    return Lark(grammar_files.grammar_text("claims.lark"), **OPTIONS)


def test_the_cache_can_be_turned_off(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FISCALLINT_NO_CACHE", "1")
    build_parser("claims.lark", **OPTIONS)
    assert not cache_home.exists()


def test_the_cache_key_changes_with_the_options(cache_home: Path) -> None:
    build_parser("claims.lark", **OPTIONS)
    build_parser("claims.lark", **{**OPTIONS, "propagate_positions": True})
    assert len(cached_files(cache_home)) == 2
    assert os.access(cache_home, os.W_OK)
