"""A Paper as one self-contained HTML page: inline CSS and SVG, no scripts, no external references; it
prints on A4. Every figure carries its JSON value (data-value, data-values) beside its formatted text."""

import json
from html import escape
from typing import Any

from service.domain.papers import render
from service.domain.papers.document import Chart, Paper, Row, Section, Table, Unit, shown

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1f24;margin:0 auto;
max-width:60rem;padding:1.5rem;line-height:1.4}
h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.2rem;border-bottom:2px solid #1f5f99;padding-bottom:.2rem;
margin-top:2rem}h3{font-size:1rem;margin:1rem 0 .3rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0 0 1rem}
dl.facts dt{font-weight:600;color:#4a5560}dl.facts dd{margin:0}
.summary{background:#eef4fa;border-left:4px solid #1f5f99;padding:.6rem 1rem;margin:1rem 0}
.summary p{margin:.3rem 0}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.3rem 0 1rem}
th,td{border-bottom:1px solid #d0d7de;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f3f5f7}td.number,th.number{text-align:right;white-space:nowrap}
tr.total td{font-weight:700;border-top:2px solid #1b1f24}
figure{margin:1rem 0}figcaption{font-size:.85rem;color:#4a5560}
figure svg{max-width:100%;height:auto}
.note{font-size:.8rem;color:#4a5560}
@page{size:A4;margin:15mm}
@media print{body{max-width:none;padding:0}h2{break-after:avoid}figure,tr{break-inside:avoid}
section{break-before:page}section:first-of-type{break-before:auto}}
"""
NUMBERS = {Unit.MONEY, Unit.PERCENT, Unit.POINTS, Unit.MEASURE, Unit.COUNT}


def html(paper: Paper) -> str:
    facts = "".join(f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in paper.facts)
    summary = "".join(f"<p>{escape(s)}</p>" for s in paper.summary)
    summary_facts = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in paper.summary_facts)
    contents = "".join(f'<li><a href="#{_anchor(s)}">{escape(s.title)}</a></li>' for s in paper.sections)
    return ("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(paper.title)}</title>\n<style>{STYLE}</style></head>\n"
            f"<body data-paper=\"{paper.kind}\"><header><h1>{escape(paper.title)}</h1>"
            f"<dl class=\"facts\">{facts}</dl></header>"
            f"<div class=\"summary\" data-summary><h2 style=\"border:0;margin:0\">Summary</h2>{summary}"
            f"<dl class=\"facts\">{summary_facts}</dl></div>"
            + (f"<nav><h3>Contents</h3><ol>{contents}</ol></nav>" if contents else "")
            + "\n" + "\n".join(_section(s) for s in paper.sections) + "\n</body></html>\n")


def _anchor(section: Section) -> str:
    return "".join(c if c.isalnum() else "-" for c in section.title.lower())


def _section(section: Section) -> str:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in section.paragraphs)
    blocks = "".join(_chart(b) if isinstance(b, Chart) else _table(b) for b in section.blocks)
    return f"<section id=\"{_anchor(section)}\"><h2>{escape(section.title)}</h2>{paragraphs}{blocks}</section>"


def _chart(chart: Chart) -> str:
    values = escape(json.dumps(chart.data, separators=(",", ":"), default=str))
    return (f"<figure class=\"chart\" data-chart=\"{chart.key}\" data-values=\"{values}\">"
            f"<h3>{escape(chart.title)}</h3>{render.svg(chart)}<figcaption>{escape(chart.caption)}</figcaption>"
            "</figure>")


def _table(table: Table) -> str:
    head = "".join(f"<th scope=\"col\"{_class(c.unit)}>{escape(c.label)}</th>" for c in table.columns)
    none = f"<tr><td colspan=\"{len(table.columns)}\">None.</td></tr>"
    body = "".join(_row(table, row) for row in table.rows) or none
    total = _row(table, table.total, "total") if table.total else ""
    note = f"<p class=\"note\">{escape(table.note)}</p>" if table.note else ""
    return (f"<h3>{escape(table.title)}</h3><table data-table=\"{table.key}\"><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}{total}</tbody></table>{note}")


def _row(table: Table, row: Row, kind: str = "") -> str:
    cells = []
    for column in table.columns:
        value, unit = row.values.get(column.field), row.unit(column)
        raw = "" if value is None or unit not in NUMBERS else f" data-value=\"{escape(str(value))}\""
        cells.append(f"<td data-field=\"{escape(column.field)}\"{raw}{_class(unit)}>{escape(_text(value, unit))}</td>")
    marker = f" class=\"{kind}\"" if kind else ""
    return f"<tr data-id=\"{escape(row.id)}\"{marker}>{''.join(cells)}</tr>"


def _text(value: Any, unit: Unit) -> str:
    return "" if value is None and unit == Unit.TEXT else shown(value, unit)


def _class(unit: Unit) -> str:
    return " class=\"number\"" if unit in NUMBERS else ""
