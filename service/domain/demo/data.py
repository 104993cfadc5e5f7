"""Illustrative demo data: one borough partnership's themes, partners, goals, money and options.

Every figure is illustrative, for a unitary of about 250,000 people in 2009-10, anchored on the
public figures in DOMAIN.md; none is any real partnership's budget or any trial's result.
"""

# Calibration: an effect is per_thousand x £k spent, each tranche's £ scaled by its multiplier.
# - Money: £24.2m of pooled and aligned most contributions against £40.25m of capacity.
# - NI 40 (drug users in treatment): gap 1,090 - 950 = 140. Drug treatment, council-led:
#   0.032 x (2,000 + 0.7 x 2,000) = 109 users (78%) for £4.0m; with arrest referral (+20) and
#   offender management (+12) the gap is just reachable, for about £6.3m.
# - NI 111 (first-time entrants): gap 1,650 - 1,450 = 200. Youth crime prevention:
#   0.064 x (1,000 + 0.6 x 1,600) = 125 (63%) for £2.6m; every option together 237 (118%).
# - NI 186 (CO2 per head): gap 0.4 t; home insulation 0.0000036 x 3,200 = 0.012 t (3%), as
#   most of the change is national.
# - Ring-fences: the £11.1m of health money may fund only health and cyp themes, and health
#   itself leads only £4.4m of interventions. In a silo (each intervention paid for by its lead
#   partner alone) £6.7m of it sits idle and drug treatment gets only the council's ABG.
# - A throwaway MILP maximising weighted min(1, improvement / gap) gave: pooled 82.7% of the
#   maximum (low-high effects 53-93%), silo 63.4% (39-82%).

from service.domain.demo.funding_streams import FUNDING_STREAMS
from service.domain.demo.interventions import INTERVENTIONS

