"""Command-line values converted without importing pydantic.

Typer 0.29 converts every option and argument through a pydantic TypeAdapter, built on the
first use of each parameter: every command (even `dlquiz due`, whose only value is the
`--db` default) paid for importing pydantic, which costs more than importing typer itself.
The values dlquiz's commands take are plain (text, flags, whole and decimal numbers, a
choice from a list), so they are converted here directly; anything else, and every value
that is not in its plain form (where typer would answer with pydantic's error message), goes to
typer's own adapter unchanged, so results and errors stay exactly typer's.

`install()` swaps typer's factory of converters for this one; with another typer (no such
factory) it does nothing and typer converts as it always did.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_WHOLE = re.compile(r"-?(0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")


Converter = Callable[[Any, tuple[Any, ...], bool, Any], Any]


class _NotPlain(Exception):
    """The value is not in the form converted here: typer's adapter decides."""


def _text(value: Any, _choices: tuple[Any, ...], _case: bool,
          _ctx: Any) -> Any:
    if isinstance(value, str):
        return value
    raise _NotPlain


def _flag(value: Any, _choices: tuple[Any, ...], _case: bool, _ctx: Any) -> Any:
    if type(value) is bool:
        return value
    raise _NotPlain


def _number(kind: type, written: re.Pattern[str]) -> Converter:
    """The converter of whole (`int`) or decimal (`float`) values: the value itself, or its
    plain written form."""

    def convert(value: Any, _choices: tuple[Any, ...], _case: bool, _ctx: Any) -> Any:
        if type(value) is kind:
            return value
        if isinstance(value, str) and written.fullmatch(value):
            return kind(value)
        raise _NotPlain

    return convert


_whole = _number(int, _WHOLE)
_decimal = _number(float, _DECIMAL)


def _choice(value: Any, choices: tuple[Any, ...], case: bool, ctx: Any) -> Any:
    from typer._param_types import coerce_cli_choice

    try:
        return coerce_cli_choice(value, choices=choices, case_sensitive=case, ctx=ctx)
    except ValueError:  # typer words the refusal through pydantic
        raise _NotPlain from None


def _converter(descriptor: Any) -> tuple[Converter, tuple[Any, ...]] | None:
    """The direct conversion for a parameter typer would give a plain adapter, or None."""
    info = descriptor.parameter_info
    if (descriptor.file_annotation is not None or info.parser is not None
            or getattr(info, "click_type", None) is not None
            or descriptor.is_list or descriptor.is_tuple or descriptor.is_path
            or info.min is not None or info.max is not None):
        return None
    if descriptor.is_choice:
        return _choice, tuple(descriptor.choices)
    plain = {str: _text, bool: _flag, int: _whole, float: _decimal}.get(descriptor.annotation)
    return (plain, ()) if plain is not None else None


def install() -> None:
    try:
        from typer import _coercion, core
    except ImportError:
        return
    typers_own = getattr(core, "build_runtime_param", None)
    base = getattr(_coercion, "RuntimeParam", None)
    if typers_own is None or base is None or getattr(typers_own, "dlquiz_light", False):
        return
    build: Callable[[Any], Any] = typers_own

    @dataclass(frozen=True)
    class LightRuntimeParam(base):  # type: ignore[misc, valid-type]
        descriptor: Any
        convert: Converter
        choices: tuple[Any, ...]

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self.convert(value, self.choices, self.parameter_info.case_sensitive,
                                    ctx)
            except _NotPlain:
                fallback = build(self.descriptor)
                return fallback._coerce_value(value, param=param, ctx=ctx)

    def light_runtime_param(descriptor: Any) -> Any:
        found = _converter(descriptor)
        if found is None:
            return build(descriptor)
        convert, choices = found
        return LightRuntimeParam(parameter_info=descriptor.parameter_info,
                                 annotation=descriptor.annotation, descriptor=descriptor,
                                 convert=convert, choices=choices)

    light_runtime_param.dlquiz_light = True  # type: ignore[attr-defined]
    setattr(core, "build_runtime_param", light_runtime_param)  # noqa: B010  (typer's name)
