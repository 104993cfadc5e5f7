"""Indicator observations: a goal's value for one of the partnership's periods, as a partner reported it."""
