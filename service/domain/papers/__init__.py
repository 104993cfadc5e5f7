"""Board papers: a run's, a proposal's and the scrutiny pack's figures as a document people read and print.

Each paper kind (`run_paper`, `proposal_paper`, `scrutiny_paper`) gathers its figures from the same domain
functions and public models the JSON answers are built from (`sources`) into a `document.Paper`; `html`
and `pdf` render one, with the charts (`charts`, `analysis_charts`) drawn by matplotlib (`render`).
"""

from service.domain.papers.document import Paper
from service.domain.papers.html import html
from service.domain.papers.pdf import pdf
from service.domain.papers.proposal_paper import paper as proposal_paper
from service.domain.papers.run_paper import paper as run_paper
from service.domain.papers.scrutiny_paper import paper as scrutiny_paper

__all__ = ["Paper", "html", "pdf", "proposal_paper", "run_paper", "scrutiny_paper"]
