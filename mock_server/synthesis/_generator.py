"""A compact JSON Schema data generator, deterministic for a given ``random.Random``.

Covers types, ``enum``/``const``, common formats, numeric and length bounds, ``pattern``
(through the stdlib regex parser), ``required`` plus optional properties, arrays (with
``uniqueItems``), ``allOf`` (merged), ``oneOf``/``anyOf`` (one branch), nullable types and
local ``$ref``s (recursion is cut off by depth). When a validator is given, candidates
are checked and regenerated until one validates.
"""

from __future__ import annotations

import base64
import copy
import json
import math
import random
import string
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from mock_server.spec._schema import deref
from mock_server.synthesis._regex import regex_sample

_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
_WORDS = ("alpha", "bravo", "cedar", "delta", "ember", "fjord", "garnet", "harbor", "indigo")
_ALNUM = string.ascii_lowercase + string.digits
_LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
_UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")


@dataclass(frozen=True, slots=True)
class _Run:
    rng: random.Random
    use_examples: bool


def _stamp(rng: random.Random) -> datetime:
    return _EPOCH + timedelta(seconds=rng.randrange(0, 2 * 365 * 86400))


def _word(rng: random.Random) -> str:
    return rng.choice(_WORDS)


_FORMATS: dict[str, Any] = {
    "date-time": lambda rng: _stamp(rng).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "date": lambda rng: _stamp(rng).strftime("%Y-%m-%d"),
    "time": lambda rng: _stamp(rng).strftime("%H:%M:%SZ"),
    "duration": lambda rng: f"P{rng.randint(1, 30)}D",
    "uuid": lambda rng: str(uuid.UUID(int=rng.getrandbits(128), version=4)),
    "email": lambda rng: f"{_word(rng)}{rng.randint(1, 99)}@example.com",
    "idn-email": lambda rng: f"{_word(rng)}@example.com",
    "uri": lambda rng: f"https://example.com/{_word(rng)}/{rng.randint(1, 999)}",
    "url": lambda rng: f"https://example.com/{_word(rng)}/{rng.randint(1, 999)}",
    "iri": lambda rng: f"https://example.com/{_word(rng)}",
    "uri-reference": lambda rng: f"/{_word(rng)}/{rng.randint(1, 999)}",
    "iri-reference": lambda rng: f"/{_word(rng)}",
    "uri-template": lambda rng: f"https://example.com/{_word(rng)}/{{id}}",
    "hostname": lambda rng: f"{_word(rng)}.example.com",
    "idn-hostname": lambda rng: f"{_word(rng)}.example.com",
    "ipv4": lambda rng: f"192.0.2.{rng.randint(1, 254)}",
    "ipv6": lambda rng: f"2001:db8::{rng.randint(1, 65535):x}",
    "byte": lambda rng: base64.b64encode(rng.randbytes(9)).decode(),
    "json-pointer": lambda rng: f"/{_word(rng)}/0",
    "relative-json-pointer": lambda rng: "0/" + _word(rng),
    "regex": lambda rng: "^[a-z]+$",
}


