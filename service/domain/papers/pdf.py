"""A Paper as an A4 PDF written by fpdf2 (pure Python): charts as PNG drawn by matplotlib's Agg backend,
text in the DejaVu Sans that matplotlib ships (so £, → and × print), each section from a new page."""

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib
from fpdf import FPDF
from fpdf.fonts import FontFace

from service.domain.papers import render
from service.domain.papers.document import Chart, Column, Paper, Section, Table
from service.domain.papers.html import NUMBERS, _text

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVu"
# Text columns that take more of the width.
LONG = {"sentence": 4.0, "name": 3.0, "title": 3.0, "intervention": 3.0, "intervention_name": 3.0, "label": 3.0,
        "comment": 2.0, "partner_name": 2.0, "partner": 2.0, "proposal_title": 2.0, "scenario_name": 2.0}
INK, MUTED, ACCENT, SHADE = (27, 31, 36), (74, 85, 96), (31, 95, 153), (238, 244, 250)


class _Document(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(format="A4")
        self.paper_title = title
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=15)
        self.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_title(title)
        self.set_creator("LSP allocation service")

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(FONT, "", 7)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.paper_title}  ·  page {self.page_no()} of {{nb}}", align="C")


def pdf(paper: Paper) -> bytes:
    document = _Document(paper.title)
    document.add_page()
    _heading(document, paper.title, 16)
    _pairs(document, paper.facts)
    document.ln(3)
    document.set_fill_color(*SHADE)
    _heading(document, "Summary", 12)
    for sentence in paper.summary:
        _paragraph(document, sentence)
    _pairs(document, paper.summary_facts)
    if paper.sections:
        document.ln(2)
        _heading(document, "Contents", 10)
        for number, section in enumerate(paper.sections, start=1):
            _paragraph(document, f"{number}. {section.title}")
    for section in paper.sections:
        _section(document, section)
    return bytes(document.output())


def _heading(document: FPDF, text: str, size: float) -> None:
    document.set_font(FONT, "B", size)
    document.set_text_color(*(ACCENT if size < 16 else INK))
    document.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
    document.set_text_color(*INK)
    document.ln(1)


def _paragraph(document: FPDF, text: str, size: float = 9) -> None:
    document.set_font(FONT, "", size)
    document.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
    document.ln(1)


def _pairs(document: FPDF, pairs: list[tuple[str, str]]) -> None:
    for label, value in pairs:
        document.set_font(FONT, "B", 8.5)
        document.set_text_color(*MUTED)
        document.cell(60, 4.6, label)
        document.set_text_color(*INK)
        document.set_font(FONT, "", 8.5)
        document.multi_cell(0, 4.6, value, new_x="LMARGIN", new_y="NEXT", align="L")


def _section(document: FPDF, section: Section) -> None:
    document.add_page()
    _heading(document, section.title, 13)
    for paragraph in section.paragraphs:
        _paragraph(document, paragraph)
    for block in section.blocks:
        if isinstance(block, Chart):
            _chart(document, block)
        else:
            _table(document, block)


def _chart(document: FPDF, chart: Chart) -> None:
    width = document.epw
    height = width * chart.height / render.WIDTH
    room = document.page_break_trigger - document.get_y() - 16
    if height > room >= 0.6 * height:  # shrunk to the room left rather than leave most of a page empty
        width, height = width * room / height, room
    elif height > room:
        document.add_page()
    _heading(document, chart.title, 10)
    document.image(io.BytesIO(render.png(chart)), w=width, h=height, x=document.l_margin + (document.epw - width) / 2)
    _paragraph(document, chart.caption, 7.5)


def _table(document: FPDF, table: Table) -> None:
    if document.get_y() + 25 > document.page_break_trigger:
        document.add_page()
    _heading(document, table.title, 9.5)
    document.set_font(FONT, "", 7)
    widths = _widths(document, table)
    aligns: Any = tuple("RIGHT" if c.unit in NUMBERS else "LEFT" for c in table.columns)
    heading = FontFace(emphasis="BOLD", fill_color=(243, 245, 247))
    with document.table(col_widths=widths, text_align=aligns, headings_style=heading, line_height=3.6,
                        padding=0.8, borders_layout="HORIZONTAL_LINES") as grid:
        grid.row([c.label for c in table.columns])
        if not table.rows:
            grid.row(["None.", *[""] * (len(table.columns) - 1)])
        for row in [*table.rows, *([table.total] if table.total else [])]:
            style = FontFace(emphasis="BOLD") if row is table.total else None
            grid.row([_text(row.values.get(c.field), row.unit(c)) for c in table.columns], style=style)
    if table.note:
        _paragraph(document, table.note, 7)
    document.ln(2)


def _widths(document: FPDF, table: Table) -> list[float]:
    """Numbers as wide as their widest figure (a figure never wraps); text shares what is left, a sentence
    taking more, and is never narrower than its longest word (fpdf2 would break the word)."""
    rows = [*table.rows, *([table.total] if table.total else [])]

    def widest(column: Column, measure: Callable[[str], float]) -> float:
        return 2.5 + max((measure(_text(r.values.get(column.field), r.unit(column))) for r in rows), default=0.0)

    document.set_font(FONT, "B", 7)  # totals are bold, and wider
    numbers = {c.field: max(2.5 + _widest_word(document, c.label), widest(c, document.get_string_width))
               for c in table.columns if c.unit in NUMBERS}
    document.set_font(FONT, "", 7)
    words = {c.field: widest(c, lambda text: _widest_word(document, text)) for c in table.columns
             if c.field not in numbers}
    weights = {field: LONG.get(field, 1.0) for field in words}
    left = max(document.epw - sum(numbers.values()), 20.0 * len(weights))
    return [numbers[c.field] if c.field in numbers else max(left * weights[c.field] / sum(weights.values()),
                                                            words[c.field]) for c in table.columns]


def _widest_word(document: FPDF, label: str) -> float:
    return float(max((document.get_string_width(word) for word in label.split()), default=0.0))
