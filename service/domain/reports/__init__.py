"""Layered reports built on the progress report, each for a financial year to a chosen period: strategic
(outcomes by theme, the LAA targets), executive (spend and outputs against the allocation, exceptions only)
and operational (every intervention); `sheets` turns each into CSV and XLSX tables."""

from service.domain.reports import executive, operational, strategic

__all__ = ["executive", "operational", "strategic"]
