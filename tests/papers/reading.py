"""Reading a board paper back: its tables' and charts' figures from the HTML, its pages from the PDF."""

import json
import subprocess
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops

from tests.papers.conftest import HTML, PDF, paper
from tests.processes import program


@dataclass
class Cell:
    field: str
    value: str | None  # data-value: the figure as the JSON has it
    text: str = ""


@dataclass
class TableRow:
    id: str
    kind: str
    cells: dict[str, Cell] = field(default_factory=dict)


class Paper(HTMLParser):
    """tables: key → rows; charts: key → the figures the chart draws; everything else the page refers to."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tables: dict[str, list[TableRow]] = {}
        self.charts: dict[str, list[dict[str, Any]]] = {}
        self.references: list[str] = []
        self.tags: set[str] = set()
        self.sections: list[str] = []
        self.summary: list[str] = []  # the summary's paragraphs
        self.summary_facts: list[tuple[str, str]] = []
        self._summary = False
        self._text: str | None = None
        self._table: str | None = None
        self._cell: Cell | None = None
        self._row: TableRow | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.add(tag)
        self.references += [v for k, v in attrs if k in ("src", "href") and v and not v.startswith("#")]
        if tag == "table":
            self._table = found["data-table"]
            self.tables[self._table or ""] = []
        elif tag == "tr" and self._table:
            self._row = TableRow(found["data-id"] or "", found.get("class") or "") if "data-id" in found else None
            if self._row is not None:
                self.tables[self._table].append(self._row)
        elif tag == "td" and self._row is not None:  # a figure's cell (not a heading, nor "None.")
            self._cell = Cell(found["data-field"] or "", found.get("data-value"))
            self._row.cells[self._cell.field] = self._cell
        elif tag == "figure":
            self.charts[found["data-chart"] or ""] = json.loads(found["data-values"] or "[]")
        elif tag == "section":
            self.sections.append(found.get("id") or "")
        elif tag == "div" and "data-summary" in found:
            self._summary = True
        elif self._summary and tag in ("p", "dt", "dd"):
            self._text = ""

    def handle_endtag(self, tag: str) -> None:
        if self._summary and self._text is not None and tag in ("p", "dt", "dd"):
            if tag == "p":
                self.summary.append(self._text)
            elif tag == "dt":
                self.summary_facts.append((self._text, ""))
            else:
                self.summary_facts[-1] = (self.summary_facts[-1][0], self._text)
            self._text = None
        elif tag == "div" and self._summary:
            self._summary = False
        if tag == "table":
            self._table, self._row = None, None
        elif tag == "td":
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.text += data
        if self._text is not None:
            self._text += data


def pounds(amount: Any) -> str:
    value = Decimal(str(amount))
    return f"{'-' if value < 0 else ''}£{abs(value):,.2f}"


def percent(value: float) -> str:
    return f"{value:,.1f} %"


def pdf_pages(pdf: bytes, folder: Path) -> list[Image.Image]:
    """The PDF's pages as images, by poppler's pdftoppm (skips, naming it, where it is not installed)."""
    (folder / "paper.pdf").write_bytes(pdf)
    subprocess.run([program("pdftoppm"), "-r", "40", "-png", str(folder / "paper.pdf"), str(folder / "page")],
                   check=True)
    return [Image.open(path).convert("RGB") for path in sorted(folder.glob("page-*.png"))]


def pdf_text(pdf: bytes, folder: Path) -> str:
    (folder / "text.pdf").write_bytes(pdf)
    return subprocess.run([program("pdftotext"), "-layout", str(folder / "text.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout


def blank(page: Image.Image) -> bool:
    return ImageChops.difference(page, Image.new("RGB", page.size, "white")).getbbox() is None


def assert_figures(rows: list[TableRow], expected: dict[str, dict[str, Any]], *, money: set[str] = frozenset(),
                   percents: set[str] = frozenset()) -> None:
    """Every row is one of the JSON's, and each named figure is the JSON's, shown in its unit."""
    body = [row for row in rows if row.kind != "total"]
    assert {row.id for row in body} == set(expected)
    for row in body:
        for name, value in expected[row.id].items():
            cell = row.cells[name]
            if value is None:
                assert cell.value is None and cell.text == "–", (row.id, name)
            elif name in money:
                assert Decimal(cell.value or "") == Decimal(str(value)), (row.id, name)
                assert cell.text == pounds(value), (row.id, name, cell.text)
            elif name in percents:
                assert float(cell.value or "") == float(value), (row.id, name)
                assert cell.text == percent(float(value)), (row.id, name, cell.text)
            else:
                assert float(cell.value or "") == float(value), (row.id, name)


def assert_prints(client: Any, path: str, tmp_path: Path, **params: Any) -> None:
    """The paper's PDF: the title page and a page (or two) per section of its HTML, none blank, and every
    figure its HTML tables show in its text."""
    read = Paper(paper(client, path, HTML, **params).text)
    document = paper(client, path, PDF, **params).content
    pages = pdf_pages(document, tmp_path)
    assert len(read.sections) + 1 <= len(pages) <= 2 * len(read.sections) + 1
    assert not any(blank(page) for page in pages)
    text = pdf_text(document, tmp_path)
    shown = {c.text for rows in read.tables.values() for r in rows for c in r.cells.values() if c.value}
    assert shown and all(figure in text for figure in shown), sorted(f for f in shown if f not in text)[:5]
