#!/usr/bin/env python3
"""Write the feed fixtures and their manifest (standard library only).

  Tests/Fixtures/feed/valid/*.ndjson     every line must be accepted
  Tests/Fixtures/feed/invalid/*.ndjson   every line must be rejected, for exactly one rule
  Tests/Fixtures/feed/framing/*.ndjson   valid files whose framing is unusual (CRLF, blank lines,
                                         a BOM at the start, no final newline)
  Tests/Fixtures/feed/manifest.json      per file: expect, rule; per line: field and note

Lines are written byte for byte (some invalid lines are not UTF-8, carry raw control bytes, a BOM,
are longer than 1 MiB or nest 65 deep). Every event id is unique across all files, so the fixtures
can be ingested together: ids are "<v|i>-<file stem>-<line>" unless a case is about the id itself.

The `field` convention (what a validator's error must name): envelope fields by name (`id`, `v`,
`seq`, ...), data fields as paths (`data.lines[0].quantity`, `data.billing_address.country_code`),
money-vs-currency errors name the money field, at-least-one rules name the object (`data`), a
duplicate line_ref names the second occurrence, and framing errors (not JSON, UTF-8, size, depth,
duplicate key, control byte, BOM, lone surrogate, top level not an object) have field null.

Usage: python3 scripts/gen_fixtures.py [--check]
"""
from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
import isodata  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests" / "Fixtures" / "feed"
MAX_LINE = 1_048_576
MAX_DEPTH = 64
BOM = b"\xef\xbb\xbf"

# ---------------------------------------------------------------------------------------------
# A tiny JSON writer that can also write what json.dumps cannot: duplicate keys (Pairs), number
# literals as written and other verbatim fragments (Raw), lone surrogates (escaped).
# ---------------------------------------------------------------------------------------------


class Raw:
    """A verbatim JSON fragment: Raw("1.0"), Raw("-0.00"), Raw('"\\ud800"')."""

    def __init__(self, text: str):
        self.text = text


class Pairs:
    """An object written key by key, duplicates allowed. Keys may be Raw (for escaped spellings)."""

    def __init__(self, *pairs: tuple[Any, Any]):
        self.pairs = list(pairs)


AUTO = "\u0000AUTO-ID\u0000"  # replaced by the file's generated id
DEL = object()  # with setp: remove the key

# Escaped when writing strings so that the fixtures stay readable and only the lines that are
# about raw bytes carry them: C0/C1 controls, DEL, non-ASCII Unicode whitespace, BOM, surrogates.
_ESCAPED = set(range(0x20)) | set(range(0x7F, 0xA1)) | {0x1680, 0x180E, 0x2028, 0x2029, 0x202F, 0x205F, 0x2060, 0x3000, 0xFEFF}
_ESCAPED |= set(range(0x2000, 0x2010))
_SHORT = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f"}


