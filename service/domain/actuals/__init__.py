"""Spend actuals: what each partner spent on each intervention in each period."""
