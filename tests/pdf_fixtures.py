"""Build small PDFs for the PDF-input tests with reportlab (CJK via the STSong-Light CID font)."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from fiscallint.pdf import PdfText, extract_pdf

FONT = "STSong-Light"
PAGE_W, PAGE_H = A4
LEFT = 72.0
RIGHT = PAGE_W - 72.0
BODY_SIZE = 12.0

pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def new_canvas(path: Path, **kwargs: object) -> canvas.Canvas:
    return canvas.Canvas(str(path), pagesize=A4, **kwargs)


def page_number(c: canvas.Canvas, n: int) -> None:
    """A footer page number like '- 3 -', centred at the bottom."""
    c.setFont(FONT, 10)
    c.drawCentredString(PAGE_W / 2, 30, f"- {n} -")


def heading(c: canvas.Canvas, text: str, y: float, size: float = BODY_SIZE) -> float:
    c.setFont(FONT, size)
    c.drawString(LEFT + 2 * size, y, text)
    return y - size * 1.6


def centred(c: canvas.Canvas, text: str, y: float, size: float = 16) -> float:
    c.setFont(FONT, size)
    c.drawCentredString(PAGE_W / 2, y, text)
    return y - size * 1.8


def right_aligned(c: canvas.Canvas, text: str, y: float, size: float = 10) -> float:
    c.setFont(FONT, size)
    c.drawRightString(RIGHT, y, text)
    return y - size * 1.8


def paragraph(c: canvas.Canvas, text: str, y: float, size: float = BODY_SIZE) -> float:
    """Draw CJK text wrapped at the right margin, first line indented by two characters."""
    c.setFont(FONT, size)
    lines = [""]
    for ch in text:
        room = RIGHT - LEFT - (2 * size if len(lines) == 1 else 0)
        if pdfmetrics.stringWidth(lines[-1] + ch, FONT, size) > room:
            lines.append("")
        lines[-1] += ch
    for i, line in enumerate(lines):
        c.drawString(LEFT + (2 * size if i == 0 else 0), y, line)
        y -= size * 1.5
    return y - size * 0.5


def grid_table(
    c: canvas.Canvas,
    y_top: float,
    widths: Sequence[float],
    rows: Sequence[Sequence[str]],
    *,
    spans: Sequence[tuple[int, int, int]] = (),
    size: float = 9,
) -> float:
    """Draw a ruled table; a cell's '\\n' wraps it onto two printed lines.

    spans: (row, first col, last col) merged horizontally, text in the first cell.
    Returns the y of the table's bottom rule.
    """
    c.setFont(FONT, size)
    xs = [LEFT]
    for w in widths:
        xs.append(xs[-1] + w)
    merged = {(r, col) for r, a, b in spans for col in range(a + 1, b + 1)}
    y = y_top
    c.line(xs[0], y, xs[-1], y)
    for r, row in enumerate(rows):
        height = size * 1.4 * max(1, max(cell.count("\n") + 1 for cell in row)) + 4
        for col, cell in enumerate(row):
            for k, part in enumerate(cell.split("\n")):
                c.drawString(xs[col] + 2, y - size * 1.2 - k * size * 1.4, part)
        for col, x in enumerate(xs):
            if (r, col) not in merged:
                c.line(x, y, x, y - height)
        y -= height
        c.line(xs[0], y, xs[-1], y)
    return y


def raw_pdf(objects: Sequence[bytes]) -> bytes:
    """A PDF from object bodies (object i+1 is objects[i]; object 1 is the catalog), with a
    correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def raw_stream(data: bytes, entries: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), entries) + data + b"\nendstream"


def write_zero_page_pdf(path: Path) -> None:
    """A syntactically valid PDF whose page tree is empty."""
    path.write_bytes(raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]))


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
ONE_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %s /Resources << /Font << /F1 5 0 R >> >> >>"
HELLO = raw_stream(b"BT /F1 12 Tf 72 700 Td (Total 1,234.56) Tj ET")


def write_reference_cycle_pdf(path: Path, where: str) -> None:
    """Objects 7 and 8 reference each other (7 -> 8 -> 7), standing in for the page count
    (``where="count"``) or for the page's content stream (``where="contents"``)."""
    count, contents = (b"7 0 R", b"4 0 R") if where == "count" else (b"1", b"7 0 R")
    path.write_bytes(raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count %s >>" % count,
        ONE_PAGE % contents,
        HELLO,
        HELVETICA,
        b"null",
        b"8 0 R",
        b"7 0 R",
    ]))


