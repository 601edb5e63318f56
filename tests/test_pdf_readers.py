"""How a PDF is read across processes: the watchdog's work started before its result is
wanted, pages shared by two reader processes (page_split.py), the reader's process group
killed whole, and PDFium's functions declared the way pypdfium2's bindings declare them."""

from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from fiscallint.errors import InputError
from fiscallint.pdf import page_split
from fiscallint.pdf.model import PageContent, TextLine
from fiscallint.pdf.page_split import read_all
from fiscallint.pdf.pdfium_calls import SIGNATURES
from fiscallint.pdf.watchdog import start_bounded

pytestmark = pytest.mark.slow  # forks reader processes

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="the readers are forked processes")


def _page(index: int, pause: float = 0.0) -> PageContent:
    if pause:
        time.sleep(pause)
    page = PageContent(index + 1, 600.0, 800.0, char_count=1)
    page.items = [TextLine(f"page {index + 1} read by {os.getpid()}", (0.0, 0.0, 1.0, 1.0), 10.0)]
    return page


def _reader(pause: float = 0.0, failing: frozenset[int] = frozenset()) -> page_split.PageReader:
    def pages_of(indices: Iterable[int]) -> Iterator[PageContent]:
        for index in indices:
            if index in failing:
                raise InputError(f"page {index + 1} cannot be read")
            yield _page(index, pause)

    return pages_of


def _never(_index: int) -> None:
    pass


