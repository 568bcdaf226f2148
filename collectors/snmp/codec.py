"""A hand-written BER codec for SNMPv2c (RFC 3416 PDUs, X.690 basic encoding rules).

Only what a poller needs: GetRequest and GetBulkRequest with numeric OIDs out, Response
PDUs in. The PDU layer (``encode_pdu``, ``decode_pdu``) and the TLV readers are shared
with SNMPv3 (``v3codec``), whose scoped PDU carries the same PDUs. Values decode to the
collectors' plain types, the same ones ``PysnmpTransport`` gives: INTEGER and the
unsigned application types (Counter32, Gauge32, TimeTicks, Counter64, Unsigned32) to
``int``; OCTET STRING, IpAddress, Opaque and NULL to ``str`` (UTF-8, undecodable octets
replaced, as pysnmp's adapter does); OBJECT IDENTIFIER to a dotted ``str``;
noSuchObject, noSuchInstance and endOfMibView to None.

pyasn1 builds an object per tag, length and value; here a response is a walk over
``bytes`` with OIDs looked up in a bounded cache (a poller reads the same OIDs every
cycle), which is what makes this one to two orders of magnitude cheaper.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, NamedTuple

from collectors.snmp.base import Value
from netops.ber import ber_tlv as _tlv

VERSION_2C: Final = 1
GET_REQUEST: Final = 0xA0
GET_BULK_REQUEST: Final = 0xA5
RESPONSE: Final = 0xA2
REPORT: Final = 0xA8

_SEQUENCE: Final = 0x30
_INTEGER: Final = 0x02
_OCTET_STRING: Final = 0x04
_NULL: Final = 0x05
_OID: Final = 0x06
_IP_ADDRESS: Final = 0x40
_COUNTER32: Final = 0x41
_GAUGE32: Final = 0x42
_TIMETICKS: Final = 0x43
_OPAQUE: Final = 0x44
_COUNTER64: Final = 0x46
_UNSIGNED32: Final = 0x47
_NO_SUCH_OBJECT: Final = 0x80
_NO_SUCH_INSTANCE: Final = 0x81
_END_OF_MIB_VIEW: Final = 0x82
_UNSIGNED: Final = frozenset({_COUNTER32, _GAUGE32, _TIMETICKS, _COUNTER64, _UNSIGNED32})
_STRINGS: Final = frozenset({_OCTET_STRING, _IP_ADDRESS, _OPAQUE, _NULL})
_EXCEPTIONS: Final = frozenset({_NO_SUCH_OBJECT, _NO_SUCH_INSTANCE, _END_OF_MIB_VIEW})

#: Bounded caches (OID text <-> encoding): a poller's OIDs repeat every cycle, but a
#: misbehaving agent must not grow them forever.
CACHE_LIMIT: Final = 1 << 18
_VARBIND_CACHE: dict[str, bytes] = {}
_OID_TEXT_CACHE: dict[bytes, str] = {}

#: RFC 3416 error-status names, as pysnmp prints them.
ERROR_STATUS: Final = (
    "noError",
    "tooBig",
    "noSuchName",
    "badValue",
    "readOnly",
    "genErr",
    "noAccess",
    "wrongType",
    "wrongLength",
    "wrongEncoding",
    "wrongValue",
    "noCreation",
    "inconsistentValue",
    "resourceUnavailable",
    "commitFailed",
    "undoFailed",
    "authorizationError",
    "notWritable",
    "inconsistentName",
)


class DecodeError(ValueError):
    """A datagram that is not a well-formed SNMPv2c Response.

    ``request_id`` is set when the message was readable up to its request-id, so the
    request it answers can be failed rather than left to time out.
    """

    def __init__(self, message: str, request_id: int | None = None) -> None:
        super().__init__(message)
        self.request_id = request_id


class Pdu(NamedTuple):
    """A decoded Response (or, in SNMPv3, Report) PDU."""

    tag: int
    request_id: int
    error_status: int
    error_index: int
    varbinds: list[tuple[str, Value]]


class Response(NamedTuple):
    """A decoded SNMPv2c Response message."""

    community: bytes
    request_id: int
    error_status: int
    error_index: int
    varbinds: list[tuple[str, Value]]


def error_status_name(status: int) -> str:
    """``tooBig``, ``genErr``... or the number for statuses RFC 3416 does not name."""
    return ERROR_STATUS[status] if 0 <= status < len(ERROR_STATUS) else str(status)


# --- encoding ----------------------------------------------------------------------------


def encode_integer(value: int) -> bytes:
    """INTEGER in minimal two's complement (X.690 8.3)."""
    return _tlv(_INTEGER, value.to_bytes(value.bit_length() // 8 + 1, "big", signed=True))


def _arc(value: int) -> bytes:
    """One sub-identifier in base 128, high bit set on all but the last octet (X.690 8.19)."""
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


def encode_oid(oid: str) -> bytes:
    """The OBJECT IDENTIFIER TLV of a dotted numeric OID (a leading dot is allowed)."""
    try:
        arcs = [int(part) for part in oid.strip().lstrip(".").split(".")]
    except ValueError:
        raise ValueError(f"not a numeric OID: {oid!r}") from None
    if len(arcs) < 2 or not 0 <= arcs[0] <= 2 or (arcs[0] < 2 and not 0 <= arcs[1] < 40):
        raise ValueError(f"not a valid OID: {oid!r}")
    if any(arc < 0 for arc in arcs):
        raise ValueError(f"negative sub-identifier in OID: {oid!r}")
    contents = _arc(arcs[0] * 40 + arcs[1]) + b"".join(_arc(arc) for arc in arcs[2:])
    return _tlv(_OID, contents)


def _varbind(oid: str) -> bytes:
    """``SEQUENCE { oid, NULL }`` of a request, cached."""
    found = _VARBIND_CACHE.get(oid)
    if found is None:
        if len(_VARBIND_CACHE) >= CACHE_LIMIT:
            _VARBIND_CACHE.clear()
        found = _VARBIND_CACHE[oid] = _tlv(_SEQUENCE, encode_oid(oid) + b"\x05\x00")
    return found


def encode_pdu(pdu_type: int, request_id: int, a: int, b: int, oids: Sequence[str]) -> bytes:
    """A request PDU: ``a``/``b`` are error-status/index (GET) or non-repeaters/max-reps."""
    varbinds = _tlv(_SEQUENCE, b"".join([_varbind(oid) for oid in oids]))
    head = encode_integer(request_id) + encode_integer(a) + encode_integer(b)
    return _tlv(pdu_type, head + varbinds)


def encode_message(
    community: bytes, pdu_type: int, request_id: int, a: int, b: int, oids: Sequence[str]
) -> bytes:
    """An SNMPv2c message around the request PDU of :func:`encode_pdu`."""
    pdu = encode_pdu(pdu_type, request_id, a, b, oids)
    return _tlv(_SEQUENCE, encode_integer(VERSION_2C) + _tlv(_OCTET_STRING, community) + pdu)


def encode_get(community: bytes, request_id: int, oids: Sequence[str]) -> bytes:
    """An SNMPv2c GetRequest message."""
    return encode_message(community, GET_REQUEST, request_id, 0, 0, oids)


def encode_bulk(
    community: bytes,
    request_id: int,
    oids: Sequence[str],
    max_repetitions: int,
    non_repeaters: int = 0,
) -> bytes:
    """An SNMPv2c GetBulkRequest message (non-repeaters first in ``oids``)."""
    return encode_message(
        community, GET_BULK_REQUEST, request_id, non_repeaters, max_repetitions, oids
    )


# --- decoding ----------------------------------------------------------------------------


def read_tlv(data: bytes, pos: int, end: int) -> tuple[int, int, int]:
    """(tag, first contents octet, end of contents) of the TLV at ``pos``."""
    if pos + 2 > end:
        raise DecodeError("truncated message")
    tag, size = data[pos], data[pos + 1]
    pos += 2
    if size & 0x80:
        count = size & 0x7F
        if not 0 < count <= 4 or pos + count > end:
            raise DecodeError("bad length")
        size = int.from_bytes(data[pos : pos + count], "big")
        pos += count
    stop = pos + size
    if stop > end:
        raise DecodeError("truncated message")
    return tag, pos, stop


def expect(data: bytes, pos: int, end: int, tag: int) -> tuple[int, int]:
    found, start, stop = read_tlv(data, pos, end)
    if found != tag:
        raise DecodeError(f"expected tag 0x{tag:02x}, got 0x{found:02x}")
    return start, stop


def read_integer(data: bytes, pos: int, end: int) -> tuple[int, int]:
    start, stop = expect(data, pos, end, _INTEGER)
    return int.from_bytes(data[start:stop], "big", signed=True), stop


def oid_text(raw: bytes) -> str:
    """The dotted text of an OID's contents octets (cached)."""
    found = _OID_TEXT_CACHE.get(raw)
    if found is not None:
        return found
    arcs: list[int] = []
    value = 0
    for octet in raw:
        value = (value << 7) | (octet & 0x7F)
        if not octet & 0x80:
            arcs.append(value)
            value = 0
    if not arcs or raw[-1] & 0x80:
        raise DecodeError("bad OID encoding")
    first = arcs[0]
    head = (0, first) if first < 40 else (1, first - 40) if first < 80 else (2, first - 80)
    text = ".".join(map(str, (*head, *arcs[1:])))
    if len(_OID_TEXT_CACHE) >= CACHE_LIMIT:
        _OID_TEXT_CACHE.clear()
    _OID_TEXT_CACHE[raw] = text
    return text


def _value(tag: int, contents: bytes) -> Value:
    if tag in _UNSIGNED:
        return int.from_bytes(contents, "big")
    if tag == _INTEGER:
        return int.from_bytes(contents, "big", signed=True)
    if tag in _STRINGS:
        return contents.decode("utf-8", "replace")
    if tag in _EXCEPTIONS:
        return None
    if tag == _OID:
        return oid_text(contents)
    raise DecodeError(f"unknown value type 0x{tag:02x}")


def _varbinds(data: bytes, pos: int, end: int) -> list[tuple[str, Value]]:
    out: list[tuple[str, Value]] = []
    while pos < end:
        start, stop = expect(data, pos, end, _SEQUENCE)
        name_start, name_stop = expect(data, start, stop, _OID)
        tag, value_start, value_stop = read_tlv(data, name_stop, stop)
        if value_stop != stop:
            raise DecodeError("trailing octets in a varbind")
        out.append(
            (oid_text(data[name_start:name_stop]), _value(tag, data[value_start:value_stop]))
        )
        pos = stop
    return out


def decode_pdu(data: bytes, pos: int, end: int, tags: frozenset[int]) -> tuple[Pdu, int]:
    """The PDU at ``pos`` (its tag one of ``tags``) and the position after it.

    A :class:`DecodeError` raised after the request-id was read carries it.
    """
    tag, pdu_start, pdu_end = read_tlv(data, pos, end)
    if tag not in tags:
        wanted = "/".join(f"0x{t:02x}" for t in sorted(tags))
        raise DecodeError(f"expected tag {wanted}, got 0x{tag:02x}")
    request_id, pos = read_integer(data, pdu_start, pdu_end)
    try:
        error_status, pos = read_integer(data, pos, pdu_end)
        error_index, pos = read_integer(data, pos, pdu_end)
        list_start, list_end = expect(data, pos, pdu_end, _SEQUENCE)
        varbinds = _varbinds(data, list_start, list_end)
    except DecodeError as exc:
        raise DecodeError(str(exc), request_id) from None
    return Pdu(tag, request_id, error_status, error_index, varbinds), pdu_end


_RESPONSE_ONLY: Final = frozenset({RESPONSE})


def message_version(data: bytes) -> int:
    """msgVersion of a message (0 v1, 1 v2c, 3 v3), read before choosing a decoder."""
    start, end = expect(data, 0, len(data), _SEQUENCE)
    return read_integer(data, start, end)[0]


def decode_response(data: bytes) -> Response:
    """Decode an SNMPv2c Response message; :class:`DecodeError` if it is not one."""
    start, end = expect(data, 0, len(data), _SEQUENCE)
    version, pos = read_integer(data, start, end)
    if version != VERSION_2C:
        raise DecodeError(f"not SNMPv2c (version {version})")
    name_start, pos = expect(data, pos, end, _OCTET_STRING)
    community = data[name_start:pos]
    pdu, _ = decode_pdu(data, pos, end, _RESPONSE_ONLY)
    return Response(community, *pdu[1:])