def deflate_repeated(block: bytes, times: int) -> bytes:
    """zlib data for ``block * times``, built from one compressed copy of the block: after a
    full flush the compressor's output for the same input repeats byte for byte."""
    packer = zlib.compressobj(9)
    first = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(times):
        checksum = zlib.adler32(block, checksum)
    end = packer.flush()[:-4] + struct.pack(">I", checksum)
    return first + again * (times - 1) + end


def write_flate_bomb_pdf(path: Path, decoded_mib: int, layers: int = 1) -> None:
    """One page whose content stream is ``decoded_mib`` MiB of spaces, Flate-compressed
    ``layers`` times (about 1 KiB of file per MiB decoded for one layer)."""
    data = deflate_repeated(b" " * (1 << 20), decoded_mib)
    for _ in range(layers - 1):
        data = zlib.compress(data, 9)
    filters = b"/Filter [" + b"/FlateDecode " * layers + b"]"
    path.write_bytes(raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        ONE_PAGE % b"4 0 R",
        raw_stream(data, filters),
        HELVETICA,
    ]))


def write_image_only_pdf(path: Path) -> None:
    """One page carrying only a raster image, like a scan without OCR."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(img).rectangle((20, 20, 380, 180), outline="black", width=3)
    img_path = path.with_suffix(".png")
    img.save(img_path)
    c = new_canvas(path)
    c.drawImage(str(img_path), LEFT, 400, width=400, height=200)
    c.showPage()
    c.save()


def write_text_pdf(path: Path, text: str, font: str = FONT, **kwargs: object) -> None:
    """One page with one line of text (kwargs go to the canvas, e.g. encrypt=...)."""
    c = new_canvas(path, **kwargs)
    c.setFont(font, BODY_SIZE)
    c.drawString(LEFT, 700, text)
    c.showPage()
    c.save()


INCOME_HEADER = [
    ["项目", "", "本年收入合计", "财政拨款收入", "附属单位\n上缴收入"],
    ["科目编码", "科目名称", "", "", ""],
]
INCOME_WIDTHS = [70.0, 150.0, 80.0, 80.0, 70.0]
LONG_PARAGRAPH = (
    "测试部门负责贯彻落实有关方针政策和决策部署，在履行职责过程中坚持统一领导，"
    "统筹推进本地区相关工作的开展，研究拟订发展规划并组织实施，指导监督各项业务，"
    "完成上级交办的其他任务。"
)
LAST_PARAGRAPH = (
    "本年收入合计1,234.56万元，与上年度相比增加12.30万元，增长1.0%。主要原因是"
    "业务量增加，相关支出相应增长。"
)


def income_rows(n: int) -> list[list[str]]:
    """n data rows; amounts with thousands separators."""
    rows = [["", "合计", f"{n * 1000 + 0.5:,.2f}", f"{n * 1000 + 0.5:,.2f}", ""]]
    for i in range(1, n):
        amount = f"{i * 1000 + 0.25:,.2f}"
        rows.append([f"2013{i:03d}", f"测试科目{i}", amount, amount, ""])
    return rows


def build_report(path: Path, n_rows: int = 40) -> None:
    """Two pages: narrative, a titled ruled table continuing onto page 2 (header repeated
    there), a note, a closing paragraph; page numbers in the footer."""
    c = new_canvas(path)
    y = centred(c, "第一部分 测试部门概况", PAGE_H - 72)
    y = heading(c, "一、主要职能", y)
    y = paragraph(c, LONG_PARAGRAPH, y)
    y = heading(c, "二、收入决算表", y)
    y = centred(c, "2024年度收入决算表", y)
    y = centred(c, "公开02表", y, size=10)
    c.setFont(FONT, 10)
    c.drawString(LEFT, y, "部门：测试部门")
    y = right_aligned(c, "单位：万元", y)
    rows = income_rows(n_rows)
    first = 30
    grid_table(c, y, INCOME_WIDTHS, INCOME_HEADER + rows[:first], spans=[(0, 0, 1)])
    page_number(c, 1)
    c.showPage()
    y = grid_table(c, PAGE_H - 72, INCOME_WIDTHS, INCOME_HEADER + rows[first:], spans=[(0, 0, 1)])
    c.setFont(FONT, 9)
    c.drawString(LEFT, y - 12, "注：本表反映部门本年度取得的各项收入情况。")
    y = heading(c, "三、其他说明", y - 40)
    paragraph(c, LAST_PARAGRAPH, y)
    page_number(c, 2)
    c.showPage()
    c.save()


SIDE_BY_SIDE = [
    ["收入", "", "支出", ""],
    ["项目", "决算数", "项目", "决算数"],
    ["一、一般公共预算财政拨款收入", "1,234.56", "一、一般公共服务支出", "1,000.00"],
    ["二、事业收入", "", "二、外交支出", ""],
    ["", "", "三、卫生健康支出", "234.56"],
    ["本年收入合计", "1,234.56", "本年支出合计", "1,234.56"],
]


def build_side_by_side(path: Path) -> None:
    """A 收入 | 支出 table (two half-tables side by side) under merged header cells."""
    c = new_canvas(path)
    y = centred(c, "收入支出决算总表", PAGE_H - 72)
    y = right_aligned(c, "单位：万元", y)
    grid_table(c, y, [140.0, 60.0, 140.0, 60.0], SIDE_BY_SIDE, spans=[(0, 0, 1), (0, 2, 3)])
    c.showPage()
    c.save()


UNRULED = [
    ["项目", "预算数", "决算数"],
    ["因公出国（境）费", "10.00", "8.50"],
    ["公务用车购置及运行维护费", "20.00", ""],
    ["公务接待费", "1,005.00", "1,004.25"],
    ["合计", "1,035.00", "1,012.75"],
]


def build_unruled_table(path: Path) -> None:
    """A table printed without ruling lines: labels left-aligned, amounts right-aligned."""
    c = new_canvas(path)
    y = centred(c, "三公经费支出表", PAGE_H - 72)
    y = paragraph(c, "本表反映部门本年度“三公”经费支出情况，金额单位为万元。", y)
    c.setFont(FONT, 10)
    for row in UNRULED:
        c.drawString(LEFT, y, row[0])
        for text, right in zip(row[1:], (380.0, 480.0)):
            c.drawRightString(right, y, text)
        y -= 18
    c.showPage()
    c.save()


def aligned_table(
    c: canvas.Canvas,
    y_top: float,
    widths: Sequence[float],
    rows: Sequence[Sequence[str]],
    *,
    three_line: bool = False,
    first_amount: int = 2,
    size: float = 9,
    middle: bool = False,
) -> float:
    """A table without vertical rulings: header row (rows[0]) centred over its column, text
    cells left-aligned, amounts (columns >= first_amount) right-aligned; a cell's '\\n' wraps
    it under its first line. ``three_line``: rules above and below the header and at the
    bottom only (三线表); ``middle``: the other cells of a wrapped row sit halfway between its
    lines (vertically centred). Returns the y below the table."""
    xs = [LEFT]
    for w in widths:
        xs.append(xs[-1] + w)
    line_h = size * 1.4
    y = y_top
    if three_line:
        c.line(xs[0], y, xs[-1], y)
    c.setFont(FONT, size)
    for r, row in enumerate(rows):
        lines = max(cell.count("\n") + 1 for cell in row)
        for col, cell in enumerate(row):
            parts = cell.split("\n")
            shift = (lines - len(parts)) * line_h / 2 if middle else 0.0
            for k, part in enumerate(parts):
                base = y - size * 1.2 - k * line_h - shift
                if r == 0:
                    c.drawCentredString((xs[col] + xs[col + 1]) / 2, base, part)
                elif col >= first_amount:
                    c.drawRightString(xs[col + 1] - 3, base, part)
                else:
                    c.drawString(xs[col] + 3, base, part)
        y -= line_h * lines + 5
        if three_line and r == 0:
            c.line(xs[0], y, xs[-1], y)
    if three_line:
        c.line(xs[0], y, xs[-1], y)
    return y - 10


def built_and_read(folder: Path, build: Callable[[Path], None], engine: str) -> PdfText:
    """Build a PDF in ``folder`` and read it with ``engine``."""
    path = folder / "built.pdf"
    build(path)
    return extract_pdf(path, engine=engine)
