"""The demo partnership's interventions: what each costs, who leads it, its tranches of diminishing
returns and its effects on the goals, with low and high estimates (illustrative; calibration in
data.py)."""

from typing import Any

# fmt: off
INTERVENTIONS: list[dict[str, Any]] = [
    # Children and young people
    {"key": "teen-preg-outreach", "theme": "cyp", "lead_partner": "health",
     "title": "Young people's contraception and sexual health outreach",
     "description": "Clinics in schools and colleges, C-card condom scheme, outreach nurses.",
     "min_viable_funding": "150000.00", "capacity": "2000000.00", "committed_funding": "0.00",
     "tranches": [{"width": "700000.00", "multiplier": "1"},
                  {"width": "1300000.00", "multiplier": "0.5"}],
     "effects": [
         {"goal": "ni112", "per_thousand": "-0.0040", "low": "-0.0020", "high": "-0.0060",
          "evidence_note": "Illustrative: contraception is claimed to save £11 per £1 and an "
                           "unintended pregnancy costs the NHS ~£1,663, but most averted "
                           "pregnancies are not under-18s; here ~£55,000 per under-18 "
                           "conception averted (~4,500 females aged 15-17)."},
         {"goal": "ni113", "per_thousand": "0.0030", "low": "0.0015", "high": "0.0045",
          "evidence_note": "Illustrative: outreach clinics also offer a chlamydia test."}]},
    {"key": "sre-schools", "theme": "cyp", "lead_partner": "council",
     "title": "Sex and relationships education in schools and youth settings",
     "description": "Teacher training and peer education; this year's contract is let.",
     "min_viable_funding": "0.00", "capacity": "500000.00", "committed_funding": "120000.00",
     "tranches": [],
     "effects": [
         {"goal": "ni112", "per_thousand": "-0.0022", "low": "-0.0007", "high": "-0.0035",
          "evidence_note": "Illustrative: weaker evidence than for contraception services."},
         {"goal": "ni113", "per_thousand": "0.0010", "low": None, "high": None,
          "evidence_note": "Illustrative: signposting to testing."}]},
    {"key": "youth-crime-prevention", "theme": "cyp", "lead_partner": "council",
     "title": "Youth crime prevention: triage at the point of arrest and youth inclusion",
     "description": "The youth offending service diverts low-level first offenders.",
     "min_viable_funding": "200000.00", "capacity": "2600000.00", "committed_funding": "0.00",
     "tranches": [{"width": "1000000.00", "multiplier": "1"},
                  {"width": "1600000.00", "multiplier": "0.6"}],
     "effects": [
         {"goal": "ni111", "per_thousand": "-0.064", "low": "-0.032", "high": "-0.096",
          "evidence_note": "Illustrative: a first-time entrant costs £3,620 in the first year "
                           "and £22,995 over nine; ~25,000 aged 10-17, so one entrant is "
                           "4 per 100,000 and this is ~£62,000 per entrant avoided."},
         {"goal": "ni16", "per_thousand": "-0.0001", "low": None, "high": None,
          "evidence_note": "Illustrative: a few fewer thefts by young people."}]},
    {"key": "positive-activities", "theme": "cyp", "lead_partner": "voluntary",
     "title": "Positive activities for young people on Friday and Saturday nights",
     "description": "Detached youth work and open-access clubs in hot-spot wards.",
     "min_viable_funding": "0.00", "capacity": "1500000.00", "committed_funding": "80000.00",
     "tranches": [],
     "effects": [
         {"goal": "ni111", "per_thousand": "-0.018", "low": "-0.005", "high": "-0.030",
          "evidence_note": "Illustrative: diversionary activity; the evidence is mixed."},
         {"goal": "ni21", "per_thousand": "0.0007", "low": None, "high": None,
          "evidence_note": "Illustrative: fewer groups of young people with nothing to do."},
         {"goal": "ni112", "per_thousand": "-0.0008", "low": None, "high": None,
          "evidence_note": "Illustrative: youth workers refer to sexual health services."}]},
    {"key": "camhs-targeted", "theme": "cyp", "lead_partner": "council",
     "title": "Targeted mental health in schools (TaMHS) and tier 2 CAMHS",
     "description": "Mental health workers in schools, led by children's services; the "
                    "first posts are contracted.",
     "min_viable_funding": "100000.00", "capacity": "2000000.00",
     "committed_funding": "200000.00",
     "tranches": [{"width": "800000.00", "multiplier": "1"},
                  {"width": "1200000.00", "multiplier": "0.5"}],
     "effects": [
         {"goal": "ni51", "per_thousand": "0.0014", "low": "0.0009", "high": "0.0020",
          "evidence_note": "Illustrative: about one point of the 16-point self-assessment "
                           "per £700,000 of early-intervention capacity."}]},
    {"key": "family-intervention", "theme": "cyp", "lead_partner": "council",
     "title": "Family intervention project for families with complex needs",
     "description": "Key workers for the most troubled families; needs a whole team to run.",
     "min_viable_funding": "250000.00", "capacity": "2000000.00", "committed_funding": "0.00",
     "tranches": [],
     "effects": [
         {"goal": "ni111", "per_thousand": "-0.024", "low": "-0.012", "high": "-0.036",
          "evidence_note": "Illustrative: anchored on £3,620 per first-time entrant."},
         {"goal": "ni21", "per_thousand": "0.0007", "low": None, "high": None,
          "evidence_note": "Illustrative: fewer complaints from neighbours."},
         {"goal": "ni16", "per_thousand": "-0.00014", "low": None, "high": None,
          "evidence_note": "Illustrative: burglary costs ~£3,600 (2007-08 prices)."},
         {"goal": "ni51", "per_thousand": "0.0002", "low": None, "high": None,
          "evidence_note": "Illustrative: family workers refer children to CAMHS early."}]},
    {"key": "early-years-parenting", "theme": "cyp", "lead_partner": "council",
     "title": "Early years parenting programmes in children's centres",
     "description": "Evidence-based group parenting courses; most of the benefit comes later.",
     "min_viable_funding": "0.00", "capacity": "2600000.00", "committed_funding": "0.00",
     "tranches": [],
     "effects": [
         {"goal": "ni51", "per_thousand": "0.00036", "low": "0.00014", "high": "0.00054",
          "evidence_note": "Illustrative: Total Place estimates £4 back per £1 on early "
                           "years, but mostly after the LAA period."},
         {"goal": "ni111", "per_thousand": "-0.007", "low": None, "high": None,
          "evidence_note": "Illustrative: a small in-period effect through older siblings."}]},
    # Safer and stronger communities
    {"key": "dip-arrest-referral", "theme": "safer", "lead_partner": "police",
     "title": "Drug Interventions Programme: testing on arrest and arrest referral",
     "description": "Drug workers in custody suites; the custody contract is let.",
     "min_viable_funding": "0.00", "capacity": "1000000.00", "committed_funding": "150000.00",
     "tranches": [],
     "effects": [
         {"goal": "ni40", "per_thousand": "0.020", "low": "0.012", "high": "0.028",
          "evidence_note": "Illustrative: ~£50,000 per extra user kept in effective "
                           "treatment, as most referrals drop out."},
         {"goal": "ni16", "per_thousand": "-0.00024", "low": "-0.00012", "high": "-0.00036",
          "evidence_note": "Illustrative: an untreated dependent user commits ~£26,000 of "
                           "crime a year; one offence is 0.004 per 1,000 residents."}]},
    {"key": "burglary-reduction", "theme": "safer", "lead_partner": "police",
     "title": "Burglary target hardening and repeat-victim scheme",
     "description": "Locks, alarms and lighting for victims and their neighbours.",
     "min_viable_funding": "0.00", "capacity": "650000.00", "committed_funding": "0.00",
     "tranches": [{"width": "325000.00", "multiplier": "1"},
                  {"width": "325000.00", "multiplier": "0.5"}],
     "effects": [
         {"goal": "ni16", "per_thousand": "-0.00060", "low": "-0.00032", "high": "-0.00090",
          "evidence_note": "Illustrative: burglary in a dwelling costs ~£3,600; here "
                           "~£6,700 per offence prevented."},
         {"goal": "ni21", "per_thousand": "0.00045", "low": None, "high": None,
          "evidence_note": "Illustrative: visible action on local concerns."}]},
    {"key": "neighbourhood-asb", "theme": "safer", "lead_partner": "council",
     "title": "Neighbourhood anti-social behaviour teams and wardens",
     "description": "Joint council and police problem-solving teams with enforcement powers.",
     "min_viable_funding": "150000.00", "capacity": "2000000.00", "committed_funding": "0.00",
     "tranches": [{"width": "1000000.00", "multiplier": "1"},
                  {"width": "1000000.00", "multiplier": "0.5"}],
     "effects": [
         {"goal": "ni21", "per_thousand": "0.0010", "low": "0.0004", "high": "0.0016",
          "evidence_note": "Illustrative: Place Survey perceptions move slowly; about one "
                           "point per £1m."},
         {"goal": "ni111", "per_thousand": "0.0045", "low": "0.0000", "high": "0.0090",
          "evidence_note": "Illustrative side effect: enforcement draws some young people "
                           "into the youth justice system."}]},
    {"key": "integrated-offender-mgmt", "theme": "safer", "lead_partner": "probation",
     "title": "Integrated offender management of prolific offenders",
     "description": "Police, probation and treatment services jointly manage ~100 offenders.",
     "min_viable_funding": "200000.00", "capacity": "1300000.00", "committed_funding": "0.00",
     "tranches": [],
     "effects": [
         {"goal": "ni16", "per_thousand": "-0.00040", "low": "-0.00020", "high": "-0.00060",
          "evidence_note": "Illustrative: prolific offenders commit many burglaries "
                           "(~£3,600 each); ~£10,000 per offence prevented."},
         {"goal": "ni40", "per_thousand": "0.009", "low": None, "high": None,
          "evidence_note": "Illustrative: treatment as a condition of supervision."}]},
    {"key": "violence-cardiff", "theme": "safer", "lead_partner": "police",
     "title": "A&E violence data sharing and targeted licensing enforcement",
     "description": "Hospital assault data steers policing of late-night hot spots.",
     "min_viable_funding": "0.00", "capacity": "400000.00", "committed_funding": "0.00",
     "tranches": [],
     "effects": [
         {"goal": "ni15", "per_thousand": "-0.00009", "low": "-0.000045", "high": "-0.000135",
          "evidence_note": "Illustrative: violence with injury costs ~£11,600; here ~£44,000 "
                           "per serious violent offence prevented."},
         {"goal": "ni39", "per_thousand": "-0.0045", "low": None, "high": None,
          "evidence_note": "Illustrative: fewer drink-related assault admissions."}]},
    {"key": "fire-home-safety", "theme": "safer", "lead_partner": "fire",
     "title": "Home fire safety checks with alcohol and safeguarding referrals",
     "description": "Targeted visits to vulnerable households; the first visits are booked.",
     "min_viable_funding": "0.00", "capacity": "400000.00", "committed_funding": "50000.00",
     "tranches": [],
     "effects": [
         {"goal": "ni21", "per_thousand": "0.00045", "low": None, "high": None,
          "evidence_note": "Illustrative: a visible partnership presence."},
         {"goal": "ni39", "per_thousand": "-0.0022", "low": None, "high": None,
          "evidence_note": "Illustrative: dependent drinkers found on visits are referred."}]},
    {"key": "domestic-violence-idva", "theme": "safer", "lead_partner": "voluntary",
     "title": "Independent domestic violence advisers and MARAC support",
     "description": "Advocates for high-risk victims; one post is already contracted.",
     "min_viable_funding": "0.00", "capacity": "500000.00", "committed_funding": "100000.00",
     "tranches": [],
     "effects": [
         {"goal": "ni15", "per_thousand": "-0.000045", "low": "-0.000022",
          "high": "-0.000068",
          "evidence_note": "Illustrative: repeat assaults on high-risk victims averted."},
         {"goal": "ni21", "per_thousand": "0.00045", "low": None, "high": None,
          "evidence_note": "Illustrative."}]},
    # Healthier communities and older people
    {"key": "drug-treatment", "theme": "health", "lead_partner": "council",
     "title": "Community drug treatment expansion (structured tier 3 treatment)",
     "description": "Commissioned by the council's drug action team: more places, shorter "
                    "waits and better retention.",
     "min_viable_funding": "300000.00", "capacity": "4000000.00", "committed_funding": "0.00",
     "tranches": [{"width": "2000000.00", "multiplier": "1"},
                  {"width": "2000000.00", "multiplier": "0.7"}],
     "effects": [
         {"goal": "ni40", "per_thousand": "0.032", "low": "0.020", "high": "0.045",
          "evidence_note": "Illustrative: treatment is claimed to save at least £9.50 per £1 "
                           "in crime and health costs; here ~£31,000 per extra user in "
                           "effective treatment, outreach and retention included."},
         {"goal": "ni16", "per_thousand": "-0.00015", "low": "-0.00008", "high": "-0.00030",
          "evidence_note": "Illustrative: an untreated dependent user commits ~£26,000 of "
                           "crime a year; discounted for relapse and displacement."}]},
    {"key": "alcohol-iba", "theme": "health", "lead_partner": "health",
     "title": "Alcohol identification and brief advice in primary care and A&E",
     "description": "Screening and five-minute advice by GPs, practice nurses and A&E staff.",
     "min_viable_funding": "0.00", "capacity": "1200000.00", "committed_funding": "0.00",
     "tranches": [{"width": "500000.00", "multiplier": "1"},
                  {"width": "700000.00", "multiplier": "0.5"}],
     "effects": [
         {"goal": "ni39", "per_thousand": "-0.024", "low": "-0.012", "high": "-0.036",
          "evidence_note": "Illustrative: one admission is 0.4 per 100,000 of 250,000 "
                           "residents; here ~£17,000 per admission averted."}]},
    {"key": "alcohol-treatment", "theme": "health", "lead_partner": "council",
     "title": "Community alcohol treatment service",
     "description": "Specialist treatment for dependent drinkers, commissioned by the council.",
     "min_viable_funding": "150000.00", "capacity": "1800000.00", "committed_funding": "0.00",
     "tranches": [],
     "effects": [
         {"goal": "ni39", "per_thousand": "-0.020", "low": "-0.010", "high": "-0.030",
          "evidence_note": "Illustrative: dependent drinkers account for many repeat "
                           "admissions; anchored on the Salford drug and alcohol pool."},
         {"goal": "ni15", "per_thousand": "-0.000013", "low": None, "high": None,
          "evidence_note": "Illustrative."}]},
    {"key": "chlamydia-screening", "theme": "health", "lead_partner": "health",
     "title": "Chlamydia screening in community settings",
     "description": "Testing in pharmacies, colleges and GP practices; partly contracted.",
     "min_viable_funding": "0.00", "capacity": "1200000.00", "committed_funding": "200000.00",
     "tranches": [],
     "effects": [
         {"goal": "ni113", "per_thousand": "0.011", "low": "0.007", "high": "0.015",
          "evidence_note": "Illustrative: ~32,000 aged 15-24, so ~£280 per extra young "
                           "person tested, outreach to the hard-to-reach included."}]},
    # Economic development and enterprise
    {"key": "night-time-economy", "theme": "econ", "lead_partner": "council",
     "title": "Town centre evening economy and late-night bus links",
     "description": "Grants for evening businesses and subsidised late-night buses.",
     "min_viable_funding": "0.00", "capacity": "800000.00", "committed_funding": "0.00",
     "tranches": [],
     "effects": [
         {"goal": "ni175", "per_thousand": "0.00068", "low": "0.00022", "high": "0.00112",
          "evidence_note": "Illustrative: evening buses bring shift work within reach."},
         {"goal": "ni39", "per_thousand": "0.0045", "low": "0.0013", "high": "0.0090",
          "evidence_note": "Illustrative side effect: more late-night drinking raises "
                           "alcohol-related admissions slightly."},
         {"goal": "ni15", "per_thousand": "0.000013", "low": None, "high": None,
          "evidence_note": "Illustrative side effect: more late-night violence."}]},
    {"key": "bus-links-employment", "theme": "econ", "lead_partner": "council",
     "title": "Bus links and cycle routes to employment sites",
     "description": "Supported bus services and cycle routes to the two business parks.",
     "min_viable_funding": "200000.00", "capacity": "2600000.00", "committed_funding": "0.00",
     "tranches": [{"width": "1000000.00", "multiplier": "1"},
                  {"width": "1600000.00", "multiplier": "0.5"}],
     "effects": [
         {"goal": "ni175", "per_thousand": "0.00080", "low": "0.00040", "high": "0.00120",
          "evidence_note": "Illustrative: access to employment was 83% in 2009; ~160,000 "
                           "of working age, so ~£800 per person brought within reach."},
         {"goal": "ni186", "per_thousand": "-0.0000009", "low": None, "high": None,
          "evidence_note": "Illustrative: some car trips replaced."}]},
    {"key": "apprenticeships-neet", "theme": "econ", "lead_partner": "council",
     "title": "Apprenticeships and re-engagement for young people not in work or training",
     "description": "Wage subsidies and key workers; this year's cohort is recruited.",
     "min_viable_funding": "0.00", "capacity": "2000000.00", "committed_funding": "150000.00",
     "tranches": [],
     "effects": [
         {"goal": "ni111", "per_thousand": "-0.009", "low": None, "high": None,
          "evidence_note": "Illustrative: being in work or training protects against "
                           "offending."},
         {"goal": "ni16", "per_thousand": "-0.000045", "low": None, "high": None,
          "evidence_note": "Illustrative."}]},
    {"key": "ex-offender-employment", "theme": "econ", "lead_partner": "probation",
     "title": "Employment and training for offenders leaving custody",
     "description": "Job brokerage with local employers for people on licence.",
     "min_viable_funding": "0.00", "capacity": "500000.00", "committed_funding": "0.00",
     "tranches": [],
     "effects": [
         {"goal": "ni16", "per_thousand": "-0.00027", "low": "-0.00009", "high": "-0.00045",
          "evidence_note": "Illustrative: work reduces reoffending; burglary ~£3,600."}]},
    # Environment and transport
    {"key": "kerbside-recycling", "theme": "env", "lead_partner": "council",
     "title": "Kerbside food and garden waste collection extension",
     "description": "New rounds need vehicles and crews, so there is a minimum size.",
     "min_viable_funding": "400000.00", "capacity": "3000000.00", "committed_funding": "0.00",
     "tranches": [{"width": "1600000.00", "multiplier": "1"},
                  {"width": "1400000.00", "multiplier": "0.5"}],
     "effects": [
         {"goal": "ni192", "per_thousand": "0.0020", "low": "0.0014", "high": "0.0026",
          "evidence_note": "Illustrative: ~110,000 tonnes of household waste, so ~£450 per "
                           "tonne diverted in the first year, vehicles included."}]},
    {"key": "recycling-campaign", "theme": "env", "lead_partner": "voluntary",
     "title": "Recycling participation campaign and community reuse projects",
     "description": "Doorstep canvassing, furniture reuse and bring sites.",
     "min_viable_funding": "0.00", "capacity": "500000.00", "committed_funding": "0.00",
     "tranches": [],
     "effects": [
         {"goal": "ni192", "per_thousand": "0.0016", "low": "0.0006", "high": "0.0026",
          "evidence_note": "Illustrative: participation campaigns fade without follow-up."}]},
    {"key": "home-insulation", "theme": "env", "lead_partner": "council",
     "title": "Home insulation and fuel poverty programme",
     "description": "Loft and cavity wall insulation on top of national schemes.",
     "min_viable_funding": "0.00", "capacity": "3200000.00", "committed_funding": "0.00",
     "tranches": [],
     "effects": [
         {"goal": "ni186", "per_thousand": "-0.0000036", "low": "-0.0000018",
          "high": "-0.0000054",
          "evidence_note": "Illustrative: ~0.9 tonnes CO2 a year saved per £1,000 spread "
                           "over 250,000 residents; most of NI 186 is national."}]},
]
# fmt: on