# fmt: off
DEMO: dict = {
    "partnership": {
        "name": "Illustrative Borough Partnership (demo data)",
        "area_code": "E06000999",
        "financial_year_start_month": 4,
    },
    "financial_year": "2009-10",
    "themes": [
        {"key": "cyp", "name": "Children and young people",
         "description": "Teenage pregnancy, youth offending, emotional health and early years."},
        {"key": "safer", "name": "Safer and stronger communities",
         "description": "Acquisitive and violent crime, drug treatment, anti-social behaviour."},
        {"key": "health", "name": "Healthier communities and older people",
         "description": "Alcohol harm, substance misuse treatment and sexual health."},
        {"key": "econ", "name": "Economic development and enterprise",
         "description": "Getting people to work: access to jobs, skills and the town-centre economy."},
        {"key": "env", "name": "Environment and transport",
         "description": "Waste and recycling, carbon emissions and sustainable travel."},
    ],
    "partners": [
        {"key": "council", "name": "Illustrative Borough Council", "sector": "local_authority",
         "financial_year_start_month": 4},
        {"key": "health", "name": "Illustrative Primary Care Trust", "sector": "health",
         "financial_year_start_month": 4},
        # On a January-December year: its "2009-10" streams are calendar 2009's, apportioned by days.
        {"key": "police", "name": "Illustrative Police Basic Command Unit", "sector": "police",
         "financial_year_start_month": 1},
        {"key": "fire", "name": "Illustrative Fire and Rescue Service", "sector": "fire_rescue",
         "financial_year_start_month": 4},
        {"key": "probation", "name": "Illustrative Probation Area", "sector": "probation",
         "financial_year_start_month": 4},
        {"key": "voluntary", "name": "Illustrative Council for Voluntary Service consortium",
         "sector": "voluntary_community", "financial_year_start_month": 4},
    ],
    "goals": [
        {"key": "ni112", "theme": "cyp", "indicator_code": "NI 112",
         "title": "Under-18 conception rate", "unit": "conceptions per 1,000 females aged 15-17",
         "polarity": "lower_is_better", "baseline_value": "45.2", "baseline_year": "2008",
         "target_value": "38.0", "target_year": "2010-11", "weight": "3", "is_laa_target": True},
        {"key": "ni111", "theme": "cyp", "indicator_code": "NI 111",
         "title": "First time entrants to the Youth Justice System aged 10-17",
         "unit": "first time entrants per 100,000 aged 10-17", "polarity": "lower_is_better",
         "baseline_value": "1650", "baseline_year": "2008-09", "target_value": "1450",
         "target_year": "2010-11", "weight": "3", "is_laa_target": True},
        {"key": "ni51", "theme": "cyp", "indicator_code": "NI 51",
         "title": "Effectiveness of child and adolescent mental health (CAMHS) services",
         "unit": "self-assessment score (4 to 16)", "polarity": "higher_is_better",
         "baseline_value": "12", "baseline_year": "2008-09", "target_value": "15",
         "target_year": "2010-11", "weight": "2", "is_laa_target": False},
        {"key": "ni16", "theme": "safer", "indicator_code": "NI 16",
         "title": "Serious acquisitive crime rate", "unit": "offences per 1,000 population",
         "polarity": "lower_is_better", "baseline_value": "16.8", "baseline_year": "2008-09",
         "target_value": "15.2", "target_year": "2010-11", "weight": "3", "is_laa_target": True},
        {"key": "ni15", "theme": "safer", "indicator_code": "NI 15",
         "title": "Serious violent crime rate", "unit": "offences per 1,000 population",
         "polarity": "lower_is_better", "baseline_value": "0.92", "baseline_year": "2008-09",
         "target_value": "0.84", "target_year": "2010-11", "weight": "1", "is_laa_target": False},
        {"key": "ni40", "theme": "safer", "indicator_code": "NI 40",
         "title": "Number of drug users recorded as being in effective treatment",
         "unit": "drug users in effective treatment", "polarity": "higher_is_better",
         "baseline_value": "950", "baseline_year": "2008-09", "target_value": "1090",
         "target_year": "2010-11", "weight": "3", "is_laa_target": True},
        {"key": "ni21", "theme": "safer", "indicator_code": "NI 21",
         "title": "Dealing with local concerns about anti-social behaviour and crime issues "
                  "by the local council and police",
         "unit": "% of residents agreeing (Place Survey)", "polarity": "higher_is_better",
         "baseline_value": "26.5", "baseline_year": "2008", "target_value": "30.5",
         "target_year": "2010-11", "weight": "2", "is_laa_target": True},
        {"key": "ni39", "theme": "health", "indicator_code": "NI 39",
         "title": "Rate of hospital admissions for alcohol related harm",
         "unit": "admissions per 100,000 population, age-standardised",
         "polarity": "lower_is_better", "baseline_value": "1780", "baseline_year": "2008-09",
         "target_value": "1720", "target_year": "2010-11", "weight": "3", "is_laa_target": True},
        {"key": "ni113", "theme": "health", "indicator_code": "NI 113",
         "title": "Prevalence of chlamydia in under 25 year olds",
         "unit": "% of 15-24 year olds tested for chlamydia in the year",
         "polarity": "higher_is_better", "baseline_value": "17.0", "baseline_year": "2008-09",
         "target_value": "35.0", "target_year": "2010-11", "weight": "1", "is_laa_target": False},
        {"key": "ni175", "theme": "econ", "indicator_code": "NI 175",
         "title": "Access to services and facilities by public transport, walking and cycling",
         "unit": "% of working-age people within reach of employment sites",
         "polarity": "higher_is_better", "baseline_value": "83.0", "baseline_year": "2009",
         "target_value": "85.0", "target_year": "2010-11", "weight": "1", "is_laa_target": False},
        {"key": "ni192", "theme": "env", "indicator_code": "NI 192",
         "title": "Percentage of household waste sent for reuse, recycling and composting",
         "unit": "% of household waste", "polarity": "higher_is_better",
         "baseline_value": "36.5", "baseline_year": "2008-09", "target_value": "42.0",
         "target_year": "2010-11", "weight": "2", "is_laa_target": True},
        {"key": "ni186", "theme": "env", "indicator_code": "NI 186",
         "title": "Per capita CO2 emissions in the local authority area",
         "unit": "tonnes CO2 per resident per year", "polarity": "lower_is_better",
         "baseline_value": "7.1", "baseline_year": "2006", "target_value": "6.7",
         "target_year": "2010", "weight": "2", "is_laa_target": True},
    ],
    "funding_streams": FUNDING_STREAMS,
    "interventions": INTERVENTIONS,
    "scenarios": [
        {"key": "default", "name": "Default: maximise attainment of LAA targets",
         "mode": "maximise_attainment"},
        {"key": "safer-first", "name": "First draft: safer communities first",
         "mode": "maximise_attainment",
         "description": "Illustrative: at least 35% of the pooled money to safer and stronger communities.",
         "floors": [{"theme": "safer", "share": "0.35"}]},
    ],
}
# fmt: on
