"""The schema's period pattern says exactly which labels the partnership's calendar reads: a label
matches it if and only if it parses, so a client validating against the schema is never refused for the
label's spelling."""

import calendar
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from service.domain.models.performance import PERIOD_PATTERN
from service.domain.observations import periods
from tests import builders as b

MATCHES = re.compile(PERIOD_PATTERN).match
NAMES = [*calendar.month_name[1:], *calendar.month_abbr[1:], "Sept", "Mayo", "Q1"]


def parses(label: str) -> bool:
    try:
        periods.parse(label.strip(), 4)
    except periods.NotAPeriod:
        return False
    return True


def cased(draw, word: str) -> str:
    return "".join(c.upper() if draw(st.booleans()) else c.lower() for c in word)


@st.composite
def labels(draw) -> str:
    year = draw(st.integers(1890, 2110))
    spaces = draw(st.sampled_from(["", " ", "  "]))
    kind = draw(st.sampled_from(["year", "quarter", "month"]))
    if kind == "month":
        body = f"{cased(draw, draw(st.sampled_from(NAMES)))}{spaces or ' '}{year}"
    else:
        second = draw(st.sampled_from([(year + 1) % 100, (year + 2) % 100, year % 100]))
        body = f"{year}-{second:02d}"
        if kind == "quarter":
            body += f"{spaces}{cased(draw, 'q')}{draw(st.integers(0, 5))}"
    return draw(st.sampled_from(["", " "])) + body + draw(st.sampled_from(["", " "]))


@settings(max_examples=400, deadline=None)
@given(labels())
def test_a_label_matches_the_schema_exactly_when_the_calendar_reads_it(label):
    in_range = all(1900 <= int(y) <= 2099 for y in re.findall(r"\d{4}", label))
    assert bool(MATCHES(label)) == (parses(label) and in_range), label


def test_the_api_refuses_a_label_out_of_the_pattern_naming_the_field(client):
    p = b.partnership(client)
    made = b.one_of_each(client, p)
    for label in ["2009-11", "Sept 2009", "2009-10 Q5", "May 2100"]:
        body = {"goal_id": made["goal"]["id"], "partner_id": made["partner"]["id"], "period": label, "value": "1"}
        problem = b.assert_problem(client.post(b.under(p, "observations"), json=body), 422)
        assert [e["loc"] for e in problem["errors"]] == [["body", "period"]], problem
