"""A Chart as SVG (for HTML) or PNG (for PDF), drawn by matplotlib's Agg and SVG backends without pyplot."""

import io
import re
from typing import Any

from matplotlib import rc_context
from matplotlib.figure import Figure

from service.domain.papers.document import Chart

WIDTH = 7.5  # inches: a portrait A4 page's text width
STYLE: Any = {"svg.fonttype": "none", "svg.hashsalt": "lsp-papers", "font.size": 8, "axes.spines.top": False,
         "axes.spines.right": False}


def _figure(chart: Chart) -> Figure:
    figure = Figure(figsize=(WIDTH, chart.height), layout="constrained")
    chart.draw(figure)
    return figure


def svg(chart: Chart) -> str:
    """The chart as an inline <svg> element: scalable to the page's width, with no external references."""
    buffer = io.StringIO()
    with rc_context(STYLE):
        _figure(chart).savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    # Fixed point sizes become the viewBox's: the chart then scales to the column it is in.
    return re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r'<svg\1 width="100%"', text, count=1)


def png(chart: Chart, dpi: int = 150) -> bytes:
    buffer = io.BytesIO()
    with rc_context(STYLE):
        _figure(chart).savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
