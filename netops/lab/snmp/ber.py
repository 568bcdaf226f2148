"""Fast BER encoding of a response's variable bindings (the responder's largest cost).

pysnmp fills a response PDU by building a pyasn1 ``VarBind`` structure per varbind
(``apiPDU.set_varbinds``: clones, tag checks, a ``Choice`` per value) and pyasn1's BER
encoder then walks it back: about 110 us per varbind, well over half of a responder's
time once the data path is fast. ``FastVarBindList`` is a ``VarBindList`` whose BER
encoding is computed directly from the ``(oid, value)`` pairs: OIDs and static values
are encoded once by pyasn1 itself and kept; integers (INTEGER, Counter32/64, Gauge32,
TimeTicks) and octet strings are encoded here (tag, length, two's-complement or raw
contents: X.690 8.3 and 8.7, as pyasn1 does); anything else goes to pyasn1's encoder.
The bytes are the same as pyasn1 would produce (``tests/integration/lab``).

``install`` registers the encoder with pyasn1 (by ``typeId``, so only this class is
concerned) and ``fill`` puts the list in a response PDU; v3 responses are encoded the
same way before encryption, since pysnmp's USM encodes the scoped PDU with the same
encoder.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from pyasn1.codec.ber import encoder  # type: ignore[import-untyped]
from pyasn1.type import univ  # type: ignore[import-untyped]
from pysnmp.proto import rfc1905  # type: ignore[import-untyped]

from netops.ber import ber_tlv as _tlv

#: Bounded caches: OIDs seen in requests (errors echo them) could otherwise grow forever.
_CACHE_LIMIT: Final = 200_000
_SEQUENCE: Final = 0x30


def _integer(tag: int, value: int) -> bytes:
    """Two's complement (X.690 8.3) in as many octets as pyasn1 uses (one more than the
    magnitude's bits need, so -128 is ff80 as pyasn1 writes it)."""
    size = value.bit_length() // 8 + 1
    contents = value.to_bytes(size, "big", signed=True)
    if size < 0x80:
        return bytes((tag, size)) + contents
    return _tlv(tag, contents)


class _Codec:
    """How to encode each pyasn1 value type, learnt once per type from pyasn1's encoder."""

    def __init__(self) -> None:
        self.kinds: dict[type, tuple[str, int]] = {}
        self.oids: dict[tuple[int, ...], bytes] = {}
        self.others: dict[tuple[type, Any], bytes] = {}

    def kind(self, cls: type) -> tuple[str, int]:
        found = self.kinds.get(cls)
        if found is None:
            tags: Any = getattr(cls, "tagSet")  # noqa: B009 (mypy: type has no tagSet)
            # One tag (implicit tagging at most) with a one-octet identifier (X.690 8.1.2).
            simple = len(tags) == 1 and tags[0].tagId < 31
            identifier = tags[0].tagClass | tags[0].tagFormat | tags[0].tagId if simple else 0
            if simple and issubclass(cls, univ.Integer):
                found = ("int", identifier)
            elif simple and issubclass(cls, univ.OctetString):
                found = ("bytes", identifier)
            else:
                found = ("other", 0)
            self.kinds[cls] = found
        return found

    def oid(self, oid: Any) -> bytes:
        key = oid.asTuple()
        found = self.oids.get(key)
        if found is None:
            if len(self.oids) >= _CACHE_LIMIT:
                self.oids.clear()
            found = self.oids[key] = encoder.encode(univ.ObjectIdentifier(key))
        return found

    def value(self, value: Any) -> bytes:
        cls = type(value)
        kind, tag = self.kind(cls)
        if kind == "int":
            return _integer(tag, int(value))
        if kind == "bytes":
            return _tlv(tag, value.asOctets())
        if isinstance(value, univ.ObjectIdentifier):
            key: tuple[type, Any] = (cls, value.asTuple())
        elif isinstance(value, univ.Null):  # NULL, noSuchObject/Instance, endOfMibView
            key = (cls, None)
        else:  # not a type the lab serves
            return bytes(encoder.encode(value))
        found = self.others.get(key)
        if found is None:
            if len(self.others) >= _CACHE_LIMIT:
                self.others.clear()
            found = self.others[key] = bytes(encoder.encode(value))
        return found


_CODEC: Final = _Codec()


def encode_var_binds(var_binds: Sequence[tuple[Any, Any]]) -> bytes:
    """The BER encoding of a VarBindList holding ``var_binds`` ((oid, value) pairs)."""
    oid, value = _CODEC.oid, _CODEC.value
    body = b"".join(_tlv(_SEQUENCE, oid(name) + value(val)) for name, val in var_binds)
    return _tlv(_SEQUENCE, body)


class FastVarBindList(rfc1905.VarBindList):  # type: ignore[misc]
    """A VarBindList encoded from plain ``(oid, value)`` pairs (see ``install``)."""

    typeId = univ.SequenceOf.getTypeId()  # noqa: N815 (pyasn1's name)

    def set_rows(self, rows: Sequence[tuple[Any, Any]]) -> FastVarBindList:
        """Hold ``rows`` (the list is then a value, encoded by ``encode_var_binds``)."""
        self.clear()
        object.__setattr__(self, "_netops_rows", list(rows))
        return self

    def rows(self) -> list[tuple[Any, Any]]:
        """The ``(oid, value)`` pairs held."""
        rows: list[tuple[Any, Any]] = self.__dict__.get("_netops_rows", [])
        return rows


class _FastEncoder:
    """pyasn1 item encoder of ``FastVarBindList`` (the ``encode`` pyasn1 calls)."""

    def encode(self, value: Any, spec: Any = None, encode: Any = None, **options: Any) -> bytes:
        """pyasn1 calls ``encode(value, asn1Spec, encodeFun, **options)``."""
        return encode_var_binds(value.rows())


def install() -> None:
    """Register the encoder of ``FastVarBindList`` with pyasn1's BER encoder (pysnmp's)."""
    encoder.TYPE_MAP[FastVarBindList.typeId] = _FastEncoder()


def fill(pdu: Any, var_binds: Sequence[tuple[Any, Any]]) -> None:
    """Put ``var_binds`` in ``pdu``'s variable-bindings (what ``apiPDU.set_varbinds`` does)."""
    pdu.setComponentByPosition(3, FastVarBindList().set_rows(var_binds))
