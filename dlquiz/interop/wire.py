"""A reader for the protocol-buffer wire format, enough for the few small messages inside
Anki packages (the package's `meta`, its media list, note type and template settings).

Only the wire format is needed, not the message classes: each message is a sequence of
(field number, wire type, value) records, with varints and length-delimited bytes. Reading
it here keeps the whole protobuf runtime out of dlquiz for four fields.
"""

from __future__ import annotations

from collections.abc import Iterator

VARINT, FIXED64, LENGTH, FIXED32 = 0, 1, 2, 5


class WireError(ValueError):
    """The bytes are not a protocol-buffer message."""


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(data):
            raise WireError("message ends inside a number")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7
        if shift > 63:
            raise WireError("number longer than 10 bytes")


def fields(data: bytes) -> Iterator[tuple[int, int | bytes]]:
    """(field number, value) for each record: an int for varints and fixed-width numbers,
    bytes for length-delimited values (strings, bytes and nested messages)."""
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, kind = key >> 3, key & 7
        if kind == VARINT:
            value, pos = _varint(data, pos)
            yield number, value
        elif kind == LENGTH:
            size, pos = _varint(data, pos)
            if pos + size > len(data):
                raise WireError("a field runs past the end of the message")
            yield number, data[pos : pos + size]
            pos += size
        elif kind in (FIXED64, FIXED32):
            width = 8 if kind == FIXED64 else 4
            if pos + width > len(data):
                raise WireError("message ends inside a fixed-width number")
            yield number, int.from_bytes(data[pos : pos + width], "little")
            pos += width
        else:
            raise WireError(f"unsupported wire type {kind}")


def first_int(data: bytes, number: int, default: int = 0) -> int:
    """The last value of a varint field (protobuf's rule for repeated scalars), or default."""
    found = default
    for field, value in fields(data):
        if field == number and isinstance(value, int):
            found = value
    return found


def first_text(data: bytes, number: int, default: str = "") -> str:
    found = default
    for field, value in fields(data):
        if field == number and isinstance(value, bytes):
            found = value.decode("utf-8", errors="replace")
    return found


def repeated(data: bytes, number: int) -> list[bytes]:
    """Every length-delimited value of a repeated field, in order."""
    return [value for field, value in fields(data) if field == number and isinstance(value, bytes)]


def encode_varint(value: int) -> bytes:
    """A varint (tests build messages with it)."""
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)
