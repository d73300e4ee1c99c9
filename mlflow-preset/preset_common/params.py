"""Parsing of the parameter strings the MLFLOW task passes to the preset projects.

`params` and `search_params` are "key=value;key2=value2" strings (DolphinScheduler's format). Values are
read as Python literals when they are one (5, 0.1, 'rbf', [1, 2], None, True) and kept as plain text
otherwise (rbf), so both `kernel=rbf` and `kernel='rbf'` work.
"""
import ast
import json
from pathlib import Path


def _value(text):
    text = text.strip()
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def _split_entries(text, separators):
    """Splits on separators that are outside brackets and quotes, so that 'a=[1, 2];b=3' has two entries."""
    entries, current, depth, quote = [], [], 0, None
    for char in text:
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char in "[({":
            depth += 1
        elif char in "])}":
            depth -= 1
        elif char in separators and depth == 0:
            entries.append("".join(current))
            current = []
            continue
        current.append(char)
    entries.append("".join(current))
    return [entry.strip() for entry in entries if entry.strip()]


def parse_params(text, separators=";"):
    """'k=v;k2=v2' -> {'k': v, 'k2': v2}. Raises ValueError naming an entry without '='."""
    params = {}
    for entry in _split_entries(text or "", separators):
        key, sep, value = entry.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"parameter entry {entry!r} is not of the form name=value")
        params[key.strip()] = _value(value)
    return params


def parse_search_params(text):
    """'max_depth=[5, 10];n_estimators=[100, 200]' -> grid; every value must be a list or tuple."""
    grid = parse_params(text)
    for key, values in grid.items():
        if not isinstance(values, (list, tuple)) or not values:
            raise ValueError(f"search parameter {key!r} must be a non-empty list of values, got {values!r}")
        grid[key] = list(values)
    return grid


def read_param_file(path):
    """Parameters from a file: a JSON object, or name=value entries separated by newlines or ';'."""
    if not path:
        return {}
    text = Path(path).read_text(encoding="utf-8")
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError:
        return parse_params(text, separators=";\n")
    if not isinstance(loaded, dict):
        raise ValueError(f"parameter file {path} must hold a JSON object")
    return loaded
