"""Hostile PDFs (generated here, never committed) stay within the time and decoded-size
bounds with either engine, end with a one-line error, and never stop the other files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from fiscallint.errors import InputError
from fiscallint.pdf import extract_pdf
from fiscallint.pdf.watchdog import run_bounded
from tests import pdf_fixtures as fx
from tests.test_pdf_findings import build as build_planted

pytestmark = pytest.mark.slow

ENGINES = ["pdfium", "pdfminer"]
MiB = 1 << 20


def error_of(path: Path, engine: str, **bounds: float) -> str:
    with pytest.raises(InputError) as info:
        extract_pdf(path, engine=engine, **bounds)  # type: ignore[arg-type]
    assert "\n" not in str(info.value)
    return str(info.value)


# the watchdog itself


def _forever() -> None:
    while True:
        pass


def test_watchdog_stops_a_loop_that_never_returns() -> None:
    with pytest.raises(InputError, match="^over$"):
        run_bounded(_forever, 0.5, "over")


def test_watchdog_returns_the_result_and_relays_errors() -> None:
    assert run_bounded(lambda: {"pages": [1, 2]}, 30, "over") == {"pages": [1, 2]}

    def fail() -> None:
        raise ValueError("bad xref")

    with pytest.raises(InputError, match=r"cannot extract PDF \(ValueError: bad xref\)"):
        run_bounded(fail, 30, "over")


def test_watchdog_reports_a_reader_that_dies() -> None:
    with pytest.raises(InputError, match="signal 9"):
        run_bounded(lambda: os.kill(os.getpid(), signal.SIGKILL), 30, "over")


# reference cycles (7 -> 8 -> 7)


@pytest.mark.parametrize("engine", ENGINES)
def test_reference_cycle_in_page_count(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "cycle.pdf"
    fx.write_reference_cycle_pdf(path, "count")
    assert path.stat().st_size < 1000
    if engine == "pdfium":  # PDFium counts the page tree's kids and reads the page
        assert extract_pdf(path, engine=engine, max_seconds=20).text == "Total 1,234.56"
    else:
        assert error_of(path, engine, max_seconds=20) == "corrupt PDF (reference cycle)"


def test_reference_cycle_in_contents_is_stopped_by_the_watchdog(tmp_path: Path) -> None:
    """pdfminer follows the cycle forever while it builds the page list (inside the page
    count); only the watchdog ends it."""
    path = tmp_path / "cycle.pdf"
    fx.write_reference_cycle_pdf(path, "contents")
    assert "over the time bound max_seconds=1" in error_of(path, "pdfminer", max_seconds=1)
    assert error_of(path, "pdfium", max_seconds=20) == "no text layer (scanned image?)"


# decompression bombs


HIGH_WATER = (
    "\nimport resource\ntry: print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')))\n"
    "except OSError: print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
)


def _peak_rss_mb(code: str, *args: str) -> tuple[str, float]:
    """stderr and peak resident memory of a fresh interpreter running ``code``.

    The peak is the child's own high-water mark (VmHWM, reset at exec): ``ru_maxrss`` from
    ``wait4`` would also count the pages of the forking test process, however large it has grown."""
    proc = subprocess.run([sys.executable, "-c", code + HIGH_WATER, *args], capture_output=True, text=True)
    return proc.stderr, int(proc.stdout.split()[-1]) / 1024


@pytest.mark.parametrize("engine", ENGINES)
def test_flate_bomb_is_refused_without_decoding_it(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "bomb.pdf"
    fx.write_flate_bomb_pdf(path, 1024)  # 1 GiB of content in about 1 MB of file
    assert path.stat().st_size < 1.1 * MiB
    code = (
        "import sys; from fiscallint.pdf import extract_pdf\n"
        "try: extract_pdf(sys.argv[1], engine=sys.argv[2])\n"
        "except Exception as exc: sys.stderr.write(str(exc))\n"
    )
    err, peak = _peak_rss_mb(code, str(path), engine)
    assert "decoded-size bound" in err
    assert peak < 400, f"{peak:.0f} MB"  # decoding it would take over 1 GiB; the reader itself is ~50–180 MB


def test_chained_flate_layers_are_counted(tmp_path: Path) -> None:
    path = tmp_path / "bomb2.pdf"
    fx.write_flate_bomb_pdf(path, 64, layers=2)  # 64 MiB behind two Flate layers
    assert path.stat().st_size < 10_000
    assert "decoded-size bound" in error_of(path, "pdfium", max_decoded_bytes=32 * MiB)


def test_bomb_behind_an_indirect_filter_is_refused(tmp_path: Path) -> None:
    """Streams are recognised by their data: a /Filter given as a reference and a dictionary
    padded far from the data hide nothing."""
    path = tmp_path / "hidden.pdf"
    data = fx.deflate_repeated(b" " * MiB, 64)
    path.write_bytes(fx.raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        fx.ONE_PAGE % b"4 0 R",
        fx.raw_stream(data, b"/Filter 6 0 R" + b" " * 10_000),
        fx.HELVETICA,
        b"[/FlateDecode]",
    ]))
    assert "decoded-size bound" in error_of(path, "pdfium", max_decoded_bytes=32 * MiB)


def test_every_layer_counts(tmp_path: Path) -> None:
    """An outer layer that inflates to 50 MB of empty deflate blocks (the inner layer decodes
    to nothing) still costs an engine 50 MB: it is counted."""
    import zlib

    empty_blocks = b"\x78\x01" + b"\x00\x00\x00\xff\xff" * 10_000_000 + b"\x01\x00\x00\xff\xff\x00\x00\x00\x01"
    assert zlib.decompress(empty_blocks) == b""
    path = tmp_path / "layers.pdf"
    path.write_bytes(fx.raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        fx.ONE_PAGE % b"4 0 R",
        fx.raw_stream(zlib.compress(empty_blocks, 9), b"/Filter [/FlateDecode /FlateDecode]"),
        fx.HELVETICA,
    ]))
    assert path.stat().st_size < 200_000
    assert "decoded-size bound" in error_of(path, "pdfium", max_decoded_bytes=32 * MiB)


def test_a_stream_under_the_decoded_bound_is_read(tmp_path: Path) -> None:
    path = tmp_path / "spaces.pdf"
    fx.write_flate_bomb_pdf(path, 64, layers=2)
    # near miss: the same file under a bound it fits in is decoded (and holds no text)
    assert error_of(path, "pdfium", max_decoded_bytes=65 * MiB) == "no text layer (scanned image?)"


# only regular files


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_and_device_are_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)  # opening it for reading would block until a writer comes
    zero = tmp_path / "zero.pdf"
    zero.symlink_to("/dev/zero")  # reading it would never end
    for path in (fifo, zero):
        assert error_of(path, "pdfium") == "not a regular file"


# the command line


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_over_bound_files_get_one_line_and_the_others_are_linted(tmp_path: Path, jobs: str) -> None:
    cycle = tmp_path / "a-cycle.pdf"
    fx.write_reference_cycle_pdf(cycle, "contents")
    bomb = tmp_path / "b-bomb.pdf"
    fx.write_flate_bomb_pdf(bomb, 256)
    good = tmp_path / "c-planted.pdf"
    build_planted(good, share="85%", class_total="300.00")
    result = subprocess.run(
        [sys.executable, "-m", "fiscallint", "check", "-j", jobs, "--pdf-engine", "pdfminer",
         "--pdf-timeout", "2", "--ignore", "FL504", str(cycle), str(bomb), str(good)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    errors = result.stderr.strip().splitlines()
    assert errors == [
        f"{cycle}: error: stopped, over the time bound max_seconds=2",
        f"{bomb}: error: streams decode to over 100000000 bytes (decoded-size bound max_decoded_bytes)",
    ]
    assert f"{good}:page 1:" in result.stdout and "FL101" in result.stdout


def test_without_fork_a_result_after_the_bound_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the OS cannot fork the work runs in this process; done after its bound, its result
    is refused as the child's would be."""
    import time

    monkeypatch.delattr(os, "fork")
    assert run_bounded(lambda: 7, 5.0, "over") == 7
    with pytest.raises(InputError, match="^over$"):
        run_bounded(lambda: time.sleep(0.3), 0.1, "over")