class SchemaGenerator:
    """Generates instances of the schemas of one (normalized) document.

    Args:
        document: The document ``$ref``s resolve against.
        skip_flag: Optional properties carrying this flag (``writeOnly`` for responses,
            ``readOnly`` for requests) are left out.
        max_depth: Beyond this nesting only required properties and minimum items are
            generated, which ends recursive schemas.
    """

    def __init__(
        self, document: Mapping[str, Any], *, skip_flag: str = "writeOnly", max_depth: int = 5
    ) -> None:
        self.document = document
        self.skip_flag = skip_flag
        self.max_depth = max_depth

    def generate(
        self,
        schema: Any,
        rng: random.Random,
        *,
        use_examples: bool = True,
        validator: Any = None,
        attempts: int = 12,
    ) -> Any:
        """Return an instance of ``schema``.

        Args:
            schema: The schema (it may be or contain local ``$ref``s).
            rng: The source of randomness; the same state gives the same value.
            use_examples: Prefer the schema's own ``example``/``examples``/``default``.
            validator: A compiled validator; candidates are regenerated until one passes.
            attempts: How many candidates to try when ``validator`` rejects one.
        """
        value = self._gen(schema, _Run(rng, use_examples), 0)
        if validator is None or validator.is_valid(value):
            return value
        for _ in range(attempts):
            value = self._gen(schema, _Run(rng, use_examples=False), 0)
            if validator.is_valid(value):
                return value
        return value

    def _gen(self, schema: Any, run: _Run, depth: int) -> Any:
        if not isinstance(schema, dict):
            return None if schema is False else "string"
        if "$ref" in schema:
            schema = self._follow(schema)
        if depth > self.max_depth + 6:
            return _minimal(schema)
        if run.use_examples:
            if "example" in schema:
                return copy.deepcopy(schema["example"])
            if isinstance(schema.get("examples"), list) and schema["examples"]:
                return copy.deepcopy(schema["examples"][0])
            if "default" in schema:
                return copy.deepcopy(schema["default"])
        if "const" in schema:
            return copy.deepcopy(schema["const"])
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return copy.deepcopy(self._pick(schema["enum"], run))
        if isinstance(schema.get("allOf"), list):
            return self._gen(self._merge_all(schema, depth), run, depth)
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list) and schema[key]:
                base = {k: v for k, v in schema.items() if k != key}
                branch = self._follow(self._pick(schema[key], run, avoid_null=True))
                return self._gen(self._merge(base, branch), run, depth + 1)
        kind = self._type(schema, run)
        generate = getattr(self, f"_gen_{kind}", None)
        return None if generate is None else generate(schema, run, depth)

    def _follow(self, schema: Any) -> Any:
        if not isinstance(schema, dict) or "$ref" not in schema:
            return schema
        target, _ = deref(self.document, {"$ref": schema["$ref"]}, "")
        siblings = {k: v for k, v in schema.items() if k != "$ref"}
        return self._merge(target, siblings) if siblings and isinstance(target, dict) else target

    def _pick(self, options: list[Any], run: _Run, *, avoid_null: bool = False) -> Any:
        if avoid_null:
            usable = [o for o in options if not (isinstance(o, dict) and o.get("type") == "null")]
            options = usable or options
        return options[0] if run.use_examples else run.rng.choice(options)

    def _type(self, schema: Mapping[str, Any], run: _Run) -> str:
        kind = schema.get("type")
        if isinstance(kind, list):
            usable = [k for k in kind if k != "null"] or kind or ["string"]
            return str(self._pick(usable, run))
        if isinstance(kind, str):
            return kind
        if any(k in schema for k in ("properties", "required", "additionalProperties")):
            return "object"
        if "items" in schema or "prefixItems" in schema:
            return "array"
        if any(k in schema for k in ("minimum", "maximum", "exclusiveMinimum", "multipleOf")):
            return "number"
        return "string"

    # --- composition -------------------------------------------------------------

    def _merge_all(self, schema: Mapping[str, Any], depth: int) -> dict[str, Any]:
        merged = {k: v for k, v in schema.items() if k != "allOf"}
        for member in schema["allOf"]:
            member = self._follow(member)
            if isinstance(member, dict) and isinstance(member.get("allOf"), list) and depth < 20:
                member = self._merge_all(member, depth + 1)
            if isinstance(member, dict):
                merged = self._merge(merged, member)
        return merged

    def _merge(self, base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
        # "additionalProperties: false" only knows its own schema's properties, so in a
        # combination it forbids the properties the other side adds.
        base, extra = _closed_to(base, extra), _closed_to(extra, base)
        out = dict(base)
        for key, value in extra.items():
            if key not in out:
                out[key] = value
            elif key == "properties" and isinstance(value, dict):
                props = dict(out[key])
                for name, sub in value.items():
                    props[name] = {"allOf": [props[name], sub]} if name in props else sub
                out[key] = props
            elif key == "required":
                out[key] = list(dict.fromkeys([*out[key], *value]))
            elif key == "type":
                out[key] = _intersect_types(out[key], value)
            elif key in _LOWER_BOUNDS:
                out[key] = max(out[key], value)
            elif key in _UPPER_BOUNDS:
                out[key] = min(out[key], value)
            elif key == "enum":
                common = [v for v in out[key] if v in value]
                out[key] = common or value
            elif key == "allOf":
                out[key] = [*out[key], *value]
        return out

    # --- one function per type -----------------------------------------------------

    def _gen_object(self, schema: Mapping[str, Any], run: _Run, depth: int) -> dict[str, Any]:
        props: Mapping[str, Any] = schema.get("properties") or {}
        required = [str(r) for r in schema.get("required") or ()]
        extra = schema.get("additionalProperties", True)
        names = list(required)
        for name in props:
            if name in required or self._flagged(props[name]):
                continue
            if depth < self.max_depth and (run.use_examples or run.rng.random() < 0.6):
                names.append(name)
        out: dict[str, Any] = {}
        for name in sorted(names, key=lambda n: list(props).index(n) if n in props else len(props)):
            sub = props.get(name, extra if isinstance(extra, dict) else {})
            out[name] = self._gen(sub, run, depth + 1)
        wanted = int(schema.get("minProperties", 0))
        if isinstance(extra, dict) and not props and depth < self.max_depth:
            wanted = max(wanted, 1)
        index = 1
        while len(out) < wanted and extra is not False and index < 50:
            out.setdefault(
                f"key{index}", self._gen(extra if isinstance(extra, dict) else {}, run, depth + 1)
            )
            index += 1
        limit = schema.get("maxProperties")
        if isinstance(limit, int):
            for name in [n for n in out if n not in required][: max(0, len(out) - limit)]:
                del out[name]
        return out

    def _flagged(self, schema: Any) -> bool:
        target = self._follow(schema)
        return isinstance(target, dict) and target.get(self.skip_flag) is True

    def _gen_array(self, schema: Mapping[str, Any], run: _Run, depth: int) -> list[Any]:
        low = int(schema.get("minItems", 0))
        high = schema.get("maxItems")
        high = low + 3 if not isinstance(high, int) else high
        if depth >= self.max_depth:
            count = low
        elif run.use_examples:
            count = max(low, min(1, high))
        else:
            count = run.rng.randint(low, max(low, min(high, low + 3)))
        prefix: list[Any] = (
            schema["prefixItems"] if isinstance(schema.get("prefixItems"), list) else []
        )
        items = schema.get("items", {})
        unique = schema.get("uniqueItems") is True
        out: list[Any] = []
        seen: set[str] = set()
        for index in range(max(count, min(len(prefix), high) if prefix else 0)):
            sub = prefix[index] if index < len(prefix) else items
            if sub is False:
                break
            run = run if index == 0 else _Run(run.rng, use_examples=False)
            value = self._gen(sub, run, depth + 1)
            if unique:
                key = json.dumps(value, sort_keys=True, default=str)
                for _ in range(8):
                    if key not in seen:
                        break
                    value = self._gen(sub, run, depth + 1)
                    key = json.dumps(value, sort_keys=True, default=str)
                else:
                    break  # no new distinct value: stop short rather than repeat one
                seen.add(key)
            out.append(value)
        return out

    def _gen_string(self, schema: Mapping[str, Any], run: _Run, depth: int) -> str:
        low = int(schema.get("minLength", 0))
        high = schema.get("maxLength")
        fmt = schema.get("format")
        if schema.get("contentEncoding") == "base64":
            return base64.b64encode(run.rng.randbytes(max(3, low))).decode()
        if isinstance(fmt, str) and fmt in _FORMATS:
            return str(_FORMATS[fmt](run.rng))
        if isinstance(schema.get("pattern"), str):
            sampled = regex_sample(schema["pattern"], run.rng)
            if sampled is not None:
                return sampled
        text = (
            "string"
            if run.use_examples
            else "-".join(_word(run.rng) for _ in range(run.rng.randint(1, 2)))
        )
        if len(text) < low:
            text += "".join(run.rng.choice(_ALNUM) for _ in range(low - len(text)))
        return text[:high] if isinstance(high, int) else text

    def _gen_integer(self, schema: Mapping[str, Any], run: _Run, depth: int) -> int:
        low, high = _bounds(schema, integer=True)
        step = schema.get("multipleOf")
        if isinstance(step, int) and step > 0:
            first, last = math.ceil(low / step), math.floor(high / step)
            return step * (run.rng.randint(first, last) if first <= last else first)
        return run.rng.randint(int(low), int(max(low, high)))

    def _gen_number(self, schema: Mapping[str, Any], run: _Run, depth: int) -> float | int:
        step = schema.get("multipleOf")
        if isinstance(step, int | float) and step > 0:
            low, high = _bounds(schema, integer=False)
            first, last = math.ceil(low / step), math.floor(high / step)
            return _tidy(step * (run.rng.randint(first, last) if first <= last else first))
        low, high = _bounds(schema, integer=False)
        value = round(run.rng.uniform(low, high), 2)
        if not low <= value <= high or value in (
            schema.get("exclusiveMinimum"),
            schema.get("exclusiveMaximum"),
        ):
            value = (low + high) / 2
        return _tidy(value)

    def _gen_boolean(self, schema: Mapping[str, Any], run: _Run, depth: int) -> bool:
        return run.use_examples or run.rng.random() < 0.5

    def _gen_null(self, schema: Mapping[str, Any], run: _Run, depth: int) -> None:
        return None


def _closed_to(schema: Mapping[str, Any], other: Mapping[str, Any]) -> Mapping[str, Any]:
    """``schema`` without the properties that ``other``'s closed property set forbids."""
    if other.get("additionalProperties") is not False or "properties" not in schema:
        return schema
    allowed = other.get("properties") or {}
    props = {k: v for k, v in schema["properties"].items() if k in allowed}
    return {**schema, "properties": props}


def _tidy(value: float) -> float | int:
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def _intersect_types(first: Any, second: Any) -> Any:
    one = [first] if isinstance(first, str) else list(first)
    two = [second] if isinstance(second, str) else list(second)
    common = [t for t in one if t in two or (t == "integer" and "number" in two)]
    common += [t for t in two if t == "integer" and "number" in one and t not in common]
    return common or two


def _bounds(schema: Mapping[str, Any], *, integer: bool) -> tuple[float, float]:
    """The closed range of values allowed by the schema's numeric bounds."""
    nudge = 1 if integer else 0.01
    low = schema.get("minimum")
    high = schema.get("maximum")
    if isinstance(schema.get("exclusiveMinimum"), int | float):
        low = (
            max(low, schema["exclusiveMinimum"] + nudge)
            if low is not None
            else schema["exclusiveMinimum"] + nudge
        )
    if isinstance(schema.get("exclusiveMaximum"), int | float):
        high = (
            min(high, schema["exclusiveMaximum"] - nudge)
            if high is not None
            else schema["exclusiveMaximum"] - nudge
        )
    if low is None:
        low = 0 if high is None or high >= 0 else high - 100
    if high is None:
        high = low + 100
    if integer:
        low, high = math.ceil(low), math.floor(high)
    return low, max(low, high)


def _minimal(schema: Mapping[str, Any]) -> Any:
    kind = schema.get("type")
    kinds = [kind] if isinstance(kind, str) else list(kind or [])
    if "null" in kinds:
        return None
    return {"object": {}, "array": [], "integer": 0, "number": 0, "boolean": False}.get(
        kinds[0] if kinds else "object", ""
    )
