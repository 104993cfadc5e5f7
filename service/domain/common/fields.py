"""Field types shared by the register's schemas: money, measured values, years and codes."""

import re
import secrets
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, Field, PlainSerializer, StringConstraints, WithJsonSchema

MAX_MONEY = Decimal("1000000000000")  # £1 trillion: anything above is a typing slip, not a budget


def _two_places(value: Decimal) -> str:
    return f"{value:.2f}"


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text if text != "-0" else "0"


def decimal_schema(string_pattern: str, minimum: float, maximum: float, places: int, *,
                   exclusive: bool = False) -> WithJsonSchema:
    """What the validators accept, stated exactly enough for a client (or a fuzzer) to rely on."""
    low = {"exclusiveMinimum": minimum} if exclusive else {"minimum": minimum}
    return WithJsonSchema({"anyOf": [
        {"type": "number", **low, "maximum": maximum, "multipleOf": 10 ** -places},
        {"type": "string", "pattern": string_pattern}]}, mode="validation")


_SIGNED = r"^-?(0|[1-9]\d{0,11})(\.\d{1,8})?$"
Money = Annotated[
    Decimal,
    Field(ge=0, le=MAX_MONEY, decimal_places=2, allow_inf_nan=False,
          description="Pounds, as a decimal string or number with at most two decimal places.",
          examples=["250000.00"]),
    PlainSerializer(_two_places, return_type=str, when_used="json"),
    decimal_schema(r"^(0|[1-9]\d{0,11})(\.\d{1,2})?$|^1000000000000(\.0{1,2})?$", 0, 1e12, 2),
]
Measured = Annotated[
    Decimal,
    Field(ge=Decimal("-1e12"), le=Decimal("1e12"), decimal_places=8, allow_inf_nan=False),
    PlainSerializer(_plain, return_type=str, when_used="json"),
    decimal_schema(_SIGNED, -1e11, 1e11, 8),
]
# A sum of amounts: exact and two places like Money, but not capped (many streams may pass £1tn together).
MoneyTotal = Annotated[Decimal, PlainSerializer(_two_places, return_type=str, when_used="json")]
PositiveMoney = Annotated[
    Decimal,
    Field(gt=0, le=MAX_MONEY, decimal_places=2, allow_inf_nan=False),
    PlainSerializer(_two_places, return_type=str, when_used="json"),
    decimal_schema(r"^(0\.(0[1-9]|[1-9]\d?)|[1-9]\d{0,11}(\.\d{1,2})?)$", 0, 1e12, 2, exclusive=True),
]
Factor = Annotated[
    Decimal,
    Field(ge=0, le=10, decimal_places=6, allow_inf_nan=False),
    PlainSerializer(_plain, return_type=str, when_used="json"),
    decimal_schema(r"^(\d(\.\d{1,6})?|10(\.0{1,6})?)$", 0, 10, 6),
]
Weight = Annotated[
    Decimal,
    Field(ge=0, le=1_000_000, decimal_places=8, allow_inf_nan=False,
          description="Priority; 0 means tracked but not optimised for."),
    PlainSerializer(_plain, return_type=str, when_used="json"),
    decimal_schema(r"^(0|[1-9]\d{0,5})(\.\d{1,8})?$", 0, 999_999, 8),
]
Share = Annotated[
    Decimal,
    Field(ge=0, le=1, decimal_places=6, allow_inf_nan=False),
    PlainSerializer(_plain, return_type=str, when_used="json"),
    decimal_schema(r"^(0(\.\d{1,6})?|1(\.0{1,6})?)$", 0, 1, 6),
]

_FY = re.compile(r"^(\d{4})-(\d{2})$")


def _check_financial_year(value: str) -> str:
    match = _FY.match(value)
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ValueError("write a financial year like 2009-10: a year and the next year's last two digits")
    return value


# Every "YYYY-YY" whose second part follows the first, spelt out so the schema says exactly what is valid.
FINANCIAL_YEAR_PATTERN = r"^\d{2}(" + "|".join(f"{n:02d}-{(n + 1) % 100:02d}" for n in range(100)) + ")$"
FinancialYear = Annotated[
    str, Field(examples=["2009-10"], max_length=7, pattern=FINANCIAL_YEAR_PATTERN),
    AfterValidator(_check_financial_year),
]
YearOrFinancialYear = Annotated[
    str, Field(pattern=r"^\d{4}(-\d{2})?$", examples=["2008"], description="2008 or 2008-09")
]
GssAreaCode = Annotated[
    str,
    Field(pattern=r"^(E0[6-9]|E10|W06)\d{6}$", examples=["E06000999"],
          description="ONS GSS code of a unitary, district, metropolitan or London borough, "
          "county (E06/E07/E08/E09/E10) or Welsh principal area (W06), then six digits"),
]
Month = Annotated[int, Field(ge=1, le=12, description="1 = January … 4 = April")]