def _two_cores_and_a_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two cores, and a helper forked at the first look at the pace (after the first page)."""
    monkeypatch.setattr(page_split, "_cores", lambda: 2)
    monkeypatch.setattr(page_split, "worth_a_helper", lambda *_: True)


# pages in two processes


@needs_fork
def test_pages_come_back_in_order_from_both_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    _two_cores_and_a_helper(monkeypatch)
    pages = read_all(12, _reader(pause=0.05), _never)
    assert [p.number for p in pages] == list(range(1, 13))
    readers = {p.items[0].text.rsplit(" ", 1)[1] for p in pages}
    assert str(os.getpid()) in readers and len(readers) == 2  # the helper read some


@needs_fork
@pytest.mark.parametrize("failing", [frozenset({3, 7}), frozenset({7, 3, 8}), frozenset({0}), frozenset({11})])
def test_the_first_failing_page_is_reported_whichever_process_read_it(
    monkeypatch: pytest.MonkeyPatch, failing: frozenset[int]
) -> None:
    _two_cores_and_a_helper(monkeypatch)
    for _ in range(3):
        with pytest.raises(InputError, match=f"^page {min(failing) + 1} cannot be read$"):
            read_all(12, _reader(pause=0.01, failing=failing), _never)


@needs_fork
def test_a_short_reading_forks_no_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page_split, "_cores", lambda: 2)
    judged: list[tuple[int, int]] = []
    decide = page_split.worth_a_helper

    def worth(cpu: float, wall: float, read: int, left: int) -> bool:
        judged.append((read, left))
        return decide(cpu, wall, read, left)

    monkeypatch.setattr(page_split, "worth_a_helper", worth)
    pages = read_all(12, _reader(), _never)
    assert {p.items[0].text.rsplit(" ", 1)[1] for p in pages} == {str(os.getpid())}
    assert judged == [(n, 12 - n) for n in range(1, 13)]  # judged after every page


def test_a_refused_fork_leaves_the_reader_reading_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    _two_cores_and_a_helper(monkeypatch)
    forks: list[int] = []

    def refused() -> int:
        forks.append(1)
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(page_split.os, "fork", refused)
    pages = read_all(8, _reader(), _never)
    assert [p.number for p in pages] == list(range(1, 9)) and forks == [1]  # tried once


@pytest.mark.parametrize(
    ("cpu", "wall", "read", "left", "worth"),
    [
        (0.01, 0.01, 1, 500, False),  # too early to judge the pace
        (0.06, 0.06, 10, 20, False),  # what is left takes 0.12 s
        (0.06, 0.06, 10, 40, True),  # what is left takes 0.24 s
        (0.06, 0.12, 10, 40, False),  # the reader has had half a core: the other is busy
        (0.06, 0.07, 10, 40, True),
    ],
)
def test_a_helper_is_worth_it_for_long_readings_with_a_core_free(
    cpu: float, wall: float, read: int, left: int, worth: bool
) -> None:
    assert page_split.worth_a_helper(cpu, wall, read, left) is worth


def test_one_core_or_few_pages_read_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page_split, "worth_a_helper", lambda *_: True)
    monkeypatch.setattr(page_split, "_cores", lambda: 1)
    pages = read_all(8, _reader(), _never)
    assert {p.items[0].text.rsplit(" ", 1)[1] for p in pages} == {str(os.getpid())}
    monkeypatch.setattr(page_split, "_cores", lambda: 2)
    pages = read_all(page_split.MIN_PAGES - 1, _reader(), _never)
    assert {p.items[0].text.rsplit(" ", 1)[1] for p in pages} == {str(os.getpid())}
    with pytest.raises(InputError, match="^page 2 cannot be read$"):
        read_all(3, _reader(failing=frozenset({1, 2})), _never)


@needs_fork
def test_a_helper_that_dies_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    _two_cores_and_a_helper(monkeypatch)
    me = os.getpid()

    def pages_of(indices: Iterable[int]) -> Iterator[PageContent]:
        for index in indices:
            if os.getpid() != me:
                os.kill(os.getpid(), signal.SIGKILL)
            yield _page(index, 0.05)

    with pytest.raises(InputError, match=r"PDF reader stopped \(signal 9\)"):
        read_all(12, pages_of, _never)


@needs_fork
def test_the_time_check_stops_both_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    _two_cores_and_a_helper(monkeypatch)

    def after_page(index: int) -> None:
        if index >= 4:
            raise InputError("over the time bound")

    start = time.monotonic()
    with pytest.raises(InputError, match="^over the time bound$"):
        read_all(100, _reader(pause=0.02), after_page)
    assert time.monotonic() - start < 1.5  # all 100 pages of 0.02 s each would take 2 s


# the watchdog: started early, collected late; the whole process group killed


@needs_fork
def test_a_result_finished_in_time_is_kept_when_collected_late() -> None:
    work = start_bounded(lambda: {"pages": 3}, 0.5, "over")
    time.sleep(1.0)
    assert work.result() == {"pages": 3}


@needs_fork
def test_a_result_finished_after_the_bound_is_over_even_when_collected_later() -> None:
    work = start_bounded(lambda: time.sleep(0.8) or "late", 0.3, "over")
    time.sleep(1.5)
    with pytest.raises(InputError, match="^over$"):
        work.result()


@needs_fork
def test_the_bound_kills_the_readers_helpers_too(tmp_path: Path) -> None:
    pid_file = tmp_path / "helper.pid"

    def work() -> None:
        helper = os.fork()
        if helper == 0:
            while True:
                time.sleep(0.01)
        pid_file.write_text(str(helper))
        while True:
            time.sleep(0.01)

    with pytest.raises(InputError, match="^over$"):
        start_bounded(work, 0.5, "over").result()
    helper = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while _alive(helper) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(helper)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # killed and not yet reaped by init


@needs_fork
def test_a_cancelled_reading_leaves_no_process() -> None:
    work = start_bounded(lambda: time.sleep(30), 60, "over")
    work.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(work.pid, os.WNOHANG)


# PDFium's functions as declared here


def test_declarations_are_pypdfium2s_with_plain_handles() -> None:
    raw = pytest.importorskip("pypdfium2_raw")

    def same(ours: object, theirs: object) -> bool:
        if ours is theirs or ours == theirs:
            return True
        target = getattr(theirs, "_type_", None)
        if ours is ctypes.c_void_p and isinstance(target, type) and issubclass(target, ctypes.Structure):
            return not hasattr(target, "_fields_")  # an opaque handle
        ours_target = getattr(ours, "_type_", None)
        if isinstance(ours_target, type) and issubclass(ours_target, ctypes.Structure) and target is not None:
            return list(ours_target._fields_) == list(target._fields_)  # the same struct, declared twice
        return False

    for short, (name, result, arguments) in SIGNATURES.items():
        function = getattr(raw, name)
        assert same(result, function.restype), (short, result, function.restype)
        assert len(arguments) == len(function.argtypes), short
        assert all(same(a, b) for a, b in zip(arguments, function.argtypes)), (short, arguments, function.argtypes)


def test_the_library_configuration_is_the_start_of_pypdfium2s() -> None:
    raw = pytest.importorskip("pypdfium2_raw")
    from fiscallint.pdf.pdfium_calls import _LibraryConfig

    ours = [(n, getattr(_LibraryConfig, n).offset, getattr(_LibraryConfig, n).size) for n, _ in _LibraryConfig._fields_]
    theirs = [(n, getattr(raw.FPDF_LIBRARY_CONFIG, n).offset, getattr(raw.FPDF_LIBRARY_CONFIG, n).size)
              for n, _ in raw.FPDF_LIBRARY_CONFIG._fields_]
    assert ours == theirs[: len(ours)]


def test_constants_are_pdfiums() -> None:
    raw = pytest.importorskip("pypdfium2_raw")
    from fiscallint.pdf import pdfium_calls

    names = [n for n in dir(pdfium_calls) if n.startswith("FPDF_")]
    assert names and all(getattr(pdfium_calls, n) == getattr(raw, n) for n in names)


def test_the_engine_loads_without_pypdfium2s_bindings() -> None:
    probe = (
        "import json, sys\nfrom fiscallint.pdf.pdfium_calls import calls\ncalls()\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('pypdfium2'))))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []


# the decoded-size check shared by this process and the reader


def _two_bombs(path: Path, mib: int) -> None:
    from tests import pdf_fixtures as fx

    bomb = fx.raw_stream(fx.deflate_repeated(b" " * (1 << 20), mib), b"/Filter /FlateDecode")
    path.write_bytes(fx.raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R 5 0 R 6 0 R]"
        b" /Resources << /Font << /F1 7 0 R >> >> >>",
        bomb,
        bomb,
        fx.raw_stream(b"BT /F1 12 Tf 72 700 Td (Total 1,234.56) Tj ET"),
        fx.HELVETICA,
    ]))


def test_the_shares_of_the_decoded_size_add_up_to_the_whole(tmp_path: Path) -> None:
    from fiscallint.pdf.streams import check_decoded_size

    path = tmp_path / "two.pdf"
    _two_bombs(path, 3)
    data = path.read_bytes()
    whole = check_decoded_size(data, 1 << 30)
    assert whole >= 6 << 20
    assert check_decoded_size(data, 1 << 30, share=(0, 2)) + check_decoded_size(data, 1 << 30, share=(1, 2)) == whole


@pytest.mark.parametrize("engine", ["pdfium", "pdfminer"])
def test_two_streams_each_under_the_bound_but_over_it_together_are_refused(tmp_path: Path, engine: str) -> None:
    from fiscallint.pdf import extract_pdf

    path = tmp_path / "two.pdf"
    _two_bombs(path, 6)
    with pytest.raises(InputError, match=r"^streams decode to over 10000000 bytes"):
        extract_pdf(path, engine=engine, max_decoded_bytes=10_000_000)
    assert extract_pdf(path, engine=engine, max_decoded_bytes=13_000_000).text == "Total 1,234.56"