def enc_str(s: str) -> str:
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch in _SHORT:
            out.append(_SHORT[ch])
        elif o in _ESCAPED or 0xD800 <= o <= 0xDFFF:
            out.append(f"\\u{o:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def enc(v: Any) -> str:
    if isinstance(v, Raw):
        return v.text
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        raise TypeError("write non-integer numbers as Raw('...') so the literal is exact")
    if isinstance(v, str):
        return enc_str(v)
    if isinstance(v, list):
        return "[" + ",".join(enc(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ",".join(f"{enc_str(k)}:{enc(x)}" for k, x in v.items()) + "}"
    if isinstance(v, Pairs):
        return "{" + ",".join(f"{enc(k)}:{enc(x)}" for k, x in v.pairs) + "}"
    raise TypeError(f"cannot write {type(v)}")


def line_bytes(v: Any) -> bytes:
    return enc(v).encode("utf-8", errors="surrogatepass")


# ---------------------------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------------------------
TS = "2026-11-20T14:00:00Z"
PERIOD_END = "2026-12-20T14:00:00Z"

ADDR_GB = {
    "line1": "12 Tea Street",
    "line2": "Flat 3",
    "city": "Leeds",
    "region": "West Yorkshire",
    "postal_code": "LS1 4AP",
    "country_code": "GB",
    "x_geo": {"lat": "53.80", "lng": "-1.55", "x_source": ["osm", {"v": 2}]},
}
ADDR_US = {"line1": "1 Main St", "city": "Springfield", "country_code": "US"}

MIN: dict[str, dict] = {
    "customer.upserted": {"customer_ref": "C-77", "email": "ada@example.com"},
    "product.upserted": {"sku": "TEA-1", "name": "Green tea 250g", "price": "12.50", "currency": "USD"},
    "order.placed": {
        "order_ref": "FH-10023",
        "customer_ref": "C-77",
        "currency": "USD",
        "lines": [{"line_ref": "1", "sku": "TEA-1", "quantity": 2, "unit_price": "12.50"}],
    },
    "order.line_added": {"order_ref": "FH-10023", "line": {"line_ref": "2", "sku": "TEA-2", "quantity": 1, "unit_price": "3.00"}},
    "order.line_changed": {"order_ref": "FH-10023", "line_ref": "1", "quantity": 3},
    "order.line_removed": {"order_ref": "FH-10023", "line_ref": "2"},
    "order.charges_changed": {"order_ref": "FH-10023", "shipping": "5.00"},
    "order.status_changed": {"order_ref": "FH-10023", "status": "processing"},
    "order.cancelled": {"order_ref": "FH-10023"},
    "shipment.shipped": {"order_ref": "FH-10023", "shipment_ref": "S-1", "carrier": "UPS"},
    "shipment.delivered": {"order_ref": "FH-10023", "shipment_ref": "S-1"},
    "shipment.returned": {"order_ref": "FH-10023", "shipment_ref": "S-1"},
    "payment.captured": {"order_ref": "FH-10023", "payment_ref": "P-1", "amount": "32.05"},
    "payment.refunded": {"order_ref": "FH-10023", "payment_ref": "P-1", "refund_ref": "R-1", "amount": "5.00"},
    "subscription.started": {
        "subscription_ref": "SUB-1",
        "customer_ref": "C-77",
        "sku": "TEA-CLUB",
        "price": "9.99",
        "currency": "USD",
        "interval": "month",
        "current_period_end": PERIOD_END,
    },
    "subscription.renewed": {"subscription_ref": "SUB-1", "current_period_end": "2027-01-20T14:00:00Z"},
    "subscription.status_changed": {"subscription_ref": "SUB-1", "status": "paused"},
}

FULL: dict[str, dict] = {
    "customer.upserted": {
        "customer_ref": "C-77",
        "email": "ada@example.com",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "phone": "+44 20 7946 0000",
        "company": "Analytical Engines Ltd",
        "billing_address": ADDR_GB,
        "shipping_address": dict(ADDR_US, x_note="leave at the door"),
        "x_loyalty": {"tier": "gold", "points": 1200},
    },
    "product.upserted": {
        "sku": "TEA-1",
        "name": "Green tea 250g",
        "price": "12.50",
        "currency": "USD",
        "subscription": False,
        "description": "Sencha, first flush",
        "active": True,
        "x_weight_g": 250,
    },
    "order.placed": {
        "order_ref": "FH-10023",
        "customer_ref": "C-77",
        "currency": "USD",
        "lines": [
            {"line_ref": "1", "sku": "TEA-1", "quantity": 2, "unit_price": "12.50", "description": "Green tea", "x_gift": True},
            {"line_ref": "2", "sku": "MUG-1", "quantity": 1, "unit_price": 8, "description": None, "x_engraving": {"text": "Ada"}},
        ],
        "shipping": "4.95",
        "tax": Raw("2.10"),
        "discount": "1.00",
        "promo_codes": ["WELCOME", "TEA10"],
        "shipping_address": ADDR_GB,
        "x_channel": {"name": "web", "tags": ["a", 1, None]},
    },
    "order.line_added": {
        "order_ref": "FH-10023",
        "line": {"line_ref": "3", "sku": "TEA-2", "quantity": 1, "unit_price": "3.00", "description": "Sample", "x_free": True},
        "x_by": "support",
    },
    "order.line_changed": {"order_ref": "FH-10023", "line_ref": "1", "quantity": 3, "unit_price": "11.00", "x_reason": "price match"},
    "order.line_removed": {"order_ref": "FH-10023", "line_ref": "2", "x_note": {"by": "customer"}},
    "order.charges_changed": {"order_ref": "FH-10023", "shipping": "0", "tax": "2.00", "discount": "2.50", "x_rule": "free-shipping"},
    "order.status_changed": {"order_ref": "FH-10023", "status": "on_hold", "x_by": {"user": "ops-1"}},
    "order.cancelled": {"order_ref": "FH-10023", "reason": "Customer asked", "x_refund": "full"},
    "shipment.shipped": {
        "order_ref": "FH-10023",
        "shipment_ref": "S-1",
        "carrier": "UPS",
        "service": "Ground",
        "tracking_number": "1Z999AA10123456784",
        "tracking_url": "https://tracking.example/1Z999AA10123456784",
        "lines": [{"line_ref": "1", "quantity": 2, "x_box": "B1"}, {"line_ref": "2", "quantity": 1}],
        "x_weight_kg": Raw("1.25"),
    },
    "shipment.delivered": {"order_ref": "FH-10023", "shipment_ref": "S-1", "x_signed_by": "A. Lovelace"},
    "shipment.returned": {"order_ref": "FH-10023", "shipment_ref": "S-1", "reason": "Damaged", "x_rma": "RMA-9"},
    "payment.captured": {
        "order_ref": "FH-10023",
        "payment_ref": "P-1",
        "amount": "32.05",
        "method": "card",
        "gateway_ref": "ch_3N2x",
        "x_card": {"last4": "4242"},
    },
    "payment.refunded": {
        "order_ref": "FH-10023",
        "payment_ref": "P-1",
        "refund_ref": "R-1",
        "amount": Raw("5.00"),
        "reason": "Damaged mug",
        "x_gateway": ["re_1"],
    },
    "subscription.started": {
        "subscription_ref": "SUB-1",
        "customer_ref": "C-77",
        "sku": "TEA-CLUB",
        "order_ref": "FH-10023",
        "price": "9.99",
        "currency": "USD",
        "interval": "month",
        "interval_count": 3,
        "current_period_end": "2027-02-20T14:00:00+01:00",
        "x_trial": {"days": 14},
    },
    "subscription.renewed": {"subscription_ref": "SUB-1", "current_period_end": "2027-05-20T14:00:00Z", "order_ref": "FH-10090", "x_try": 1},
    "subscription.status_changed": {
        "subscription_ref": "SUB-1",
        "status": "past_due",
        "current_period_end": "2027-05-20T14:00:00Z",
        "x_dunning": {"attempt": 2},
    },
}

TYPES = list(MIN)


_MIN_DATA = object()


def ev(type_: str, data: Any = _MIN_DATA, **env: Any) -> dict:
    """An event with the given data (default: the type's minimal data; DEL: no data); env adds, overrides or (DEL) removes fields."""
    e: dict = {"id": AUTO, "type": type_, "occurred_at": TS, "source": "fixtures"}
    if data is not DEL:
        e["data"] = copy.deepcopy(MIN[type_] if data is _MIN_DATA else data)
    for k, v in env.items():
        if v is DEL:
            e.pop(k, None)
        else:
            e[k] = v
    return e


_PATH_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def setp(obj: Any, path: str, value: Any) -> Any:
    """A deep copy of obj with path ("data.lines[0].quantity") set to value (or removed with DEL)."""
    obj = copy.deepcopy(obj)
    tokens = [m.group(1) if m.group(1) is not None else int(m.group(2)) for m in _PATH_TOKEN.finditer(path)]
    cur = obj
    for t in tokens[:-1]:
        cur = cur[t]
    last = tokens[-1]
    if value is DEL:
        del cur[last]
    else:
        cur[last] = value
    return obj


def dset(type_: str, path: str, value: Any, base: Any = _MIN_DATA, **env: Any) -> dict:
    """An event of type_ (minimal data or base) with one data path changed: dset('order.placed', 'lines[0].quantity', 0)."""
    return setp(ev(type_, base, **env), "data." + path, value)


def pad_to(event: dict, size: int) -> bytes:
    """The event with an x_pad field making the line exactly size bytes."""
    event = dict(event, x_pad="")
    short = len(line_bytes(event))
    event["x_pad"] = "a" * (size - short)
    b = line_bytes(event)
    assert len(b) == size, (len(b), size)
    return b


def nested(depth: int) -> Any:
    """depth nested arrays: nested(2) == [[]]."""
    return Raw("[" * depth + "]" * depth)


# ---------------------------------------------------------------------------------------------
# Cases: (line, field, note). line is a JSON value, bytes, or a function of the generated id
# returning either. field is only given for invalid files (None = framing error).
# ---------------------------------------------------------------------------------------------
class C:
    def __init__(self, line: Any, note: str, field: Any = "<valid>"):
        self.line, self.note, self.field = line, note, field


def V(line: Any, note: str) -> C:
    return C(line, note)


def I(line: Any, field: str | None, note: str) -> C:  # noqa: E743
    return C(line, note, field)


def product(price: Any, currency: str = "USD", **kw: Any) -> dict:
    return ev("product.upserted", dict(MIN["product.upserted"], price=price, currency=currency, **kw))


def seq(n: int, s: str = "x") -> str:
    return s * n


THUMB = "\U0001F44D\U0001F3FD"  # 👍🏽: one grapheme, two Unicode scalars
EMOJI = "\U0001F375"  # 🍵: one scalar, four UTF-8 bytes
WS_ALL = "\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def valid_files() -> dict[str, tuple[str, list[C]]]:
    files: dict[str, tuple[str, list[C]]] = {}

    cases = []
    for t in TYPES:
        cases.append(V(ev(t), f"{t}: minimal (required fields only)"))
        cases.append(V(ev(t, FULL[t], v=1, source="fh", x_trace={"span": "ab12", "hops": [1, 2, {"deep": True}]}),
                       f"{t}: every optional field, unknown fields at every level"))
    files["events"] = ("Each of the 17 types, minimal and full; unknown fields are accepted at every level.", cases)

    cases = [
        V(ev("order.cancelled", source=DEL), "source absent (default \"default\")"),
        V(ev("order.cancelled", source="default"), "source \"default\" given"),
        V(ev("order.cancelled", source=None), "source null = absent"),
        V(ev("order.cancelled", source="s"), "source of 1 char"),
        V(ev("order.cancelled", source=seq(64, "s")), "source of 64 chars"),
        V(ev("order.cancelled", source=seq(64, EMOJI)), "source of 64 emoji (64 scalars, 256 bytes)"),
        V(ev("order.cancelled", v=1), "v 1"),
        V(ev("order.cancelled", v=None), "v null = absent (default 1)"),
        V(ev("order.cancelled", v=DEL), "v absent"),
        V(ev("order.cancelled", id="Q"), "id of 1 char"),
        V(ev("order.cancelled", id="v-envelope-" + seq(117, "x")), "id of 128 chars"),
        V(ev("order.cancelled", id="v-env-" + seq(122, EMOJI)), "id of 128 scalars (6 ASCII + 122 emoji, 494 bytes)"),
        V(ev("order.cancelled", id="v-env " + seq(61, THUMB)), "id of 128 scalars, 67 graphemes (skin-tone emoji are 2 scalars each)"),
        V(ev("order.cancelled", id="  v-env padded id  "), "id with leading, inner and trailing spaces (not all whitespace)"),
        V(ev("order.cancelled", id="v-env\u00a0nbsp\u3000ideographic"), "id with non-ASCII whitespace inside"),
        V(ev("order.cancelled", id="v-env-é-ü-ß-⌘-中文"), "id with non-ASCII letters"),
        V(ev("order.cancelled", id="V-ENVELOPE-016"), "id differing from another only by case (compared exactly)"),
        V(ev("order.cancelled", id="\u200b"), "id of U+200B ZERO WIDTH SPACE alone: not White_Space, not Cc (format char)"),
        V(ev("order.cancelled", id="\u180e"), "id of U+180E MONGOLIAN VOWEL SEPARATOR alone: no longer White_Space (Cf)"),
        V(ev("order.cancelled", x_extra={"a": [1, {"b": None}]}, Seq=1, SEQ=2, recorded="x", recordedAt="x", sequence=3),
          "unknown top-level fields, incl. Seq/SEQ/recordedAt (only exact `seq`/`recorded_at` are reserved)"),
        V(ev("order.cancelled", dict(MIN["order.cancelled"], seq=7, recorded_at="2026-01-01T00:00:00Z")),
          "`seq` and `recorded_at` inside data are ordinary unknown fields"),
        V({"data": MIN["order.cancelled"], "occurred_at": TS, "type": "order.cancelled", "id": AUTO}, "fields in another order, no source"),
        V(ev("order.cancelled", x_data_shadow={"data": None, "type": "nope"}), "nested objects may reuse envelope names"),
    ]
    files["envelope"] = ("Envelope: id 1-128, source 1-64 (optional), v integer 1 (optional), unknown fields kept.", cases)

    tsc = []
    for ts, note in [
        ("2024-02-29T12:00:00Z", "leap day 2024 (divisible by 4)"),
        ("2000-02-29T12:00:00Z", "leap day 2000 (divisible by 400)"),
        ("1600-02-29T00:00:00Z", "leap day 1600"),
        ("2400-02-29T00:00:00Z", "leap day 2400"),
        ("0004-02-29T00:00:00Z", "leap day in year 0004"),
        ("2026-11-20t14:00:00Z", "lower-case t"),
        ("2026-11-20T14:00:00z", "lower-case z"),
        ("2026-11-20t14:00:00z", "lower-case t and z"),
        ("2026-11-20T14:00:00.123456789Z", "9-digit fraction"),
        ("2026-11-20T14:00:00.1Z", "1-digit fraction"),
        ("2026-11-20T14:00:00.000Z", "zero fraction"),
        ("2026-11-20T14:00:00+05:30", "positive offset"),
        ("2026-11-20T14:00:00-08:00", "negative offset"),
        ("2026-11-20T14:00:00-00:00", "offset -00:00 (RFC 3339 unknown local offset)"),
        ("2026-11-20T14:00:00+23:59", "largest offset"),
        ("2026-11-20T14:00:00.5-23:59", "fraction and smallest offset"),
        ("0001-01-01T00:00:00Z", "first instant of year 0001"),
        ("9999-12-31T23:59:59.999999999Z", "last instant of year 9999"),
        ("2026-12-31T23:59:59Z", "December 31"),
        ("2026-04-30T00:00:00Z", "April 30"),
        ("2026-02-28T00:00:00Z", "February 28 in a common year"),
        ("2026-01-31T23:59:59+14:00", "January 31, offset +14:00"),
    ]:
        tsc.append(V(ev("order.cancelled", occurred_at=ts), f"occurred_at {ts}: {note}"))
    tsc += [
        V(dset("subscription.started", "current_period_end", "2028-02-29T00:00:00.5+01:00"), "current_period_end on a leap day with fraction and offset"),
        V(dset("subscription.renewed", "current_period_end", "2027-01-20t14:00:00z"), "current_period_end lower-case t and z"),
        V(dset("subscription.status_changed", "current_period_end", "2027-01-20T14:00:00Z"), "status_changed with current_period_end"),
        V(dset("subscription.status_changed", "current_period_end", None), "status_changed with current_period_end null"),
    ]
    files["timestamps"] = ("occurred_at / current_period_end: RFC 3339, T|t, seconds, fraction 1-9 digits, Z|z|±hh:mm, real dates 0001-9999.", tsc)

    m = [
        V(product("12.50"), "string, USD 2 decimals"),
        V(product(Raw("12.50")), "number 12.50, USD"),
        V(product(Raw("12.5")), "number 12.5, USD"),
        V(product(12), "integer number, USD"),
        V(product("0"), "zero"),
        V(product(0), "number zero"),
        V(product("0.00"), "zero with 2 decimals"),
        V(product("1"), "no fraction, USD"),
        V(product("19.9"), "fewer decimals than the currency has"),
        V(product("999999999999999.99"), "15 integer digits (the most)"),
        V(product(Raw("999999999999999")), "number with 15 integer digits"),
        V(product("1500", "JPY"), "JPY (0 decimals) string"),
        V(product(Raw("1500"), "JPY"), "JPY number"),
        V(product("0", "ISK"), "ISK 0 decimals"),
        V(product("25000", "VND"), "VND 0 decimals"),
        V(product("1.234", "KWD"), "KWD 3 decimals"),
        V(product(Raw("1.234"), "KWD"), "KWD number with 3 decimals"),
        V(product("1.2", "KWD"), "KWD with 1 decimal"),
        V(product("0.125", "BHD"), "BHD 3 decimals"),
        V(product("1.2345", "CLF"), "CLF 4 decimals"),
        V(product("0.0001", "UYW"), "UYW 4 decimals"),
        V(product("100", "CLF"), "CLF no decimals"),
        V(ev("order.placed", dict(MIN["order.placed"], currency="KWD",
                                  lines=[{"line_ref": "1", "sku": "A", "quantity": 1, "unit_price": "1.250"},
                                         {"line_ref": "2", "sku": "B", "quantity": 1, "unit_price": Raw("0.005")}],
                                  shipping="1.500", tax=Raw("0.125"), discount="0.001")),
          "order.placed in KWD: 3 decimals on lines, shipping, tax, discount"),
        V(ev("order.placed", dict(MIN["order.placed"], currency="JPY",
                                  lines=[{"line_ref": "1", "sku": "A", "quantity": 1, "unit_price": "1500"}],
                                  shipping=Raw("500"), tax="0", discount="100")),
          "order.placed in JPY: no decimals anywhere"),
        V(ev("order.placed", dict(MIN["order.placed"], currency="CLF",
                                  lines=[{"line_ref": "1", "sku": "A", "quantity": 1, "unit_price": "0.1234"}])),
          "order.placed in CLF: 4 decimals"),
        V(ev("order.placed", dict(MIN["order.placed"], discount="0")), "discount 0"),
        V(ev("subscription.started", dict(MIN["subscription.started"], price="980", currency="JPY")), "subscription in JPY"),
        V(ev("subscription.started", dict(MIN["subscription.started"], price=Raw("0.5"), currency="CLF")), "subscription in CLF, number"),
        V(dset("payment.captured", "amount", "1.23456789"), "payment: no currency, any number of decimals"),
        V(dset("payment.captured", "amount", "0.000000000000000000001"), "payment: 21 decimals"),
        V(dset("payment.captured", "amount", "999999999999999.999999999"), "payment: 15 integer digits and 9 decimals"),
        V(dset("payment.captured", "amount", Raw("0.000001")), "payment: number with 6 decimals"),
        V(dset("payment.refunded", "amount", Raw("0")), "refund of number 0"),
        V(dset("payment.captured", "x_currency_note", "ignored", base=dict(MIN["payment.captured"], currency="XAU", amount="1.234")),
          "payment with an unknown `currency` field: ignored, no decimal-place check"),
        V(dset("order.line_added", "line.unit_price", "0.12345"), "line_added: no currency, syntax only"),
        V(dset("order.line_changed", "unit_price", Raw("1.005")), "line_changed: number, syntax only"),
        V(dset("order.charges_changed", "tax", "0.0001"), "charges_changed: syntax only"),
    ]
    files["money"] = ("Money: string or number matching ^(0|[1-9][0-9]{0,14})(\\.[0-9]+)?$, decimals as written <= the currency's minor unit.", m)

    r = [
        V(dset("order.cancelled", "order_ref", "O"), "order_ref of 1 char"),
        V(dset("order.cancelled", "order_ref", seq(128, "O")), "order_ref of 128 chars"),
        V(dset("order.cancelled", "order_ref", seq(128, EMOJI)), "order_ref of 128 emoji (128 scalars)"),
        V(dset("order.cancelled", "order_ref", seq(64, THUMB)), "order_ref of 64 skin-tone emoji = 128 scalars"),
        V(dset("order.cancelled", "order_ref", "a" * 127 + "\u00e9"), "order_ref of 128 scalars (precomposed é last)"),
        V(dset("order.cancelled", "order_ref", "a" * 126 + "e\u0301"), "order_ref of 128 scalars ending in a combining mark (127 graphemes)"),
        V(dset("order.cancelled", "order_ref", "Bestellung Nr. 5"), "inner spaces"),
        V(dset("order.cancelled", "order_ref", " FH-1 "), "leading and trailing spaces (kept, compared exactly)"),
        V(dset("order.cancelled", "order_ref", "caf\u00e9"), "precomposed é"),
        V(dset("order.cancelled", "order_ref", "cafe\u0301"), "decomposed é (a different ref: no normalisation)"),
        V(dset("order.cancelled", "order_ref", "\u3000FH\u3000"), "U+3000 around text"),
        V(dset("order.cancelled", "order_ref", "\u200b"), "U+200B alone (not whitespace, not a control)"),
        V(dset("customer.upserted", "customer_ref", seq(128, "c")), "customer_ref 128"),
        V(dset("order.line_removed", "line_ref", seq(128, "l")), "line_ref 128"),
        V(dset("shipment.delivered", "shipment_ref", seq(128, "s")), "shipment_ref 128"),
        V(dset("payment.captured", "payment_ref", seq(128, "p")), "payment_ref 128"),
        V(dset("payment.refunded", "refund_ref", seq(128, "r")), "refund_ref 128"),
        V(dset("subscription.renewed", "subscription_ref", seq(128, "u")), "subscription_ref 128"),
        V(dset("product.upserted", "sku", seq(128, "k")), "sku 128"),
        V(dset("order.placed", "lines[0].sku", "S"), "line sku of 1 char"),
        V(dset("subscription.started", "order_ref", "FH-1"), "optional order_ref given"),
        V(dset("payment.captured", "gateway_ref", ""), "gateway_ref is free text, not a ref: empty is fine"),
        V(dset("shipment.shipped", "tracking_number", " "), "tracking_number is free text: blank is fine"),
    ]
    files["refs"] = ("Refs: 1-128 Unicode scalars, not all whitespace, no control characters, compared exactly.", r)

    t = [
        V(dset("customer.upserted", "email", "a@b"), "shortest email"),
        V(dset("customer.upserted", "email", "ada+tea@mail.example.co.uk"), "plus and subdomains"),
        V(dset("customer.upserted", "email", "名前@例え.jp"), "non-ASCII email"),
        V(dset("customer.upserted", "email", "\"ada\"@example.com"), "quotes are not checked further"),
        V(dset("customer.upserted", "first_name", ""), "optional text may be empty"),
        V(dset("customer.upserted", "last_name", "   "), "optional text may be blank"),
        V(dset("customer.upserted", "company", "line1\nline2\tand a tab \u0007 bell"), "optional text may hold control characters"),
        V(dset("customer.upserted", "phone", "+1 (555) 010-0199"), "phone is free text"),
        V(dset("product.upserted", "name", " Tea "), "name with surrounding spaces"),
        V(dset("product.upserted", "name", "0"), "name \"0\""),
        V(dset("product.upserted", "name", "\u00a0x"), "name with leading NBSP"),
        V(dset("product.upserted", "description", ""), "empty description"),
        V(dset("shipment.shipped", "carrier", "DHL Express"), "carrier with a space"),
        V(dset("shipment.shipped", "tracking_url", "not a url at all"), "URLs are not checked"),
        V(dset("order.cancelled", "reason", ""), "empty reason"),
        V(dset("customer.upserted", "billing_address", ADDR_US), "address with required fields only"),
        V(dset("customer.upserted", "billing_address", dict(ADDR_US, line2=None, region=None, postal_code=None)), "address optionals null"),
        V(dset("customer.upserted", "shipping_address", dict(ADDR_US, line2="", region="", postal_code="")), "address optionals empty"),
        V(dset("customer.upserted", "billing_address", {"line1": "Kärntner Straße 1", "city": "Wien", "postal_code": "1010", "country_code": "AT"}), "non-ASCII address"),
        V(dset("order.placed", "shipping_address", dict(ADDR_GB)), "order shipping_address"),
        V(dset("order.placed", "promo_codes", []), "promo_codes empty array"),
        V(dset("order.placed", "promo_codes", ["", " ", "SAVE10"]), "promo codes are any strings"),
        V(dset("order.placed", "lines[0].description", ""), "empty line description"),
    ]
    files["text"] = ("Text: email has one @ with text on both sides and no whitespace; name/carrier/line1/city not blank; other text is any string.", t)

    q = [
        V(dset("order.placed", "lines[0].quantity", 1), "quantity 1"),
        V(dset("order.placed", "lines[0].quantity", 1000000), "quantity 1,000,000"),
        V(dset("order.line_added", "line.quantity", 1000000), "line_added quantity 1,000,000"),
        V(dset("order.line_changed", "quantity", 0), "line_changed quantity 0 (removed)"),
        V(dset("order.line_changed", "quantity", Raw("-0")), "line_changed quantity -0: an integer literal (no fraction/exponent) whose value is 0"),
        V(dset("order.line_changed", "quantity", 1000000), "line_changed quantity 1,000,000"),
        V(dset("shipment.shipped", "lines", [{"line_ref": "1", "quantity": 1}]), "shipment line quantity 1"),
        V(dset("shipment.shipped", "lines", [{"line_ref": "1", "quantity": 1000000}]), "shipment line quantity 1,000,000"),
        V(dset("subscription.started", "interval_count", 1), "interval_count 1"),
        V(dset("subscription.started", "interval_count", 1000), "interval_count 1000"),
        V(dset("subscription.started", "interval_count", None), "interval_count null (default 1)"),
    ]
    files["quantities"] = ("Quantities: integers 1..1,000,000 (0.. in order.line_changed); interval_count 1..1000.", q)

    e = [V(dset("order.status_changed", "status", s), f"order status {s}") for s in
         ["pending", "processing", "on_hold", "shipped", "partially_shipped", "delivered", "cancelled", "returned"]]
    e += [V(dset("subscription.status_changed", "status", s), f"subscription status {s}") for s in
          ["active", "paused", "past_due", "cancelled", "expired"]]
    e += [V(dset("payment.captured", "method", s), f"method {s}") for s in ["card", "paypal", "bank", "cash", "check", "other", None]]
    e += [V(dset("subscription.started", "interval", s), f"interval {s}") for s in ["day", "week", "month", "year"]]
    e += [V(dset("product.upserted", "subscription", b), f"subscription {b}") for b in [True, False, None]]
    e += [V(dset("product.upserted", "active", b), f"active {b}") for b in [True, False, None]]
    files["enums"] = ("Enums: statuses, method, interval exactly as listed; subscription/active booleans.", e)

    cc = [V(product("1", c), f"currency {c}") for c in ["USD", "EUR", "GBP", "JPY", "KWD", "CLF", "UYW", "XOF", "XAF", "XPF", "XCD", "XCG", "VES", "VED", "ZWG", "BOV", "CHE", "CHW", "USN", "MXV", "COU", "UYI"]]
    cc += [V(dset("customer.upserted", "billing_address", dict(ADDR_US, country_code=k)), f"country {k}") for k in
           ["US", "GB", "DE", "JP", "AQ", "TW", "AX", "SS", "CW", "BQ", "PS", "VA", "UM", "BV"]]
    cc.append(V(dset("order.placed", "shipping_address", dict(ADDR_US, country_code="CH")), "order shipping_address country"))
    files["codes"] = ("Currencies: active ISO 4217 with a minor unit; countries: officially assigned ISO 3166-1 alpha-2, upper case.", cc)

    a = [
        V(ev("order.line_changed", {"order_ref": "FH-1", "line_ref": "1", "quantity": 2}), "quantity only"),
        V(ev("order.line_changed", {"order_ref": "FH-1", "line_ref": "1", "unit_price": "2.00"}), "unit_price only"),
        V(ev("order.line_changed", {"order_ref": "FH-1", "line_ref": "1", "quantity": 2, "unit_price": "2.00"}), "both"),
        V(ev("order.line_changed", {"order_ref": "FH-1", "line_ref": "1", "quantity": 0, "unit_price": None}), "quantity 0 and unit_price null"),
        V(ev("order.line_changed", {"order_ref": "FH-1", "line_ref": "1", "quantity": None, "unit_price": "0"}), "quantity null and unit_price 0"),
        V(ev("order.charges_changed", {"order_ref": "FH-1", "shipping": "1.00"}), "shipping only"),
        V(ev("order.charges_changed", {"order_ref": "FH-1", "tax": "1.00"}), "tax only"),
        V(ev("order.charges_changed", {"order_ref": "FH-1", "discount": "0"}), "discount 0 only"),
        V(ev("order.charges_changed", {"order_ref": "FH-1", "shipping": None, "tax": None, "discount": Raw("1")}), "two null, one given"),
    ]
    files["at-least-one"] = ("order.line_changed: quantity and/or unit_price; order.charges_changed: at least one of shipping, tax, discount.", a)

    ln = [
        V(dset("order.placed", "lines", [{"line_ref": r, "sku": "S", "quantity": 1, "unit_price": "1"} for r in ["1", "2", "10"]]), "distinct line_refs"),
        V(dset("order.placed", "lines", [{"line_ref": r, "sku": "S", "quantity": 1, "unit_price": "1"} for r in ["a", "A"]]), "line_refs differing by case are distinct"),
        V(dset("order.placed", "lines", [{"line_ref": r, "sku": "S", "quantity": 1, "unit_price": "1"} for r in ["caf\u00e9", "cafe\u0301"]]), "line_refs differing by normalisation are distinct"),
        V(dset("order.placed", "lines", [{"line_ref": r, "sku": "S", "quantity": 1, "unit_price": "1"} for r in ["1", " 1"]]), "line_refs differing by a space are distinct"),
        V(dset("order.placed", "lines", [{"line_ref": "1", "sku": "S", "quantity": 1, "unit_price": "1"}, {"line_ref": "2", "sku": "S", "quantity": 1, "unit_price": "1"}]), "same sku on two lines"),
        V(dset("shipment.shipped", "lines", [{"line_ref": "1", "quantity": 1}, {"line_ref": "1", "quantity": 1}]), "shipment lines may repeat a line_ref (uniqueness is only an order.placed rule)"),
        V(dset("shipment.shipped", "lines", None), "shipment lines null = whole order"),
        V(dset("shipment.shipped", "lines", [{"line_ref": "9", "quantity": 3, "x": {"y": []}}]), "shipment line with an unknown field"),
        V(dset("order.line_added", "line", {"line_ref": "1", "sku": "S", "quantity": 1, "unit_price": "1"}), "line_added reusing an existing line_ref is an anomaly for the projection, not a rejection"),
    ]
    files["lines"] = ("order.placed lines: >= 1, unique line_refs; shipment.shipped lines: absent/null or >= 1.", ln)

    n = [
        V(ev("customer.upserted", dict(MIN["customer.upserted"], first_name=None, last_name=None, phone=None, company=None,
                                       billing_address=None, shipping_address=None), source=None, v=None), "customer: every optional null"),
        V(ev("product.upserted", dict(MIN["product.upserted"], subscription=None, description=None, active=None)), "product: optionals null"),
        V(ev("order.placed", dict(MIN["order.placed"], shipping=None, tax=None, discount=None, promo_codes=None, shipping_address=None,
                                  lines=[dict(MIN["order.placed"]["lines"][0], description=None)])), "order.placed: optionals null"),
        V(ev("order.line_added", {"order_ref": "FH-1", "line": dict(MIN["order.line_added"]["line"], description=None)}), "line description null"),
        V(ev("order.cancelled", dict(MIN["order.cancelled"], reason=None)), "reason null"),
        V(ev("shipment.shipped", dict(MIN["shipment.shipped"], service=None, tracking_number=None, tracking_url=None, lines=None)), "shipment optionals null"),
        V(ev("shipment.returned", dict(MIN["shipment.returned"], reason=None)), "returned reason null"),
        V(ev("payment.captured", dict(MIN["payment.captured"], method=None, gateway_ref=None)), "payment optionals null"),
        V(ev("payment.refunded", dict(MIN["payment.refunded"], reason=None)), "refund reason null"),
        V(ev("subscription.started", dict(MIN["subscription.started"], order_ref=None, interval_count=None)), "subscription optionals null"),
        V(ev("subscription.renewed", dict(MIN["subscription.renewed"], order_ref=None)), "renewed order_ref null"),
        V(ev("subscription.status_changed", dict(MIN["subscription.status_changed"], current_period_end=None)), "status_changed current_period_end null"),
        V(ev("order.cancelled", x_unknown_null=None, data=dict(MIN["order.cancelled"], x_null=None)), "unknown fields with null values"),
    ]
    files["null-as-absent"] = ("An optional field given as null means absent.", n)

    f = [
        V(lambda i: line_bytes(ev("order.cancelled", id=i)).replace(b',"type"', b',\r"type"'), "raw CR between tokens is JSON whitespace (a lone CR is not a line end)"),
        V(lambda i: line_bytes(ev("order.cancelled", id=i)).replace(b",", b" ,\t").replace(b"{", b"{ \t", 1), "spaces and tabs between tokens"),
        V(lambda i: b" \t" + line_bytes(ev("order.cancelled", id=i)) + b" \t ", "leading and trailing whitespace"),
        V(lambda i: b"\t" + line_bytes(ev("order.cancelled", id=i)) + b"\r", "a line ending in CR CR LF: one CR is the line end, the other trailing whitespace"),
        V(ev("order.cancelled", x_bom="\ufeffescaped"), "an escaped \\ufeff inside a string is fine (only raw BOM bytes are rejected)"),
        V(ev("order.cancelled", x_del="\u007f", x_c1="\u0085"), "escaped U+007F and U+0085 in an unknown field"),
        V(lambda i: line_bytes(ev("order.cancelled", id=i, x_c1="C1")).replace(b'"C1"', b'"\xc2\x85\xc2\x9f"'), "raw U+0085, U+009F (bytes C2 85, C2 9F) in free text: not raw control bytes"),
        V(lambda i: line_bytes(ev("order.cancelled", id=i, x_ls="LS")).replace(b'"LS"', b'"\xe2\x80\xa8\xe2\x80\xa9"'), "raw U+2028/U+2029 inside a string"),
        V(lambda i: line_bytes(ev("order.cancelled", id=i, data={"order_ref": "FH-1", "reason": "RAW"})).replace(b'"RAW"', "\"Tee \u00e9 \U0001F375 中\"".encode()), "raw non-ASCII UTF-8 (2, 3, 4 bytes)"),
        V(ev("order.cancelled", data={"order_ref": "FH-1", "reason": "\ud83c\udf75"}), "escaped surrogate pair (🍵)"),
        V(lambda i: line_bytes(ev("order.cancelled", id=i)).replace(b'"data"', b'"\\u0064ata"').replace(b'"type"', b'"typ\\u0065"'), "escaped spellings of the `data` and `type` keys"),
        V(ev("order.cancelled", x_empty={}, x_arr=[], x_str="", x_num=Raw("-1.5e-300"), x_big=Raw("123456789012345678901234567890"), x_t=True),
          "unknown fields of every JSON kind, incl. numbers a double cannot hold"),
        V(lambda i: line_bytes(setp(ev("order.cancelled", id=i), "x_deep", nested(MAX_DEPTH - 1))), "nesting exactly 64 deep (top-level object + 63 arrays)"),
        V(lambda i: line_bytes(ev("order.cancelled", id=i, data={"order_ref": "FH-1", "x": {"a": {"b": [[{"c": nested(MAX_DEPTH - 7)}]]}}})),
          "nesting exactly 64 deep through data"),
        V(lambda i: pad_to(ev("order.cancelled", id=i), MAX_LINE), "a line of exactly 1,048,576 bytes"),
        V(lambda i: pad_to(ev("order.cancelled", id=i, x_emoji=seq(1000, EMOJI)), MAX_LINE), "1 MiB line with multi-byte text"),
    ]
    files["framing"] = ("Framing: UTF-8 JSON object per line, <= 1 MiB, <= 64 deep; JSON whitespace is space, tab, CR (and LF as line end).", f)
    return files


def invalid_files() -> dict[str, tuple[str, list[C]]]:
    files: dict[str, tuple[str, list[C]]] = {}
    oc = "order.cancelled"

    def b(i: str, **env: Any) -> bytes:
        return line_bytes(ev(oc, id=i, **env))

    f = [
        I(b"not json", None, "not JSON"),
        I(lambda i: b(i)[:-1], None, "truncated object"),
        I(lambda i: b(i)[:-1] + b",}", None, "trailing comma"),
        I(lambda i: b(i).replace(b'"type"', b"'type'"), None, "single-quoted key"),
        I(lambda i: b(i) + b(i + "-second"), None, "two objects on one line"),
        I(lambda i: b(i) + b" x", None, "garbage after the object"),
        I(lambda i: b(i) + b" // note", None, "comment after the object"),
        I(lambda i: b"[" + b(i) + b"]", None, "top level is an array"),
        I(b'"order.cancelled"', None, "top level is a string"),
        I(b"1", None, "top level is a number"),
        I(b"null", None, "top level is null"),
        I(b"true", None, "top level is true"),
        I(b"{}x", None, "object followed by garbage"),
        I(lambda i: b(i, v=Raw("NaN")), None, "NaN is not JSON"),
        I(lambda i: b(i, x_n=Raw("Infinity")), None, "Infinity is not JSON"),
        I(lambda i: b(i, x_n=Raw("-Infinity")), None, "-Infinity is not JSON"),
        I(lambda i: b(i, v=Raw("01")), None, "leading zero is not JSON"),
        I(lambda i: b(i, v=Raw("+1")), None, "plus sign is not JSON"),
        I(lambda i: b(i, x_n=Raw(".5")), None, ".5 is not JSON"),
        I(lambda i: b(i, x_n=Raw("1.")), None, "1. is not JSON"),
        I(lambda i: b(i, x_n=Raw("0x10")), None, "hex is not JSON"),
        I(lambda i: b(i, x_s=Raw('"\\x41"')), None, "invalid escape \\x"),
        I(lambda i: b(i, x_s=Raw('"\\u12"')), None, "short \\u escape"),
        I(lambda i: b(i, x_s=Raw('"\\U0001F375"')), None, "\\U escape is not JSON"),
        I(lambda i: b(i, x_s="X").replace(b'"X"', b'"\x80"'), None, "invalid UTF-8: lone continuation byte"),
        I(lambda i: b(i, x_s="X").replace(b'"X"', b'"\xc0\xaf"'), None, "invalid UTF-8: overlong encoding of /"),
        I(lambda i: b(i, x_s="X").replace(b'"X"', b'"\xed\xa0\x80"'), None, "invalid UTF-8: encoded surrogate U+D800"),
        I(lambda i: b(i, x_s="X").replace(b'"X"', b'"\xe2\x82"'), None, "invalid UTF-8: truncated sequence"),
        I(lambda i: b(i, x_s="X").replace(b'"X"', b'"\xf4\x90\x80\x80"'), None, "invalid UTF-8: above U+10FFFF"),
        I(lambda i: b(i, x_s="X").replace(b'"X"', b'"\xff"'), None, "invalid UTF-8: byte FF"),
        I(lambda i: b(i, x_s="X").replace(b'"X"', b'"caf\xe9"'), None, "invalid UTF-8: Latin-1 é"),
        I(lambda i: b(i).replace(b',"type"', b',\x00"type"'), None, "raw NUL between tokens"),
        I(lambda i: b(i, x_s="X").replace(b'"X"', b'"a\x00b"'), None, "raw NUL inside a string"),
        I(lambda i: b(i).replace(b',"type"', b',\x01"type"'), None, "raw 0x01 between tokens"),
        I(lambda i: b(i).replace(b',"type"', b',\x0c"type"'), None, "raw form feed between tokens (not JSON whitespace)"),
        I(lambda i: b(i).replace(b',"type"', b',\x0b"type"'), None, "raw vertical tab between tokens"),
        I(lambda i: b(i).replace(b',"type"', b',\x7f"type"'), None, "raw DEL between tokens"),
        I(lambda i: b(i, x_s="X").replace(b'"X"', b'"a\x7fb"'), None, "raw DEL inside a string (JSON allows it; the feed does not)"),
        I(lambda i: b(i, x_s="X").replace(b'"X"', b'"a\tb"'), None, "raw tab inside a string"),
        I(lambda i: b(i, x_s="X").replace(b'"X"', b'"a\rb"'), None, "raw CR inside a string"),
        I(lambda i: b(i, x_s="X").replace(b'"X"', b'"a\x1bb"'), None, "raw ESC inside a string"),
        I(lambda i: b(i).replace(b',"type"', b"," + BOM + b'"type"'), None, "raw BOM between tokens"),
        I(lambda i: b(i, x_s="X").replace(b'"X"', b'"a' + BOM + b'b"'), None, "raw BOM inside a string"),
        I(lambda i: BOM + b(i), None, "raw BOM at the start of a line that is not the file's first"),
        I(lambda i: b(i) + BOM, None, "raw BOM at the end of a line"),
        I(lambda i: b(i).replace(b'"type"', "\u00a0".encode() + b'"type"'), None, "raw NBSP between tokens (not JSON whitespace)"),
        I("\u00a0\u3000".encode(), None, "a line of Unicode whitespace is not blank"),
        I(lambda i: line_bytes(Pairs(("id", i), ("type", oc), ("occurred_at", TS), ("id", i + "-again"), ("data", MIN[oc]))), None, "duplicate key `id`"),
        I(lambda i: line_bytes(Pairs(("id", i), ("type", oc), ("type", oc), ("occurred_at", TS), ("data", MIN[oc]))), None, "duplicate key with the same value"),
        I(lambda i: line_bytes(Pairs(("id", i), ("type", oc), ("occurred_at", TS), ("data", Pairs(("order_ref", "A"), ("order_ref", "B"))))), None, "duplicate key in data"),
        I(lambda i: line_bytes(Pairs(("id", i), ("type", oc), ("occurred_at", TS), ("data", MIN[oc]), ("x", Pairs(("", 1), ("", 2))))), None, "duplicate empty key in an unknown object"),
        I(lambda i: line_bytes(Pairs(("id", i), ("type", "order.placed"), ("occurred_at", TS), ("data", dict(MIN["order.placed"], lines=[Pairs(
            ("line_ref", "1"), ("sku", "S"), ("quantity", 1), ("quantity", 2), ("unit_price", "1"))])))), None, "duplicate key in an order line"),
        I(lambda i: line_bytes(Pairs(("id", i), ("type", "customer.upserted"), ("occurred_at", TS), ("data", dict(MIN["customer.upserted"], billing_address=Pairs(
            ("line1", "a"), ("city", "b"), ("country_code", "US"), ("country_code", "US")))))), None, "duplicate key in an address"),
        I(lambda i: line_bytes(Pairs(("id", i), ("type", oc), ("occurred_at", TS), ("data", MIN[oc]), ("x", [[Pairs(("k", 1), ("k", 1))]]))), None, "duplicate key deep in an unknown field"),
        I(lambda i: line_bytes(Pairs(("id", i), ("type", oc), ("occurred_at", TS), ("data", MIN[oc]), (Raw('"\\u0069d"'), i))), None, "duplicate key after unescaping (\\u0069d is id)"),
        I(lambda i: line_bytes(Pairs(("id", i), ("type", oc), ("occurred_at", TS), ("data", MIN[oc]), ("caf\u00e9", 1), (Raw('"caf\\u00e9"'), 2))), None, "duplicate key: raw é and escaped \\u00e9"),
        I(lambda i: b(i, x_s="\ud800"), None, "lone high surrogate escape"),
        I(lambda i: b(i, x_s="\udc00"), None, "lone low surrogate escape"),
        I(lambda i: b(i, x_s="\ud800A"), None, "high surrogate followed by a letter"),
        I(lambda i: b(i, x_s=Raw('"\\ud800\\u0041"')), None, "high surrogate followed by an escaped non-surrogate"),
        I(lambda i: b(i, x_s="\ude00\ud83d"), None, "surrogates in the wrong order"),
        I(lambda i: b(i, x_s="\ud83d\ud83d"), None, "two high surrogates"),
        I(lambda i: b(i, x_s="tea\ud83d"), None, "high surrogate at the end of a string"),
        I(lambda i: line_bytes(Pairs(("id", i), ("type", oc), ("occurred_at", TS), ("data", MIN[oc]), ("k\udfff", 1))), None, "lone surrogate in a key"),
        I(lambda i: line_bytes(ev(oc, id=i, data={"order_ref": "FH-1", "reason": "\udbff"})), None, "lone surrogate in free text"),
        I(lambda i: pad_to(ev(oc, id=i), MAX_LINE + 1), None, "a line of 1,048,577 bytes"),
        I(lambda i: pad_to(ev(oc, id=i, x_emoji=seq(1000, EMOJI)), MAX_LINE + 3), None, "a line over 1 MiB with multi-byte text"),
        I(lambda i: line_bytes(setp(ev(oc, id=i), "x_deep", nested(MAX_DEPTH))), None, "nesting 65 deep (top-level object + 64 arrays)"),
        I(lambda i: line_bytes(ev(oc, id=i, data={"order_ref": "FH-1", "x": {"a": {"b": [[{"c": nested(MAX_DEPTH - 6)}]]}}})), None, "nesting 65 deep through data"),
        I(lambda i: line_bytes(setp(ev(oc, id=i), "x_deep", nested(100_000))), None, "nesting 100,000 deep (a recursive parser must not overflow its stack)"),
        I(lambda i: line_bytes(setp(ev(oc, id=i), "x_deep", Raw("[" * 100_000))), None, "100,000 unclosed brackets"),
    ]
    files["framing"] = ("Framing: a line must be valid UTF-8 JSON, an object, <= 1 MiB, <= 64 deep, with no raw control bytes (except tab/CR as whitespace), no raw BOM, no duplicate keys, no lone surrogates.", f)

    env = [
        I(ev(oc, id=DEL), "id", "id missing"),
        I(ev(oc, id=None), "id", "id null"),
        I(ev(oc, id=5), "id", "id is a number"),
        I(ev(oc, id=True), "id", "id is a boolean"),
        I(ev(oc, id={}), "id", "id is an object"),
        I(ev(oc, id=""), "id", "id empty"),
        I(ev(oc, id="i-envelope-" + seq(118, "x")), "id", "id of 129 chars"),
        I(ev(oc, id="i-env-" + seq(123, EMOJI)), "id", "id of 129 scalars (emoji)"),
        I(ev(oc, id="i-env " + seq(62, THUMB)), "id", "id of 130 scalars but 68 graphemes"),
        I(ev(oc, id="i-env-" + seq(121, "a") + "e\u0301"), "id", "id of 129 scalars, 128 graphemes (combining mark)"),
        I(ev(oc, id="   "), "id", "id all spaces"),
        I(lambda i: line_bytes(ev(oc, id="X")).replace(b'"X"', '"\u3000"'.encode()), "id", "id of a raw U+3000"),
        I(ev(oc, id=WS_ALL), "id", "id of every White_Space character"),
        I(ev(oc, id="\u00a0\u2028"), "id", "id of NBSP and LINE SEPARATOR"),
        I(ev(oc, id="\u0085"), "id", "id of U+0085 (control and whitespace)"),
        I(ev(oc, id="i-env\u0000nul"), "id", "id with escaped NUL"),
        I(ev(oc, id="i-env\u001fus"), "id", "id with U+001F"),
        I(ev(oc, id="i-env\u007fdel"), "id", "id with U+007F"),
        I(ev(oc, id="i-env\u0080pad"), "id", "id with U+0080"),
        I(ev(oc, id="i-env\u009fapc"), "id", "id with U+009F"),
        I(ev(oc, id="i-env\ttab"), "id", "id with a tab"),
        I(ev(oc, id="i-env-newline-at-end\n"), "id", "id ending in a newline"),
        I(ev(oc, type=DEL), "type", "type missing"),
        I(ev(oc, type=None), "type", "type null"),
        I(ev(oc, type="order.unknown"), "type", "unknown type"),
        I(ev(oc, type="Order.Cancelled"), "type", "type in the wrong case"),
        I(ev(oc, type="order.cancelled "), "type", "type with a trailing space"),
        I(ev(oc, type="order_cancelled"), "type", "type with _ for ."),
        I(ev(oc, type="order.canceled"), "type", "US spelling is not the type"),
        I(ev(oc, type=""), "type", "type empty"),
        I(ev(oc, type=1), "type", "type is a number"),
        I(ev(oc, type=["order.cancelled"]), "type", "type is an array"),
        I(ev(oc, occurred_at=DEL), "occurred_at", "occurred_at missing"),
        I(ev(oc, occurred_at=None), "occurred_at", "occurred_at null"),
        I(ev(oc, occurred_at=1763647200), "occurred_at", "occurred_at as epoch seconds"),
        I(ev(oc, source=""), "source", "source empty"),
        I(ev(oc, source=seq(65, "s")), "source", "source of 65 chars"),
        I(ev(oc, source=seq(65, EMOJI)), "source", "source of 65 emoji"),
        I(ev(oc, source="  "), "source", "source all spaces"),
        I(ev(oc, source="\u2003"), "source", "source of an EM SPACE"),
        I(ev(oc, source="fx\u0000"), "source", "source with NUL"),
        I(ev(oc, source="fx\t"), "source", "source with a tab"),
        I(ev(oc, source=5), "source", "source is a number"),
        I(ev(oc, v=0), "v", "v 0 (must be >= 1)"),
        I(ev(oc, v=-1), "v", "v -1"),
        I(ev(oc, v=Raw("-0")), "v", "v -0 (the integer 0)"),
        I(ev(oc, v=2), "v", "v 2 (unsupported)"),
        I(ev(oc, v=Raw("100000000000000000000000")), "v", "v beyond any machine integer"),
        I(ev(oc, v=Raw("1.0")), "v", "v 1.0 is not an integer"),
        I(ev(oc, v=Raw("1e0")), "v", "v 1e0 is not an integer"),
        I(ev(oc, v=Raw("1E0")), "v", "v 1E0 is not an integer"),
        I(ev(oc, v=Raw("10e-1")), "v", "v 10e-1 is not an integer"),
        I(ev(oc, v=Raw("1.5")), "v", "v 1.5"),
        I(ev(oc, v="1"), "v", "v as a string"),
        I(ev(oc, v=True), "v", "v true"),
        I(ev(oc, v=[1]), "v", "v as an array"),
        I(ev(oc, data=DEL), "data", "data missing"),
        I(ev(oc, data=None), "data", "data null"),
        I(ev(oc, data=[]), "data", "data is an array"),
        I(ev(oc, data="FH-1"), "data", "data is a string"),
        I(ev(oc, data=1), "data", "data is a number"),
        I(ev(oc, data=True), "data", "data is a boolean"),
        I(ev(oc, seq=1), "seq", "seq at the top level"),
        I(ev(oc, seq=None), "seq", "seq null at the top level"),
        I(ev(oc, seq="1"), "seq", "seq as a string"),
        I(ev(oc, seq={}), "seq", "seq as an object"),
        I(ev(oc, recorded_at="2026-11-20T14:00:00Z"), "recorded_at", "recorded_at at the top level"),
        I(ev(oc, recorded_at=None), "recorded_at", "recorded_at null"),
        I(ev(oc, recorded_at=False), "recorded_at", "recorded_at false"),
    ]
    files["envelope"] = ("Envelope: id/type/occurred_at/data required; id 1-128, source 1-64 (no blank, no controls); v integer, only 1; no seq/recorded_at.", env)

    tsc = []
    for ts, note in [
        ("2023-02-29T12:00:00Z", "Feb 29 in 2023 (not a leap year)"),
        ("1900-02-29T12:00:00Z", "Feb 29 in 1900 (divisible by 100, not 400)"),
        ("2100-02-29T12:00:00Z", "Feb 29 in 2100"),
        ("2024-02-30T12:00:00Z", "Feb 30"),
        ("2024-04-31T12:00:00Z", "April 31"),
        ("2024-06-31T12:00:00Z", "June 31"),
        ("2024-09-31T12:00:00Z", "September 31"),
        ("2024-11-31T12:00:00Z", "November 31"),
        ("2024-13-01T12:00:00Z", "month 13"),
        ("2024-00-10T12:00:00Z", "month 00"),
        ("2024-01-00T12:00:00Z", "day 00"),
        ("2024-01-32T12:00:00Z", "day 32"),
        ("0000-01-01T00:00:00Z", "year 0000"),
        ("10000-01-01T00:00:00Z", "5-digit year"),
        ("24-01-01T00:00:00Z", "2-digit year"),
        ("2024-1-01T00:00:00Z", "1-digit month"),
        ("2024-01-01 12:00:00Z", "space separator"),
        ("2024-01-01_12:00:00Z", "underscore separator"),
        ("2024-01-01", "date only"),
        ("2024-01-01T12:00Z", "no seconds"),
        ("2024-01-01T12:00:60Z", "leap second :60"),
        ("2024-01-01T24:00:00Z", "hour 24"),
        ("2024-01-01T12:60:00Z", "minute 60"),
        ("2024-01-01T12:00:00.1234567890Z", "10-digit fraction"),
        ("2024-01-01T12:00:00.Z", "fraction point without digits"),
        ("2024-01-01T12:00:00,5Z", "comma fraction"),
        ("2024-01-01T12:00:00", "no offset"),
        ("2024-01-01T12:00:00+24:00", "offset hour 24"),
        ("2024-01-01T12:00:00+05:60", "offset minute 60"),
        ("2024-01-01T12:00:00+0500", "offset without colon"),
        ("2024-01-01T12:00:00+5:00", "1-digit offset hour"),
        ("2024-01-01T12:00:00+05", "offset without minutes"),
        ("2024-01-01T12:00:00UTC", "UTC instead of Z"),
        ("2024-01-01T12:00:00Z ", "trailing space"),
        (" 2024-01-01T12:00:00Z", "leading space"),
        ("2024-01-01T12:00:00Z\n", "trailing newline"),
        ("2024-01-01T12:00:00.123+01:00Z", "offset and Z"),
        ("20240101T120000Z", "ISO 8601 basic format"),
        ("２０２４-01-01T12:00:00Z", "fullwidth digits"),
        ("٢٠٢٤-01-01T12:00:00Z", "Arabic-Indic digits"),
        ("", "empty"),
    ]:
        tsc.append(I(ev(oc, occurred_at=ts), "occurred_at", note))
    tsc += [
        I(dset("subscription.started", "current_period_end", "2023-02-29T00:00:00Z"), "data.current_period_end", "started: Feb 29 in 2023"),
        I(dset("subscription.started", "current_period_end", None), "data.current_period_end", "started: required current_period_end null"),
        I(dset("subscription.renewed", "current_period_end", DEL), "data.current_period_end", "renewed: current_period_end missing"),
        I(dset("subscription.renewed", "current_period_end", "2027-01-20T14:00:00"), "data.current_period_end", "renewed: no offset"),
        I(dset("subscription.status_changed", "current_period_end", "tomorrow"), "data.current_period_end", "status_changed: not a timestamp"),
        I(dset("subscription.status_changed", "current_period_end", 1763647200), "data.current_period_end", "status_changed: a number"),
    ]
    files["timestamps"] = ("Timestamps: RFC 3339 with T|t, seconds, fraction <= 9 digits, Z|z|±hh:mm, real calendar dates 0001-9999, no :60.", tsc)

    m = [
        I(product("19.990"), "data.price", "3 decimals for USD (as written, even if the value is 19.99)"),
        I(product(Raw("19.990")), "data.price", "number 19.990 for USD: decimals as written"),
        I(product("0.001"), "data.price", "3 decimals for USD"),
        I(product("1500.0", "JPY"), "data.price", "1 decimal for JPY"),
        I(product(Raw("1500.0"), "JPY"), "data.price", "number 1500.0 for JPY"),
        I(product("0.5", "ISK"), "data.price", "decimal for ISK"),
        I(product("1.2345", "KWD"), "data.price", "4 decimals for KWD"),
        I(product(Raw("1.2345"), "KWD"), "data.price", "number with 4 decimals for KWD"),
        I(product("0.0001", "BHD"), "data.price", "4 decimals for BHD"),
        I(product("1.23456", "CLF"), "data.price", "5 decimals for CLF"),
        I(product("0.00001", "UYW"), "data.price", "5 decimals for UYW"),
        I(product("01.00"), "data.price", "leading zero"),
        I(product("00"), "data.price", "00"),
        I(product("00.5"), "data.price", "00.5"),
        I(product("0012"), "data.price", "0012"),
        I(product("+1.00"), "data.price", "plus sign"),
        I(product("-1.00"), "data.price", "negative"),
        I(product("-0.00"), "data.price", "negative zero string"),
        I(product("-0"), "data.price", "-0 string"),
        I(product(Raw("-1")), "data.price", "negative number"),
        I(product(Raw("-0.00")), "data.price", "number -0.00"),
        I(product(Raw("-0")), "data.price", "number -0"),
        I(product("1e2"), "data.price", "exponent"),
        I(product("1E2"), "data.price", "upper-case exponent"),
        I(product(Raw("1e2")), "data.price", "number with exponent"),
        I(product(Raw("1.5e1")), "data.price", "number 1.5e1"),
        I(product(Raw("0e0")), "data.price", "number 0e0"),
        I(product(Raw("1E+2")), "data.price", "number 1E+2"),
        I(product("1000000000000000"), "data.price", "16 integer digits"),
        I(product("1000000000000000.00"), "data.price", "16 integer digits with decimals"),
        I(product(Raw("1000000000000000")), "data.price", "number with 16 integer digits"),
        I(product("9999999999999999"), "data.price", "16 nines"),
        I(product(".5"), "data.price", "no integer part"),
        I(product("5."), "data.price", "point without decimals"),
        I(product(" 5"), "data.price", "leading space"),
        I(product("5 "), "data.price", "trailing space"),
        I(product("5\n"), "data.price", "trailing newline"),
        I(product("1,000.00"), "data.price", "thousands separator"),
        I(product("1 000"), "data.price", "space separator"),
        I(product("12,50"), "data.price", "decimal comma"),
        I(product(""), "data.price", "empty string"),
        I(product("abc"), "data.price", "not a number"),
        I(product("NaN"), "data.price", "NaN string"),
        I(product("Infinity"), "data.price", "Infinity string"),
        I(product("0x10"), "data.price", "hex"),
        I(product("١٢"), "data.price", "Arabic-Indic digits"),
        I(product("１２"), "data.price", "fullwidth digits"),
        I(product("12.5.0"), "data.price", "two points"),
        I(product("$12.50"), "data.price", "currency sign"),
        I(product("12.50 USD"), "data.price", "currency code inside"),
        I(product(True), "data.price", "boolean"),
        I(product([]), "data.price", "array"),
        I(product({"amount": "12.50"}), "data.price", "object"),
        I(product(None), "data.price", "required price null"),
        I(ev("order.placed", dict(MIN["order.placed"], currency="KWD", lines=[
            {"line_ref": "1", "sku": "A", "quantity": 1, "unit_price": "1.250"},
            {"line_ref": "2", "sku": "B", "quantity": 1, "unit_price": "1.2345"}])), "data.lines[1].unit_price", "4 decimals on the second line for KWD"),
        I(ev("order.placed", dict(MIN["order.placed"], lines=[{"line_ref": "1", "sku": "A", "quantity": 1, "unit_price": Raw("1.001")}])), "data.lines[0].unit_price", "number with 3 decimals on a USD line"),
        I(ev("order.placed", dict(MIN["order.placed"], currency="JPY", lines=[{"line_ref": "1", "sku": "A", "quantity": 1, "unit_price": "1500"}], shipping="500.5")), "data.shipping", "JPY shipping with a decimal"),
        I(dset("order.placed", "tax", "1.999"), "data.tax", "3 decimals of tax in USD"),
        I(dset("order.placed", "discount", "-5.00"), "data.discount", "negative discount"),
        I(dset("order.placed", "discount", Raw("-5")), "data.discount", "negative number discount"),
        I(dset("order.placed", "shipping", True), "data.shipping", "shipping boolean"),
        I(dset("order.placed", "lines[0].unit_price", None), "data.lines[0].unit_price", "required unit_price null"),
        I(dset("subscription.started", "price", "9.999"), "data.price", "3 decimals for a USD subscription"),
        I(ev("subscription.started", dict(MIN["subscription.started"], currency="CLF", price="0.12345")), "data.price", "5 decimals for a CLF subscription"),
        I(ev("subscription.started", dict(MIN["subscription.started"], currency="JPY", price=Raw("980.0"))), "data.price", "number 980.0 for a JPY subscription"),
        I(dset("payment.captured", "amount", "-1.00"), "data.amount", "negative payment"),
        I(dset("payment.captured", "amount", "1e3"), "data.amount", "payment with exponent"),
        I(dset("payment.captured", "amount", Raw("1e3")), "data.amount", "payment number with exponent"),
        I(dset("payment.captured", "amount", Raw("-0.00")), "data.amount", "payment number -0.00"),
        I(dset("payment.captured", "amount", "01"), "data.amount", "payment with leading zero"),
        I(dset("payment.captured", "amount", Raw("12345678901234567890")), "data.amount", "payment number with 20 digits"),
        I(dset("payment.refunded", "amount", "-0.00"), "data.amount", "refund -0.00"),
        I(dset("payment.refunded", "amount", None), "data.amount", "refund amount null"),
        I(dset("order.line_added", "line.unit_price", "-3"), "data.line.unit_price", "line_added negative unit_price"),
        I(dset("order.line_changed", "unit_price", "1e1"), "data.unit_price", "line_changed exponent"),
        I(dset("order.charges_changed", "shipping", "+5"), "data.shipping", "charges_changed plus sign"),
        I(ev("order.charges_changed", {"order_ref": "FH-1", "discount": Raw("-0.5")}), "data.discount", "charges_changed negative discount number"),
        I(ev("order.charges_changed", {"order_ref": "FH-1", "tax": []}), "data.tax", "charges_changed tax array"),
    ]
    files["money"] = ("Money: ^(0|[1-9][0-9]{0,14})(\\.[0-9]+)?$ as written (string or number), never negative, decimals <= the currency's minor unit.", m)

    r = [
        I(dset("customer.upserted", "customer_ref", ""), "data.customer_ref", "empty customer_ref"),
        I(dset(oc, "order_ref", "   "), "data.order_ref", "order_ref all spaces"),
        I(lambda i: line_bytes(dset("order.line_removed", "order_ref", "X", id=i)).replace(b'"X"', '"\u3000\u3000"'.encode()), "data.order_ref", "order_ref of raw U+3000"),
        I(dset("order.line_removed", "line_ref", "\u2028"), "data.line_ref", "line_ref LINE SEPARATOR"),
        I(dset("shipment.delivered", "shipment_ref", "\u00a0"), "data.shipment_ref", "shipment_ref NBSP"),
        I(dset("payment.captured", "payment_ref", "\t"), "data.payment_ref", "payment_ref tab"),
        I(dset("payment.refunded", "refund_ref", "R\u0000"), "data.refund_ref", "refund_ref with NUL"),
        I(dset("subscription.renewed", "subscription_ref", "S\u001f1"), "data.subscription_ref", "subscription_ref with U+001F"),
        I(dset("product.upserted", "sku", "SKU\u007f"), "data.sku", "sku with DEL"),
        I(dset("product.upserted", "sku", "\u0080"), "data.sku", "sku of U+0080"),
        I(dset(oc, "order_ref", "FH-1\n"), "data.order_ref", "order_ref ending in a newline"),
        I(dset(oc, "order_ref", seq(129, "O")), "data.order_ref", "order_ref of 129 chars"),
        I(dset(oc, "order_ref", seq(129, EMOJI)), "data.order_ref", "order_ref of 129 emoji"),
        I(dset("customer.upserted", "customer_ref", seq(65, THUMB)), "data.customer_ref", "customer_ref of 130 scalars, 65 graphemes"),
        I(dset(oc, "order_ref", "a" * 127 + "e\u0301"), "data.order_ref", "order_ref of 129 scalars, 128 graphemes"),
        I(dset("order.placed", "lines[0].line_ref", ""), "data.lines[0].line_ref", "empty line_ref"),
        I(ev("order.placed", dict(MIN["order.placed"], lines=[MIN["order.placed"]["lines"][0], {"line_ref": "2", "sku": " ", "quantity": 1, "unit_price": "1"}])), "data.lines[1].sku", "blank sku on the second line"),
        I(dset("order.line_added", "line.line_ref", "\n"), "data.line.line_ref", "line_ref of a newline"),
        I(dset("shipment.shipped", "lines", [{"line_ref": "", "quantity": 1}]), "data.lines[0].line_ref", "empty shipment line_ref"),
        I(dset("subscription.started", "order_ref", ""), "data.order_ref", "optional order_ref, when given, is a ref"),
        I(dset("subscription.renewed", "order_ref", 5), "data.order_ref", "order_ref number"),
        I(dset(oc, "order_ref", 10023), "data.order_ref", "order_ref as a number"),
        I(dset("subscription.started", "sku", "  \u3000"), "data.sku", "sku of spaces and U+3000"),
        I(dset("payment.captured", "payment_ref", ["P"]), "data.payment_ref", "payment_ref array"),
        I(dset("order.line_changed", "line_ref", {"a": 1}), "data.line_ref", "line_ref object"),
    ]
    files["refs"] = ("Refs: non-empty, <= 128 Unicode scalars, not all whitespace, no control characters.", r)

    req = []
    optional_in_min = {("order.line_changed", "quantity"), ("order.charges_changed", "shipping")}
    for t in TYPES:
        for field in MIN[t]:
            if (t, field) in optional_in_min:
                continue
            req.append(I(dset(t, field, DEL), f"data.{field}", f"{t}: {field} missing"))
            req.append(I(dset(t, field, None), f"data.{field}", f"{t}: {field} null"))
    for field in MIN["order.placed"]["lines"][0]:
        req.append(I(dset("order.placed", f"lines[0].{field}", DEL), f"data.lines[0].{field}", f"order line: {field} missing"))
        req.append(I(dset("order.line_added", f"line.{field}", None), f"data.line.{field}", f"line_added line: {field} null"))
    for field in ["line1", "city", "country_code"]:
        req.append(I(dset("customer.upserted", "billing_address", setp(ADDR_US, field, DEL)), f"data.billing_address.{field}", f"address: {field} missing"))
        req.append(I(dset("order.placed", "shipping_address", setp(ADDR_US, field, None)), f"data.shipping_address.{field}", f"address: {field} null"))
    req.append(I(dset("shipment.shipped", "lines", [{"quantity": 1}]), "data.lines[0].line_ref", "shipment line: line_ref missing"))
    req.append(I(dset("shipment.shipped", "lines", [{"line_ref": "1", "quantity": None}]), "data.lines[0].quantity", "shipment line: quantity null"))
    files["required"] = ("Required fields: missing or null is an error (null means absent).", req)

    tx = [
        I(dset("customer.upserted", "email", "ada.example.com"), "data.email", "no @"),
        I(dset("customer.upserted", "email", "ada@@example.com"), "data.email", "two @ together"),
        I(dset("customer.upserted", "email", "a@b@c"), "data.email", "two @"),
        I(dset("customer.upserted", "email", "@example.com"), "data.email", "nothing before @"),
        I(dset("customer.upserted", "email", "ada@"), "data.email", "nothing after @"),
        I(dset("customer.upserted", "email", "@"), "data.email", "only @"),
        I(dset("customer.upserted", "email", "ada @example.com"), "data.email", "space"),
        I(dset("customer.upserted", "email", "ada@example.com "), "data.email", "trailing space"),
        I(dset("customer.upserted", "email", "ada@example.com\n"), "data.email", "trailing newline"),
        I(dset("customer.upserted", "email", "ada@exa\u00a0mple.com"), "data.email", "NBSP"),
        I(dset("customer.upserted", "email", "\u3000ada@example.com"), "data.email", "U+3000"),
        I(dset("customer.upserted", "email", "ada@example.com\u2028"), "data.email", "LINE SEPARATOR"),
        I(dset("customer.upserted", "email", ""), "data.email", "empty"),
        I(dset("customer.upserted", "email", "   "), "data.email", "blank"),
        I(dset("customer.upserted", "email", 5), "data.email", "number"),
        I(dset("product.upserted", "name", ""), "data.name", "empty name"),
        I(dset("product.upserted", "name", "   "), "data.name", "blank name"),
        I(dset("product.upserted", "name", "\u2003\u3000\t"), "data.name", "name of Unicode whitespace"),
        I(dset("product.upserted", "name", 5), "data.name", "name number"),
        I(dset("shipment.shipped", "carrier", ""), "data.carrier", "empty carrier"),
        I(dset("shipment.shipped", "carrier", " \t"), "data.carrier", "blank carrier"),
        I(dset("customer.upserted", "billing_address", dict(ADDR_US, line1="")), "data.billing_address.line1", "empty line1"),
        I(dset("customer.upserted", "shipping_address", dict(ADDR_US, city="  ")), "data.shipping_address.city", "blank city"),
        I(dset("order.placed", "shipping_address", dict(ADDR_US, line1="\u00a0")), "data.shipping_address.line1", "line1 NBSP"),
        I(dset("customer.upserted", "billing_address", "1 Main St, Springfield"), "data.billing_address", "address as a string"),
        I(dset("customer.upserted", "billing_address", []), "data.billing_address", "address as an array"),
        I(dset("customer.upserted", "first_name", 5), "data.first_name", "first_name number"),
        I(dset("customer.upserted", "last_name", True), "data.last_name", "last_name boolean"),
        I(dset("customer.upserted", "phone", 5550100), "data.phone", "phone number-typed"),
        I(dset("customer.upserted", "company", {}), "data.company", "company object"),
        I(dset("product.upserted", "description", 1), "data.description", "description number"),
        I(dset(oc, "reason", []), "data.reason", "reason array"),
        I(dset("shipment.shipped", "service", 1), "data.service", "service number"),
        I(dset("shipment.shipped", "tracking_number", Raw("123456789")), "data.tracking_number", "tracking_number as a number"),
        I(dset("shipment.shipped", "tracking_url", False), "data.tracking_url", "tracking_url boolean"),
        I(dset("payment.captured", "gateway_ref", 7), "data.gateway_ref", "gateway_ref number"),
        I(dset("customer.upserted", "billing_address", dict(ADDR_US, region=1)), "data.billing_address.region", "region number"),
        I(dset("customer.upserted", "billing_address", dict(ADDR_US, postal_code=12345)), "data.billing_address.postal_code", "postal_code number"),
        I(dset("customer.upserted", "shipping_address", dict(ADDR_US, line2=[])), "data.shipping_address.line2", "line2 array"),
        I(dset("order.placed", "lines[0].description", 5), "data.lines[0].description", "line description number"),
        I(dset("shipment.returned", "reason", 1), "data.reason", "returned reason number"),
        I(dset("payment.refunded", "reason", False), "data.reason", "refund reason boolean"),
        I(dset("order.placed", "promo_codes", "SAVE10"), "data.promo_codes", "promo_codes a string"),
        I(dset("order.placed", "promo_codes", {}), "data.promo_codes", "promo_codes an object"),
        I(dset("order.placed", "promo_codes", [1]), "data.promo_codes[0]", "promo code number"),
        I(dset("order.placed", "promo_codes", ["A", None]), "data.promo_codes[1]", "promo code null (array items are not optional fields)"),
        I(dset("order.placed", "promo_codes", [["A"]]), "data.promo_codes[0]", "promo code array"),
    ]
    files["text"] = ("Text: email one @, text both sides, no whitespace; name/carrier/line1/city not blank; optional text must be a string.", tx)

    qt = [
        I(dset("order.placed", "lines[0].quantity", 0), "data.lines[0].quantity", "quantity 0 in order.placed"),
        I(dset("order.placed", "lines[0].quantity", -1), "data.lines[0].quantity", "quantity -1"),
        I(dset("order.placed", "lines[0].quantity", 1000001), "data.lines[0].quantity", "quantity 1,000,001"),
        I(dset("order.placed", "lines[0].quantity", Raw("1.0")), "data.lines[0].quantity", "quantity 1.0"),
        I(dset("order.placed", "lines[0].quantity", Raw("1e0")), "data.lines[0].quantity", "quantity 1e0"),
        I(dset("order.placed", "lines[0].quantity", Raw("2.5")), "data.lines[0].quantity", "quantity 2.5"),
        I(dset("order.placed", "lines[0].quantity", "1"), "data.lines[0].quantity", "quantity string"),
        I(dset("order.placed", "lines[0].quantity", True), "data.lines[0].quantity", "quantity boolean"),
        I(dset("order.placed", "lines[0].quantity", Raw("10000000000000000000000000")), "data.lines[0].quantity", "quantity beyond any machine integer"),
        I(dset("order.placed", "lines[0].quantity", Raw("-0")), "data.lines[0].quantity", "quantity -0 (zero) in order.placed"),
        I(ev("order.placed", dict(MIN["order.placed"], lines=[MIN["order.placed"]["lines"][0], {"line_ref": "2", "sku": "B", "quantity": 0, "unit_price": "1"}])), "data.lines[1].quantity", "quantity 0 on the second line"),
        I(dset("order.line_added", "line.quantity", 0), "data.line.quantity", "line_added quantity 0"),
        I(dset("order.line_changed", "quantity", -1), "data.quantity", "line_changed quantity -1"),
        I(dset("order.line_changed", "quantity", 1000001), "data.quantity", "line_changed quantity 1,000,001"),
        I(dset("order.line_changed", "quantity", Raw("1.0")), "data.quantity", "line_changed quantity 1.0"),
        I(dset("order.line_changed", "quantity", Raw("-0.0")), "data.quantity", "line_changed quantity -0.0 (not an integer)"),
        I(dset("order.line_changed", "quantity", "0"), "data.quantity", "line_changed quantity string"),
        I(dset("shipment.shipped", "lines", [{"line_ref": "1", "quantity": 0}]), "data.lines[0].quantity", "shipment line quantity 0"),
        I(dset("shipment.shipped", "lines", [{"line_ref": "1", "quantity": 1000001}]), "data.lines[0].quantity", "shipment line quantity 1,000,001"),
        I(dset("subscription.started", "interval_count", 0), "data.interval_count", "interval_count 0"),
        I(dset("subscription.started", "interval_count", 1001), "data.interval_count", "interval_count 1001"),
        I(dset("subscription.started", "interval_count", -1), "data.interval_count", "interval_count -1"),
        I(dset("subscription.started", "interval_count", Raw("1.0")), "data.interval_count", "interval_count 1.0"),
        I(dset("subscription.started", "interval_count", Raw("12.5")), "data.interval_count", "interval_count 12.5"),
        I(dset("subscription.started", "interval_count", "1"), "data.interval_count", "interval_count string"),
        I(dset("subscription.started", "interval_count", True), "data.interval_count", "interval_count boolean"),
    ]
    files["quantities"] = ("Quantities: integers 1..1,000,000 (0.. in order.line_changed); interval_count integer 1..1000.", qt)

    en = [I(dset("order.status_changed", "status", s), "data.status", f"order status {s!r}") for s in
          ["Shipped", "refunded", "canceled", "on-hold", "onhold", "", "shipped ", 1]]
    en += [I(dset("subscription.status_changed", "status", s), "data.status", f"subscription status {s!r}") for s in
           ["canceled", "Active", "trialing", "pending", ""]]
    en += [I(dset("payment.captured", "method", s), "data.method", f"method {s!r}") for s in ["credit_card", "Card", "", 1, "cheque"]]
    en += [I(dset("subscription.started", "interval", s), "data.interval", f"interval {s!r}") for s in ["months", "Month", "quarter", "", 1]]
    en += [I(dset("product.upserted", "subscription", s), "data.subscription", f"subscription {s!r}") for s in ["true", 1, "yes"]]
    en += [I(dset("product.upserted", "active", s), "data.active", f"active {s!r}") for s in [0, "false", []]]
    files["enums"] = ("Enums: statuses, method, interval exactly as listed (case-sensitive); subscription/active are booleans.", en)

    cur = [I(product("1", c), "data.currency", f"currency {c!r}") for c in
           ["XAU", "XAG", "XDR", "XTS", "XXX", "XBA", "XPT", "XSU", "XUA", "usd", "Usd", "US", "USDD", "", "ZWL", "HRK", "SLL", "CUC", "ANG", "BTC", "EUR "]]
    cur += [
        I(product("1", 840), "data.currency", "numeric currency code"),
        I(dset("order.placed", "currency", "XAU"), "data.currency", "order in gold"),
        I(dset("subscription.started", "currency", "usd"), "data.currency", "lower-case subscription currency"),
    ]
    cur += [I(dset("customer.upserted", "billing_address", dict(ADDR_US, country_code=k)), "data.billing_address.country_code", f"country {k!r}") for k in
            ["us", "Us", "UK", "XK", "EU", "AN", "ZZ", "XX", "AA", "QM", "UN", "USA", "", "U S", 840]]
    cur += [I(dset("order.placed", "shipping_address", dict(ADDR_US, country_code="XK")), "data.shipping_address.country_code", "Kosovo's user-assigned XK")]
    files["codes"] = ("Currencies: active ISO 4217 with a minor unit (not XAU, XDR, XTS...), upper case; countries: officially assigned alpha-2, upper case.", cur)

    a = [
        I(ev("order.line_changed", {"order_ref": "FH-1", "line_ref": "1"}), "data", "line_changed with neither"),
        I(ev("order.line_changed", {"order_ref": "FH-1", "line_ref": "1", "quantity": None, "unit_price": None}), "data", "line_changed with both null"),
        I(ev("order.line_changed", {"order_ref": "FH-1", "line_ref": "1", "quantity": None}), "data", "line_changed quantity null only"),
        I(ev("order.line_changed", {"order_ref": "FH-1", "line_ref": "1", "qty": 3, "price": "1.00"}), "data", "line_changed with look-alike unknown fields only"),
        I(ev("order.charges_changed", {"order_ref": "FH-1"}), "data", "charges_changed with none"),
        I(ev("order.charges_changed", {"order_ref": "FH-1", "shipping": None, "tax": None, "discount": None}), "data", "charges_changed all null"),
        I(ev("order.charges_changed", {"order_ref": "FH-1", "discount": None}), "data", "charges_changed discount null only"),
    ]
    files["at-least-one"] = ("order.line_changed needs quantity or unit_price; order.charges_changed needs shipping, tax or discount (null = absent).", a)

    ln = [
        I(dset("order.placed", "lines", []), "data.lines", "order.placed with no lines"),
        I(dset("order.placed", "lines", "1"), "data.lines", "lines as a string"),
        I(dset("order.placed", "lines", MIN["order.placed"]["lines"][0]), "data.lines", "lines as an object"),
        I(dset("order.placed", "lines", [None]), "data.lines[0]", "a null line"),
        I(dset("order.placed", "lines", ["1"]), "data.lines[0]", "a string line"),
        I(dset("order.line_added", "line", []), "data.line", "line_added line as an array"),
        I(dset("order.line_added", "line", "2"), "data.line", "line_added line as a string"),
        I(dset("order.placed", "lines", [{"line_ref": "1", "sku": "A", "quantity": 1, "unit_price": "1"},
                                          {"line_ref": "1", "sku": "B", "quantity": 1, "unit_price": "2"}]), "data.lines[1].line_ref", "duplicate line_ref"),
        I(dset("order.placed", "lines", [{"line_ref": "x", "sku": "A", "quantity": 1, "unit_price": "1"},
                                          {"line_ref": "y", "sku": "B", "quantity": 1, "unit_price": "2"},
                                          {"line_ref": "x", "sku": "C", "quantity": 1, "unit_price": "3"}]), "data.lines[2].line_ref", "third line repeats the first's line_ref"),
        I(dset("order.placed", "lines", [{"line_ref": "caf\u00e9", "sku": "A", "quantity": 1, "unit_price": "1"},
                                          {"line_ref": Raw('"caf\\u00e9"'), "sku": "B", "quantity": 1, "unit_price": "2"}]), "data.lines[1].line_ref", "duplicate line_ref, one written with an escape"),
        I(dset("shipment.shipped", "lines", []), "data.lines", "shipment lines [] (omit lines for the whole order)"),
        I(dset("shipment.shipped", "lines", "all"), "data.lines", "shipment lines as a string"),
        I(dset("shipment.shipped", "lines", [None]), "data.lines[0]", "a null shipment line"),
        I(dset("shipment.shipped", "lines", [[]]), "data.lines[0]", "an array as a shipment line"),
    ]
    files["lines"] = ("order.placed lines >= 1 with unique line_refs (the second occurrence is named); shipment.shipped lines, if given, >= 1.", ln)
    return files


def framing_files() -> dict[str, tuple[str, str, list[tuple[bytes | Callable, str]]]]:
    """Valid files whose framing is unusual. Each: (rule, layout, [(line or blank, note)])."""
    oc = "order.cancelled"
    return {
        "crlf": ("CRLF line ends are accepted (neither CR nor LF is part of the line).", "crlf", [
            (lambda i: line_bytes(ev(oc, id=i)), "CRLF"),
            (lambda i: line_bytes(ev(oc, id=i)), "CRLF"),
            (lambda i: line_bytes(ev(oc, id=i)) + b"\r", "CR CR LF: the extra CR is trailing JSON whitespace"),
            (lambda i: line_bytes(ev(oc, id=i)).replace(b",", b",\r"), "lone CRs inside the line are whitespace, not line ends"),
        ]),
        "blank-lines": ("Blank lines (empty or only spaces and tabs, with LF or CRLF) are ignored; line numbers count them.", "mixed", [
            (b"", "empty line first"),
            (lambda i: line_bytes(ev(oc, id=i)), "event"),
            (b"   ", "spaces"),
            (b"\t \t", "tabs and spaces"),
            (b"\r", "empty line with CRLF"),
            (b" \t\r", "blank line with CRLF"),
            (lambda i: line_bytes(ev(oc, id=i)), "event after blank lines"),
            (b"", "empty line last"),
        ]),
        "bom-start": ("A UTF-8 BOM at the very start of a file is skipped.", "bom", [
            (lambda i: line_bytes(ev(oc, id=i)), "first line, after the BOM"),
            (lambda i: line_bytes(ev(oc, id=i)), "second line"),
        ]),
        "no-final-newline": ("The last line needs no line end.", "nofinal", [
            (lambda i: line_bytes(ev(oc, id=i)), "first line"),
            (lambda i: line_bytes(ev(oc, id=i)), "last line, no LF after it"),
        ]),
    }


def materialise(line: Any, id_: str) -> bytes:
    if callable(line):
        line = line(id_)
    if isinstance(line, bytes):
        return line
    if isinstance(line, dict) and line.get("id") == AUTO:
        line = dict(line, id=id_)
    return line_bytes(line)


def build() -> tuple[dict[Path, bytes], dict]:
    outputs: dict[Path, bytes] = {}
    manifest_files = []
    for kind, files in (("valid", valid_files()), ("invalid", invalid_files())):
        for stem, (rule, cases) in files.items():
            rel = f"{kind}/{stem}.ndjson"
            lines, mcases = [], []
            for n, case in enumerate(cases, 1):
                data = materialise(case.line, f"{kind[0]}-{stem}-{n:03d}")
                if b"\n" in data:
                    raise SystemExit(f"{rel}:{n}: a raw LF inside a case")
                if data.strip(b" \t") in (b"", b"\r"):
                    raise SystemExit(f"{rel}:{n}: a blank case")
                lines.append(data)
                entry: dict = {"line": n}
                if kind == "invalid":
                    if case.field == "<valid>":
                        raise SystemExit(f"{rel}:{n}: invalid case without field")
                    entry["field"] = case.field
                elif case.field != "<valid>":
                    raise SystemExit(f"{rel}:{n}: valid case with a field")
                entry["note"] = case.note
                mcases.append(entry)
            outputs[OUT / rel] = b"".join(x + b"\n" for x in lines)
            manifest_files.append({"path": rel, "expect": kind, "rule": rule, "cases": mcases})
    for stem, (rule, layout, entries) in framing_files().items():
        rel = f"framing/{stem}.ndjson"
        out, mcases, n = b"", [], 0
        for idx, (line, note) in enumerate(entries, 1):
            data = materialise(line, f"f-{stem}-{idx:03d}")
            blank = data.strip(b" \t\r") == b""
            if layout == "crlf":
                out += data + b"\r\n"
            elif layout == "mixed":
                out += (data[:-1] + b"\r\n") if data.endswith(b"\r") else data + b"\n"
            elif layout == "nofinal":
                out += data + (b"\n" if idx < len(entries) else b"")
            else:
                out += data + b"\n"
            if not blank:
                mcases.append({"line": idx, "note": note})
        if layout == "bom":
            out = BOM + out
        outputs[OUT / rel] = out
        manifest_files.append({"path": rel, "expect": "valid", "rule": rule, "cases": mcases})
    manifest = {
        "about": "Feed fixtures for shared/spec/feed.md, generated by scripts/gen_fixtures.py; checked by scripts/check_schemas.py. "
        "Line numbers are physical (1-based; blank lines count but are not cases). For invalid lines, `field` is what the error "
        "must name (null: framing). See Schemas/README.md.",
        "files": manifest_files,
    }
    return outputs, manifest


def manifest_text(manifest: dict) -> str:
    # One case per line keeps the manifest diffable.
    parts = ['{\n  "about": ' + json.dumps(manifest["about"], ensure_ascii=False) + ',\n  "files": [\n']
    for fi, f in enumerate(manifest["files"]):
        head = {k: f[k] for k in ("path", "expect", "rule")}
        parts.append("    " + json.dumps(head, ensure_ascii=False)[:-1] + ', "cases": [\n')
        parts.append(",\n".join("      " + json.dumps(c, ensure_ascii=False) for c in f["cases"]))
        parts.append("\n    ]}" + ("," if fi < len(manifest["files"]) - 1 else "") + "\n")
    parts.append("  ]\n}\n")
    text = "".join(parts)
    assert json.loads(text) == manifest
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    args = parser.parse_args()
    outputs, manifest = build()
    outputs[OUT / "manifest.json"] = manifest_text(manifest).encode("utf-8")
    stale = []
    if args.check:
        for path, data in outputs.items():
            if not path.exists() or path.read_bytes() != data:
                stale.append(path)
        for path in sorted(OUT.rglob("*.ndjson")):
            if path not in outputs:
                stale.append(path)
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)} (run python3 scripts/gen_fixtures.py)")
        return 1 if stale else 0
    for path in sorted(OUT.rglob("*.ndjson")):
        if path not in outputs:
            path.unlink()
    for path, data in outputs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    counts = {"valid": 0, "invalid": 0}
    for f in manifest["files"]:
        counts[f["expect"]] += len(f["cases"])
    print(f"wrote {len(outputs) - 1} fixture files, {counts['valid']} valid and {counts['invalid']} invalid cases, and manifest.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
