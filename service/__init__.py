"""Pooled-budget register and allocation optimiser for Local Strategic Partnerships."""
