"""Schemathesis hooks for the 留连来连 API document (SCHEMATHESIS_HOOKS=test/support/schemathesis/hooks.py).

Some rules of the server cannot be said in JSON Schema; the document names them and these hooks
teach the fuzzer to respect them, so a request it calls valid is one the server must accept:
  - format "future-date-time": an ISO 8601 instant later than now (Joi date().greater('now'));
  - format "recent-date-time": an instant within the last 30 minutes (a live-room report);
  - formats "uscc", "resident-id", "bank-card": numbers with valid check characters;
  - "x-later-than": <field> on a date-time property: later than that sibling field;
  - "x-not-less-than": <field> on a number: not less than that sibling field;
  - "x-unique-by": <key> on an array: no two items share that key;
  - "x-not-with": <name> on a query parameter: not sent together with that one;
  - format "page-cursor": a keyset cursor the server signed; none can be made up, so a request the
    fuzzer calls valid leaves it out (invalid requests still send made-up ones: 400 CURSOR_INVALID).
"""
from datetime import datetime, timedelta, timezone

import schemathesis
from hypothesis import strategies as st


def _future_instant(seconds: int) -> str:
    moment = datetime.now(timezone.utc) + timedelta(days=1, seconds=seconds)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


# A day ahead and up to a year on: "later than now" when the server reads it, whatever the clock.
schemathesis.openapi.format("future-date-time", st.integers(0, 365 * 24 * 3600).map(_future_instant))


def _recent_instant(seconds: int) -> str:
    moment = datetime.now(timezone.utc) - timedelta(seconds=seconds)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


# Between 10 s and 20 min ago: inside the 30-minute window when the server reads it.
schemathesis.openapi.format("recent-date-time", st.integers(10, 20 * 60).map(_recent_instant))


def _parse(value):
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _body_schema(operation):
    body = (operation.definition.raw.get("requestBody") or {}).get("content", {}).get("application/json", {})
    return body.get("schema") or {}


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _keeps_rules(schema, value) -> bool:
    """The document's extensions and its UTF-16 lengths, checked along the schema's properties and items."""
    if not isinstance(schema, dict):
        return True
    # The server counts lengths in UTF-16 code units (JavaScript), JSON Schema in code points: an
    # emoji is one character to the schema and two to the server (info.description says so).
    if isinstance(value, str) and "maxLength" in schema and _utf16_length(value) > schema["maxLength"]:
        return False
    if isinstance(value, dict):
        properties = schema.get("properties") or {}
        for name, prop in properties.items():
            if not isinstance(prop, dict) or name not in value:
                continue
            earlier = prop.get("x-later-than")
            if earlier in value:
                a, b = _parse(value[name]), _parse(value[earlier])
                if a is not None and b is not None and not a > b:
                    return False
            floor = prop.get("x-not-less-than")
            if floor in value and isinstance(value[name], (int, float)) and isinstance(value[floor], (int, float)):
                if value[name] < value[floor]:
                    return False
            if not _keeps_rules(prop, value[name]):
                return False
    if isinstance(value, list):
        by = schema.get("x-unique-by")
        if by is not None:
            keys = [item.get(by) for item in value if isinstance(item, dict) and item.get(by) is not None]
            if len(keys) != len(set(map(str, keys))):
                return False
        for item in value:
            if not _keeps_rules(schema.get("items"), item):
                return False
    return True


@schemathesis.hook
def filter_body(context, body):
    if context.operation is None:
        return True
    return _keeps_rules(_body_schema(context.operation), body)


# Check-digit formats (server/src/contract/uscc.ts, resident-id.ts, bank-account.ts): the same algorithms.
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def _uscc(first17: str) -> str:
    total = sum(USCC_CHARS.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS))
    return first17 + USCC_CHARS[(31 - total % 31) % 31]


schemathesis.openapi.format("uscc", st.text(alphabet=USCC_CHARS, min_size=17, max_size=17).map(_uscc))

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"


def _resident_id(parts) -> str:
    area, birth, seq = parts
    first17 = f"{area:06d}{birth.strftime('%Y%m%d')}{seq:03d}"
    return first17 + ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS)) % 11]


schemathesis.openapi.format(
    "resident-id",
    st.tuples(
        st.integers(110000, 829999),
        st.dates(min_value=datetime(1900, 1, 1).date(), max_value=datetime(2008, 12, 31).date()),
        st.integers(0, 999),
    ).map(_resident_id),
)


def _luhn(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)


schemathesis.openapi.format("bank-card", st.text(alphabet="0123456789", min_size=15, max_size=18).map(_luhn))


def _cursor_names(operation):
    parameters = operation.definition.raw.get("parameters") or []
    return [p["name"] for p in parameters if p.get("in") == "query" and (p.get("schema") or {}).get("format") == "page-cursor"]


@schemathesis.hook
def map_case(context, case):
    meta = getattr(case, "meta", None)
    if context.operation is None or meta is None or not meta.generation.mode.is_positive:
        return case
    for name in _cursor_names(context.operation):
        if case.query:
            case.query.pop(name, None)
    body_cursor = ((_body_schema(context.operation).get("properties") or {}).get("cursor") or {}).get("format")
    if body_cursor == "page-cursor" and isinstance(case.body, dict):
        case.body.pop("cursor", None)
    return case


def _not_with_pairs(operation):
    parameters = operation.definition.raw.get("parameters") or []
    return [(p["name"], p["schema"]["x-not-with"]) for p in parameters if p.get("in") == "query" and "x-not-with" in (p.get("schema") or {})]


@schemathesis.hook
def filter_case(context, case):
    meta = getattr(case, "meta", None)
    if context.operation is None or meta is None or not meta.generation.mode.is_positive or not case.query:
        return True
    if any(a in case.query and b in case.query for a, b in _not_with_pairs(context.operation)):
        return False
    parameters = context.operation.definition.raw.get("parameters") or []
    schemas = {p["name"]: p.get("schema") or {} for p in parameters if p.get("in") == "query"}
    return all(_keeps_rules(schemas.get(name), value) for name, value in case.query.items())
