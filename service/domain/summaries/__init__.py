"""Summaries in words: a finished run's, proposal's or analysis's answer in one sentence, with its facts.

Computed from what the answer already holds (a run's report and lines, an analysis's figures), so a summary
never says anything its JSON does not.
"""

from service.domain.summaries.analyses import of_analysis
from service.domain.summaries.runs import of_run

__all__ = ["of_analysis", "of_run"]