# What no text may hold: control characters (a note may still have tabs and line breaks), the
# bidirectional embeddings, overrides and isolates (a name that reads differently from what it is), and
# lone surrogates, which are not text at all. One rule for every text field and text filter. The schema's
# patterns leave surrogates out: JavaScript's regular expressions see every emoji as two of them.
_CONTROLS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_BIDI = r"\u202a-\u202e\u2066-\u2069"
_SURROGATES = r"\ud800-\udfff"
_UNSAFE = _CONTROLS + _BIDI + _SURROGATES
_UNSAFE_IN_LINE = r"\t\n\r" + _UNSAFE
_SHOWN_IN_LINE = r"\t\n\r" + _CONTROLS + _BIDI
LINE_PATTERN = rf"^[^{_SHOWN_IN_LINE}]*[^\s{_SHOWN_IN_LINE}][^{_SHOWN_IN_LINE}]*$"
NOTE_PATTERN = rf"^[^{_CONTROLS + _BIDI}]*$"


def _describe(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if "\ud800" <= char <= "\udfff":
        return f"a lone surrogate ({code})"
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return f"a bidirectional control character ({code})"
    if char in "\t\n\r":
        return f"a tab or line break ({code})"
    return f"a control character ({code})"


def _safe(unsafe: str, *, blank_ok: bool) -> Callable[[str], str]:
    found_unsafe = re.compile(f"[{unsafe}]").search

    def check(value: str) -> str:
        if (found := found_unsafe(value)) is not None:
            raise ValueError(f"must not contain {_describe(found.group())}, found at character {found.start() + 1}")
        if not blank_ok and not value.strip():
            raise ValueError("must not be blank")
        return value
    return check


def line_rules(max_length: int) -> tuple[Any, ...]:
    """One line of text: stripped, not blank, with no control or bidirectional characters. The
    schema states the rule as a pattern; the validator enforces it with a message naming the character.
    Use as Annotated[str, *line_rules(n)]."""
    return (StringConstraints(strip_whitespace=True, max_length=max_length),
            AfterValidator(_safe(_UNSAFE_IN_LINE, blank_ok=False)),
            Field(json_schema_extra={"minLength": 1, "pattern": LINE_PATTERN}))


def _not_a_placeholder(value: str) -> str:
    """The request examples show free text as `<what to write>`: sent unchanged, it would be stored as if
    someone had written it."""
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        raise ValueError("is the example's placeholder: write your own words in its place, or leave it out")
    return value


def note_rules(max_length: int = 4000, *, required: bool = False) -> tuple[Any, ...]:
    """Free text that may run over several lines; blank allowed unless `required`; never an example's
    `<placeholder>` sent unchanged."""
    return (StringConstraints(strip_whitespace=required, max_length=max_length),
            AfterValidator(_safe(_UNSAFE, blank_ok=not required)), AfterValidator(_not_a_placeholder),
            Field(json_schema_extra={"pattern": NOTE_PATTERN} | ({"minLength": 1} if required else {})))


Name = Annotated[str, *line_rules(200)]
Label = Annotated[str, *line_rules(200)]  # a short text such as a unit of measure
Code = Annotated[str, *line_rules(20)]
Note = Annotated[str, *note_rules()]
RequiredNote = Annotated[str, *note_rules(required=True)]


_last_id = 0
_id_lock = threading.Lock()


def new_id() -> uuid.UUID:
    """A UUIDv7 (RFC 9562): the Unix millisecond, its fraction in the 12 bits after the version (the RFC's
    method 3) and random bits, so that ordering by id is ordering by creation (lists, cursor pages, the audit
    trail): to a quarter of a microsecond between processes, and strictly within one, where an id that would
    not sort after the last one made is the last one plus one. Random bits alone after the millisecond listed
    two events of the same millisecond in either order."""
    global _last_id
    millis, nanos = divmod(time.time_ns(), 1_000_000)
    value = ((millis & (2**48 - 1)) << 80 | 0x7 << 76  # version 7
             | (nanos * 4096 // 1_000_000) << 64 | 0x2 << 62  # the RFC 4122 variant
             | secrets.randbits(61))  # 61 of the 62 bits: room to count up without touching the variant
    with _id_lock:
        value = _last_id = max(value, _last_id + 1)
    return uuid.UUID(int=value)


def utcnow() -> datetime:
    return datetime.now(UTC)
