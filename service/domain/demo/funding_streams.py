"""The demo partnership's funding streams: each partner's money for 2009-10, what it may fund and how
much of it each partner will pool (illustrative figures; calibration in data.py)."""

from typing import Any

# fmt: off
FUNDING_STREAMS: list[dict[str, Any]] = [
    # Council: about £10m flexible, of which about £4m ring-fenced.
    {"key": "council-abg", "partner": "council", "name": "Area Based Grant",
     "financial_year": "2009-10", "amount": "4200000.00", "kind": "area_based_grant",
     "arrangement": "pooled", "least_contribution": "1000000.00",
     "most_contribution": "4200000.00", "themes": [], "data_quality": "budgeted",
     "source_note": "Illustrative: sized for a unitary of ~250,000 (DOMAIN.md, Money). "
                    "Un-ring-fenced, so any theme; least kept low because one council "
                    "cut £3.9m of its ABG mid-year."},
    {"key": "council-cyp-grants", "partner": "council",
     "name": "Children's services ring-fenced grants (youth crime, teenage pregnancy, TaMHS)",
     "financial_year": "2009-10", "amount": "2600000.00", "kind": "ring_fenced_grant",
     "arrangement": "pooled", "least_contribution": "1500000.00",
     "most_contribution": "2600000.00", "themes": ["cyp"], "data_quality": "budgeted",
     "source_note": "Illustrative: part of the council's ~£4m ring-fenced money "
                    "(DOMAIN.md); grant conditions keep it to children and young people."},
    {"key": "council-ltp", "partner": "council",
     "name": "Local Transport Plan integrated transport block",
     "financial_year": "2009-10", "amount": "1400000.00", "kind": "ring_fenced_grant",
     "arrangement": "pooled", "least_contribution": "700000.00",
     "most_contribution": "1400000.00", "themes": ["econ", "env"],
     "data_quality": "budgeted",
     "source_note": "Illustrative: the rest of the council's ~£4m ring-fenced money; "
                    "transport grant, so transport-related themes only."},
    {"key": "council-communities", "partner": "council",
     "name": "Community services budget aligned to LAA targets",
     "financial_year": "2009-10", "amount": "1800000.00", "kind": "mainstream",
     "arrangement": "aligned", "least_contribution": "0.00",
     "most_contribution": "1600000.00", "themes": ["safer", "econ", "env"],
     "data_quality": "estimate",
     "source_note": "Illustrative: mainstream council spend on wardens, waste and "
                    "regeneration; aligned, so the council keeps administering it."},
    # Health: about £12m, usable for health-related functions only.
    {"key": "health-ptb", "partner": "health",
     "name": "Drug and alcohol pooled treatment budget (PCT share)",
     "financial_year": "2009-10", "amount": "1900000.00", "kind": "ring_fenced_grant",
     "arrangement": "pooled", "least_contribution": "1500000.00",
     "most_contribution": "1900000.00", "themes": ["health"], "data_quality": "budgeted",
     "source_note": "Illustrative: anchored on Salford's 2006 drug and alcohol pool "
                    "(£1.9m health, £0.4m council; DOMAIN.md)."},
    {"key": "health-public-health", "partner": "health",
     "name": "Public health and health improvement budget",
     "financial_year": "2009-10", "amount": "5200000.00", "kind": "mainstream",
     "arrangement": "pooled", "least_contribution": "1000000.00",
     "most_contribution": "5000000.00", "themes": ["health", "cyp"],
     "data_quality": "budgeted",
     "source_note": "Illustrative: part of ~£12m of PCT money for health-related "
                    "functions only (DOMAIN.md); children's health counts."},
    {"key": "health-commissioning", "partner": "health",
     "name": "Community health commissioning aligned to LAA targets",
     "financial_year": "2009-10", "amount": "5100000.00", "kind": "mainstream",
     "arrangement": "aligned", "least_contribution": "0.00",
     "most_contribution": "4200000.00", "themes": ["health", "cyp"],
     "data_quality": "estimate",
     "source_note": "Illustrative: rest of the ~£12m health envelope (DOMAIN.md); aligned, "
                    "so the PCT keeps the contracts."},
    {"key": "health-acute-alcohol", "partner": "health",
     "name": "Acute hospital spend on alcohol-related admissions (mapped only)",
     "financial_year": "2009-10", "amount": "2500000.00", "kind": "mainstream",
     "arrangement": "not_shared", "least_contribution": "0.00",
     "most_contribution": "0.00", "themes": ["health"], "data_quality": "estimate",
     "source_note": "Illustrative: mapped to show the cost of alcohol harm; payment by "
                    "results tariff, so not available to the partnership."},
    # Police: about £2m, community safety only. The police year runs January to December, so each
    # "2009-10" stream here is calendar 2009's: 275 of its 365 days fall in the partnership's 2009-10,
    # and the 2010-11 (calendar 2010) streams below bring their first 90 days into it.
    {"key": "police-partnership", "partner": "police",
     "name": "Police community safety and partnership fund",
     "financial_year": "2009-10", "amount": "1200000.00", "kind": "mainstream",
     "arrangement": "pooled", "least_contribution": "300000.00",
     "most_contribution": "1100000.00", "themes": ["safer"], "data_quality": "budgeted",
     "source_note": "Illustrative: police money is for community safety only (DOMAIN.md)."},
    {"key": "police-home-office", "partner": "police",
     "name": "Home Office grants (Drug Interventions Programme, BCU fund)",
     "financial_year": "2009-10", "amount": "800000.00", "kind": "ring_fenced_grant",
     "arrangement": "pooled", "least_contribution": "400000.00",
     "most_contribution": "800000.00", "themes": ["safer"], "data_quality": "budgeted",
     "source_note": "Illustrative: completes the ~£2m police envelope (DOMAIN.md)."},
    {"key": "police-partnership-2010", "partner": "police",
     "name": "Police community safety and partnership fund, 2010",
     "financial_year": "2010-11", "amount": "1200000.00", "kind": "mainstream",
     "arrangement": "pooled", "least_contribution": "300000.00",
     "most_contribution": "1100000.00", "themes": ["safer"], "data_quality": "estimate",
     "source_note": "Illustrative: calendar 2010's fund at flat cash; January to March 2010 "
                    "counts in the partnership's 2009-10."},
    {"key": "police-home-office-2010", "partner": "police",
     "name": "Home Office grants (Drug Interventions Programme, BCU fund), 2010",
     "financial_year": "2010-11", "amount": "800000.00", "kind": "ring_fenced_grant",
     "arrangement": "pooled", "least_contribution": "400000.00",
     "most_contribution": "800000.00", "themes": ["safer"], "data_quality": "estimate",
     "source_note": "Illustrative: calendar 2010's grants at flat cash, apportioned by days."},
    # Fire, probation and the voluntary sector.
    {"key": "fire-prevention", "partner": "fire",
     "name": "Community fire safety and prevention budget",
     "financial_year": "2009-10", "amount": "300000.00", "kind": "mainstream",
     "arrangement": "pooled", "least_contribution": "50000.00",
     "most_contribution": "250000.00", "themes": ["safer"], "data_quality": "budgeted",
     "source_note": "Illustrative: about £0.3m (DOMAIN.md)."},
    {"key": "probation-interventions", "partner": "probation",
     "name": "Offender management interventions budget",
     "financial_year": "2009-10", "amount": "400000.00", "kind": "mainstream",
     "arrangement": "pooled", "least_contribution": "100000.00",
     "most_contribution": "300000.00", "themes": ["safer", "econ"],
     "data_quality": "estimate",
     "source_note": "Illustrative: a small local share of probation spending."},
    {"key": "voluntary-grants", "partner": "voluntary",
     "name": "Voluntary sector consortium grant-funded services",
     "financial_year": "2009-10", "amount": "600000.00", "kind": "mainstream",
     "arrangement": "pooled", "least_contribution": "100000.00",
     "most_contribution": "500000.00", "themes": [], "data_quality": "estimate",
     "source_note": "Illustrative: part of ~£1m voluntary sector money (DOMAIN.md)."},
    {"key": "voluntary-volunteers", "partner": "voluntary",
     "name": "Volunteer time and donated premises (in kind)",
     "financial_year": "2009-10", "amount": "400000.00", "kind": "in_kind",
     "arrangement": "pooled", "least_contribution": "0.00",
     "most_contribution": "350000.00", "themes": [], "data_quality": "estimate",
     "source_note": "Illustrative: the in-kind part of ~£1m voluntary money (DOMAIN.md), "
                    "volunteer hours valued at a notional rate."},
]
# fmt: on
