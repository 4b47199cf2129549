"""YAML and JSON read exactly: a number with a decimal point becomes a Decimal, never a float."""

from __future__ import annotations

import json
from decimal import Decimal

import yaml


class _ExactLoader(yaml.SafeLoader):
    """SafeLoader whose floats are Decimals built from the digits as written."""


def _decimal(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "").lower()  # type: ignore[arg-type]
    special = {".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity", ".nan": "NaN"}
    return Decimal(special.get(text, text))


_ExactLoader.add_constructor("tag:yaml.org,2002:float", _decimal)


def load_yaml(text: str) -> object:
    """The document, with exact decimals; yaml.YAMLError when it is not YAML."""
    return yaml.load(text, Loader=_ExactLoader)  # a SafeLoader subclass: no arbitrary objects


def load_json(text: str) -> object:
    """The document, with exact decimals; ValueError when it is not JSON."""
    return json.loads(text, parse_float=Decimal)
