#!/usr/bin/env python3
"""Write the feed's JSON Schemas (draft 2020-12) under Schemas/ (standard library only).

Reads scripts/data/iso4217.tsv and scripts/data/iso3166.tsv, and encodes the rules of
shared/spec/feed.md ("The fulfillment feed: what `ingest` accepts"), settled edge cases included.

  Schemas/defs.schema.json            shared definitions (refs, money, timestamps, address, ...)
  Schemas/envelope.schema.json        the envelope (id, type, occurred_at, source, v, data)
  Schemas/events/<type>.schema.json   one per event type: the `data` object
  Schemas/feed-event.schema.json      one feed line: envelope + the data schema chosen by `type`

Rules JSON Schema cannot express (framing, duplicate keys, number literals as written, unique
line_refs, ...) are listed in Schemas/README.md and enforced by scripts/check_schemas.py.

Usage: python3 scripts/gen_schemas.py [--check]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import isodata  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Schemas"
BASE = "https://keapledger.invalid/schemas/"  # `.invalid` never resolves: every $ref is served from these files
DRAFT = "https://json-schema.org/draft/2020-12/schema"

# ---------------------------------------------------------------------------------------------
# Regex building blocks. Patterns must mean the same in ECMA-262 (what JSON Schema specifies)
# and in Python's `re` (what the `jsonschema` package uses), so:
#   * no \s, \d, \w (they differ between engines): explicit classes only;
#   * no `$`: Python's `$` also matches before a final "\n". END is a portable end anchor.
# ---------------------------------------------------------------------------------------------
# Unicode White_Space.
WS = r"\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"
# General category Cc.
CC = r"\u0000-\u001F\u007F-\u009F"
END = r"(?![\s\S])"

NON_BLANK = f"[^{WS}]"                      # contains a character that is not whitespace
NO_CONTROL = f"^[^{CC}]*{END}"              # contains no control character
EMAIL = f"^[^@{WS}]+@[^@{WS}]+{END}"        # one @, text on both sides, no whitespace anywhere
MONEY_INT = "(0|[1-9][0-9]{0,14})"
MONEY = f"^{MONEY_INT}(\\.[0-9]+)?{END}"


def money_places(k: int) -> str:
    return f"^{MONEY_INT}{END}" if k == 0 else f"^{MONEY_INT}(\\.[0-9]{{1,{k}}})?{END}"


def timestamp_pattern() -> str:
    year = "(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"  # 0001-9999
    # Leap years: divisible by 400 (first two digits divisible by 4, last two 00), or by 4 and not by 100.
    leap_year = "((0[48]|[2468][048]|[13579][26])00|[0-9]{2}(0[48]|[2468][048]|[13579][26]))"
    month_day = (
        "((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])"  # 31-day months
        "|(0[469]|11)-(0[1-9]|[12][0-9]|30)"  # 30-day months
        "|02-(0[1-9]|1[0-9]|2[0-8]))"  # February, 1-28
    )
    date = f"({year}-{month_day}|{leap_year}-02-29)"
    time = "([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?"
    offset = "([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])"
    return f"^{date}[Tt]{time}{offset}{END}"


EVENT_TYPES = [
    "customer.upserted",
    "product.upserted",
    "order.placed",
    "order.line_added",
    "order.line_changed",
    "order.line_removed",
    "order.charges_changed",
    "order.status_changed",
    "order.cancelled",
    "shipment.shipped",
    "shipment.delivered",
    "shipment.returned",
    "payment.captured",
    "payment.refunded",
    "subscription.started",
    "subscription.renewed",
    "subscription.status_changed",
]
ORDER_STATUSES = ["pending", "processing", "on_hold", "shipped", "partially_shipped", "delivered", "cancelled", "returned"]
SUBSCRIPTION_STATUSES = ["active", "paused", "past_due", "cancelled", "expired"]
PAYMENT_METHODS = ["card", "paypal", "bank", "cash", "check", "other"]
INTERVALS = ["day", "week", "month", "year"]
MAX_QUANTITY = 1_000_000
MAX_INTERVAL_COUNT = 1000


def d(name: str, from_events: bool = True) -> dict:
    """A $ref to a shared definition."""
    return {"$ref": ("../" if from_events else "") + f"defs.schema.json#/$defs/{name}"}


def nullable(schema: dict) -> dict:
    """Optional scalar: `null` means absent."""
    return {"anyOf": [schema, {"type": "null"}]}


def build_defs(currencies: dict[str, int], countries: dict[str, tuple[str, str]]) -> dict:
    groups = sorted(set(currencies.values()))

    def text_id(max_len: int, what: str) -> dict:
        return {
            "description": f"{what}: 1-{max_len} Unicode scalar values, not all whitespace, no control characters; compared exactly.",
            "type": "string",
            "minLength": 1,
            "maxLength": max_len,
            "allOf": [{"pattern": NON_BLANK}, {"pattern": NO_CONTROL}],
        }

    defs: dict = {
        "eventId": text_id(128, "The producer's event id"),
        "source": text_id(64, "The producer's name"),
        "ref": text_id(128, "An external reference (order_ref, customer_ref, line_ref, shipment_ref, payment_ref, refund_ref, subscription_ref, sku)"),
        "requiredText": {
            "description": "Required free text: not empty and not all whitespace.",
            "type": "string",
            "minLength": 1,
            "pattern": NON_BLANK,
        },
        "optionalText": {"description": "Optional free text: any string; null means absent.", "type": ["string", "null"]},
        "email": {
            "description": "Exactly one @ with at least one character on each side; no whitespace anywhere.",
            "type": "string",
            "pattern": EMAIL,
        },
        "timestamp": {
            "description": "RFC 3339 date-time: T or t, seconds required, fraction of 1-9 digits, Z, z or ±hh:mm; "
            "a real calendar date in years 0001-9999 (Gregorian leap years); no leap second.",
            "type": "string",
            "pattern": timestamp_pattern(),
        },
        "money": {
            "description": "A non-negative decimal amount, as a string or a JSON number whose text matches the same "
            "pattern (no sign, exponent, leading zeros; at most 15 integer digits). A JSON number's text cannot be "
            "seen by JSON Schema: the validator checks a number as written (scripts/check_schemas.py substitutes the "
            "literal text before validating); the number branch below is only a value-level approximation.",
            "anyOf": [
                {"type": "string", "pattern": MONEY},
                {"type": "number", "minimum": 0, "exclusiveMaximum": 10**15},
            ],
        },
        "optionalMoney": nullable({"$ref": "#/$defs/money"}),
        "currency": {
            "description": "An active ISO 4217 code that has a minor unit, upper case.",
            "type": "string",
            "enum": sorted(currencies),
        },
        "countryCode": {
            "description": "An officially assigned ISO 3166-1 alpha-2 code, upper case.",
            "type": "string",
            "enum": sorted(countries),
        },
        "quantity": {"type": "integer", "minimum": 1, "maximum": MAX_QUANTITY},
        "addressFields": {
            "description": "The address object's fields (without its type, so both address and optionalAddress share it). Unknown fields are accepted.",
            "required": ["line1", "city", "country_code"],
            "properties": {
                "line1": {"$ref": "#/$defs/requiredText"},
                "line2": {"$ref": "#/$defs/optionalText"},
                "city": {"$ref": "#/$defs/requiredText"},
                "region": {"$ref": "#/$defs/optionalText"},
                "postal_code": {"$ref": "#/$defs/optionalText"},
                "country_code": {"$ref": "#/$defs/countryCode"},
            },
        },
        "optionalAddress": {"type": ["object", "null"], "$ref": "#/$defs/addressFields"},
        "orderLine": {
            "description": "A line of order.placed / order.line_added. Unknown fields are accepted.",
            "type": "object",
            "required": ["line_ref", "sku", "quantity", "unit_price"],
            "properties": {
                "line_ref": {"$ref": "#/$defs/ref"},
                "sku": {"$ref": "#/$defs/ref"},
                "quantity": {"$ref": "#/$defs/quantity"},
                "unit_price": {"$ref": "#/$defs/money"},
                "description": {"$ref": "#/$defs/optionalText"},
            },
        },
    }
    for k in groups:
        defs[f"currencyWith{k}MinorUnits"] = {
            "description": f"The currencies whose minor unit is {k} decimal{'s' if k != 1 else ''}.",
            "enum": sorted(c for c, u in currencies.items() if u == k),
        }
        defs[f"moneyUpTo{k}Decimals"] = {
            "description": f"A money string with at most {k} fractional digits as written (applies to strings; "
            "a JSON number is checked by its literal text, see the money definition).",
            "pattern": money_places(k),
        }
    return {
        "$schema": DRAFT,
        "$id": BASE + "defs.schema.json",
        "title": "KeapLedger feed: shared definitions",
        "$defs": defs,
    }


def currency_places(money_fields: dict) -> list[dict]:
    """if currency is in group k then each money field has at most k decimals as written.

    money_fields maps a property name to the schema path inside it to the money value, e.g.
    {"price": None, "lines": ("items", "unit_price")}.
    """
    groups = sorted(set(isodata.currencies()[0].values()))
    rules = []
    for k in groups:
        props: dict = {}
        for name, inner in money_fields.items():
            if inner is None:
                props[name] = d(f"moneyUpTo{k}Decimals")
            else:
                kw, field = inner
                props[name] = {kw: {"properties": {field: d(f"moneyUpTo{k}Decimals")}}}
        rules.append(
            {
                "if": {"required": ["currency"], "properties": {"currency": d(f"currencyWith{k}MinorUnits")}},
                "then": {"properties": props},
            }
        )
    return rules


def at_least_one(fields: list[str]) -> dict:
    return {
        "anyOf": [
            {"required": [f], "properties": {f: {"not": {"type": "null"}}}} for f in fields
        ]
    }


def event_schema(event_type: str) -> dict:
    ref, text, opt_text = d("ref"), d("requiredText"), d("optionalText")
    money, opt_money = d("money"), d("optionalMoney")
    required: list[str]
    props: dict
    extra: dict = {}
    description = ""
    if event_type == "customer.upserted":
        required = ["customer_ref", "email"]
        props = {
            "customer_ref": ref,
            "email": d("email"),
            "first_name": opt_text,
            "last_name": opt_text,
            "phone": opt_text,
            "company": opt_text,
            "billing_address": d("optionalAddress"),
            "shipping_address": d("optionalAddress"),
        }
    elif event_type == "product.upserted":
        required = ["sku", "name", "price", "currency"]
        props = {
            "sku": ref,
            "name": text,
            "price": money,
            "currency": d("currency"),
            "subscription": {"description": "Default false.", "type": ["boolean", "null"]},
            "description": opt_text,
            "active": {"description": "Default true.", "type": ["boolean", "null"]},
        }
        extra["allOf"] = currency_places({"price": None})
    elif event_type == "order.placed":
        required = ["order_ref", "customer_ref", "currency", "lines"]
        props = {
            "order_ref": ref,
            "customer_ref": ref,
            "currency": d("currency"),
            "lines": {
                "description": "At least one line. line_refs are unique within the order: JSON Schema cannot say "
                "that, the validator checks it (Schemas/README.md).",
                "type": "array",
                "minItems": 1,
                "items": d("orderLine"),
            },
            "shipping": opt_money,
            "tax": opt_money,
            "discount": {"description": "A positive amount that reduces the total.", "$ref": "../defs.schema.json#/$defs/optionalMoney"},
            "promo_codes": {"type": ["array", "null"], "items": {"type": "string"}},
            "shipping_address": d("optionalAddress"),
        }
        extra["allOf"] = currency_places(
            {"lines": ("items", "unit_price"), "shipping": None, "tax": None, "discount": None}
        )
        extra["$comment"] = "Not expressible here, checked by the validator: unique lines[].line_ref."
    elif event_type == "order.line_added":
        required = ["order_ref", "line"]
        props = {"order_ref": ref, "line": d("orderLine")}
        description = "No currency here: unit_price is checked for syntax only (decimal places are checked against the order's currency when projected)."
    elif event_type == "order.line_changed":
        required = ["order_ref", "line_ref"]
        props = {
            "order_ref": ref,
            "line_ref": ref,
            "quantity": nullable({"description": "0 means removed.", "type": "integer", "minimum": 0, "maximum": MAX_QUANTITY}),
            "unit_price": opt_money,
        }
        extra.update(at_least_one(["quantity", "unit_price"]))
        description = "At least one of quantity and unit_price is given (not null)."
    elif event_type == "order.line_removed":
        required = ["order_ref", "line_ref"]
        props = {"order_ref": ref, "line_ref": ref}
    elif event_type == "order.charges_changed":
        required = ["order_ref"]
        props = {"order_ref": ref, "shipping": opt_money, "tax": opt_money, "discount": opt_money}
        extra.update(at_least_one(["shipping", "tax", "discount"]))
        description = "At least one of shipping, tax and discount is given (not null)."
    elif event_type == "order.status_changed":
        required = ["order_ref", "status"]
        props = {"order_ref": ref, "status": {"type": "string", "enum": ORDER_STATUSES}}
    elif event_type == "order.cancelled":
        required = ["order_ref"]
        props = {"order_ref": ref, "reason": opt_text}
    elif event_type == "shipment.shipped":
        required = ["order_ref", "shipment_ref", "carrier"]
        props = {
            "order_ref": ref,
            "shipment_ref": ref,
            "carrier": text,
            "service": opt_text,
            "tracking_number": opt_text,
            "tracking_url": opt_text,
            "lines": {
                "description": "Absent or null: the whole order. If given, at least one line ([] is an error).",
                "type": ["array", "null"],
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["line_ref", "quantity"],
                    "properties": {"line_ref": d("ref"), "quantity": d("quantity")},
                },
            },
        }
    elif event_type == "shipment.delivered":
        required = ["order_ref", "shipment_ref"]
        props = {"order_ref": ref, "shipment_ref": ref}
    elif event_type == "shipment.returned":
        required = ["order_ref", "shipment_ref"]
        props = {"order_ref": ref, "shipment_ref": ref, "reason": opt_text}
    elif event_type == "payment.captured":
        required = ["order_ref", "payment_ref", "amount"]
        props = {
            "order_ref": ref,
            "payment_ref": ref,
            "amount": money,
            "method": nullable({"type": "string", "enum": PAYMENT_METHODS}),
            "gateway_ref": opt_text,
        }
        description = "No currency here: amount is checked for syntax only."
    elif event_type == "payment.refunded":
        required = ["order_ref", "payment_ref", "refund_ref", "amount"]
        props = {"order_ref": ref, "payment_ref": ref, "refund_ref": ref, "amount": money, "reason": opt_text}
        description = "No currency here: amount is checked for syntax only."
    elif event_type == "subscription.started":
        required = ["subscription_ref", "customer_ref", "sku", "price", "currency", "interval", "current_period_end"]
        props = {
            "subscription_ref": ref,
            "customer_ref": ref,
            "sku": ref,
            "order_ref": nullable(ref),
            "price": money,
            "currency": d("currency"),
            "interval": {"type": "string", "enum": INTERVALS},
            "interval_count": {"description": "Default 1.", "type": ["integer", "null"], "minimum": 1, "maximum": MAX_INTERVAL_COUNT},
            "current_period_end": d("timestamp"),
        }
        extra["allOf"] = currency_places({"price": None})
    elif event_type == "subscription.renewed":
        required = ["subscription_ref", "current_period_end"]
        props = {"subscription_ref": ref, "current_period_end": d("timestamp"), "order_ref": nullable(ref)}
    elif event_type == "subscription.status_changed":
        required = ["subscription_ref", "status"]
        props = {
            "subscription_ref": ref,
            "status": {"type": "string", "enum": SUBSCRIPTION_STATUSES},
            "current_period_end": nullable(d("timestamp")),
        }
    else:
        raise SystemExit(f"no schema for {event_type}")
    schema = {
        "$schema": DRAFT,
        "$id": BASE + f"events/{event_type}.schema.json",
        "title": f"{event_type}: data",
        "description": (description + " " if description else "")
        + "Unknown fields are accepted at every level; an optional field given as null means absent.",
        "type": "object",
        "required": required,
        "properties": props,
    }
    schema.update(extra)
    return schema


def envelope_schema() -> dict:
    return {
        "$schema": DRAFT,
        "$id": BASE + "envelope.schema.json",
        "title": "KeapLedger feed: event envelope",
        "description": "One line of the feed. Unknown top-level fields are accepted, except seq and recorded_at "
        "(assigned by the ledger): present with any value, even null, the line is rejected.",
        "type": "object",
        "required": ["id", "type", "occurred_at", "data"],
        "properties": {
            "id": d("eventId", from_events=False),
            "type": {"type": "string", "enum": EVENT_TYPES},
            "occurred_at": d("timestamp", from_events=False),
            "source": {"description": "Default \"default\".", "anyOf": [d("source", from_events=False), {"type": "null"}]},
            "v": {
                "description": "Integer >= 1, default 1. Only version 1 exists: any other integer is unsupported.",
                "type": ["integer", "null"],
                "minimum": 1,
                "maximum": 1,
            },
            "data": {"type": "object"},
            # {"not": {}} rejects any value, like `false`, and validators report it at the field's path.
            "seq": {"description": "Assigned by the ledger: a line that carries it, with any value, is rejected.", "not": {}},
            "recorded_at": {"description": "Assigned by the ledger: a line that carries it, with any value, is rejected.", "not": {}},
        },
    }


def feed_event_schema() -> dict:
    return {
        "$schema": DRAFT,
        "$id": BASE + "feed-event.schema.json",
        "title": "KeapLedger feed: one event line",
        "description": "The envelope, and `data` checked against the schema of the event's `type`. "
        "Validate each NDJSON line against this after the strict loader layer (Schemas/README.md).",
        "$ref": "envelope.schema.json",
        "allOf": [
            {
                "if": {"required": ["type"], "properties": {"type": {"const": t}}},
                "then": {"properties": {"data": {"$ref": f"events/{t}.schema.json"}}},
            }
            for t in EVENT_TYPES
        ],
    }


def outputs() -> dict[Path, str]:
    currencies, _ = isodata.currencies()
    countries, _ = isodata.countries()
    docs = {
        OUT / "defs.schema.json": build_defs(currencies, countries),
        OUT / "envelope.schema.json": envelope_schema(),
        OUT / "feed-event.schema.json": feed_event_schema(),
    }
    for t in EVENT_TYPES:
        docs[OUT / "events" / f"{t}.schema.json"] = event_schema(t)
    return {p: json.dumps(doc, indent=2, ensure_ascii=True) + "\n" for p, doc in docs.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    args = parser.parse_args()
    stale = []
    for path, text in outputs().items():
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
    if args.check:
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)} (run python3 scripts/gen_schemas.py)")
    else:
        print(f"wrote {len(outputs())} schemas under {OUT.relative_to(ROOT)}/")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
