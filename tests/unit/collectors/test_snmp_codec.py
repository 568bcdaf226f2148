"""The hand-written SNMPv2c BER codec: requests byte for byte, responses built by hand.

Value types follow RFC 2578 / RFC 3416 (Counter64 is unsigned, so 2^64 - 1 takes nine
content octets with a leading zero); results must equal what ``PysnmpTransport`` gives
for the same bytes (checked against pyasn1's decoder at the end).
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from collectors.snmp.codec import (
    DecodeError,
    decode_response,
    encode_bulk,
    encode_get,
    encode_oid,
    error_status_name,
    oid_text,
)

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from pyasn1.codec.ber import decoder, encoder  # type: ignore[import-untyped]
    from pysnmp.proto.api import v2c  # type: ignore[import-untyped]

    from collectors.snmp.transport import _value as pysnmp_value

SYS_UPTIME = "1.3.6.1.2.1.1.3.0"


def tlv(tag: int, *parts: bytes) -> bytes:
    """Tag, definite length, contents (the length is the only thing computed)."""
    body = b"".join(parts)
    if len(body) < 128:
        return bytes([tag, len(body)]) + body
    size = len(body).to_bytes(2, "big")
    return bytes([tag, 0x82]) + size + body


def response(varbinds: bytes, request_id: bytes = b"\x02\x04\x01\x02\x03\x04") -> bytes:
    pdu = tlv(0xA2, request_id, b"\x02\x01\x00", b"\x02\x01\x00", tlv(0x30, varbinds))
    return tlv(0x30, b"\x02\x01\x01", b"\x04\x06public", pdu)


def test_get_request_is_byte_for_byte_the_rfc_encoding() -> None:
    expected = bytes.fromhex(
        "3029 020101 0406 7075626c6963"  # SEQUENCE, version 1 (v2c), community "public"
        "a01c 020401020304 020100 020100"  # GetRequest, request-id, error-status, error-index
        "300e 300c 0608 2b06010201010300 0500"  # one varbind: sysUpTime.0, NULL
    )
    assert encode_get(b"public", 0x01020304, [SYS_UPTIME]) == expected


def test_bulk_request_carries_non_repeaters_and_max_repetitions() -> None:
    packet = encode_bulk(b"c", 7, ["1.3.6.1.2.1.31.1.1.1.1"], max_repetitions=40)
    message, _ = decoder.decode(packet, asn1Spec=v2c.Message())
    pdu = v2c.apiMessage.get_pdu(message)
    assert isinstance(pdu, v2c.GetBulkRequestPDU)
    assert int(v2c.apiBulkPDU.get_request_id(pdu)) == 7
    assert int(v2c.apiBulkPDU.get_non_repeaters(pdu)) == 0
    assert int(v2c.apiBulkPDU.get_max_repetitions(pdu)) == 40
    assert [str(o) for o, _ in v2c.apiBulkPDU.get_varbinds(pdu)] == ["1.3.6.1.2.1.31.1.1.1.1"]


def test_a_big_request_uses_long_form_lengths_and_pyasn1_reads_it() -> None:
    oids = [f"1.3.6.1.2.1.31.1.1.1.6.{i}" for i in range(1, 61)]
    packet = encode_get(b"public", 2**31 - 1, oids)
    assert packet[1] == 0x82  # more than 255 octets: two length octets
    message, rest = decoder.decode(packet, asn1Spec=v2c.Message())
    assert rest == b""
    pdu = v2c.apiMessage.get_pdu(message)
    assert int(v2c.apiPDU.get_request_id(pdu)) == 2**31 - 1
    assert [str(o) for o, _ in v2c.apiPDU.get_varbinds(pdu)] == oids


@pytest.mark.parametrize(
    "oid",
    ["0.0", "1.3.6.1", "2.999.3", "1.3.6.1.4.1.2011.5.25.31.1.1.3.1.8.16842753", "1.3.4294967295"],
)
def test_oid_round_trip(oid: str) -> None:
    encoded = encode_oid(oid)
    assert encoded == bytes(encoder.encode(v2c.ObjectIdentifier(oid)))
    assert oid_text(encoded[2:]) == oid


@pytest.mark.parametrize("bad", ["", "1", "x.1", "3.1", "1.40", "1.3.-1"])
def test_bad_oids_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="OID"):
        encode_oid(bad)


def test_decodes_every_value_type_of_a_hand_built_response() -> None:
    hc_in = bytes.fromhex("2b06010201 1f01010106 01")  # ifHCInOctets.1
    varbinds = [
        (hc_in, "46 09 00ffffffffffffffff", 2**64 - 1),  # Counter64 above 2^63
        (hc_in[:-1] + b"\x02", "46 09 008000000000000000", 2**63),
        (b"\x2b\x06\x01\x02\x01\x01\x03\x00", "43 04 00bc614e", 12_345_678),  # TimeTicks
        (b"\x2b\x01", "02 01 ff", -1),  # negative INTEGER
        (b"\x2b\x02", "02 02 ff7f", -129),
        (b"\x2b\x03", "02 04 7fffffff", 2**31 - 1),
        (b"\x2b\x04", "41 05 00ffffffff", 2**32 - 1),  # Counter32 max
        (b"\x2b\x05", "42 01 00", 0),  # Gauge32
        (b"\x2b\x06", "04 00", ""),  # empty OCTET STRING
        (b"\x2b\x07", "04 07 47453020302f31", "GE0 0/1"),
        (b"\x2b\x08", "06 07 2b0601040190 0f", "1.3.6.1.4.1.2063"),  # OID value
        (b"\x2b\x09", "40 04 7f000001", "\x7f\x00\x00\x01"),  # IpAddress, raw as pysnmp's
        (b"\x2b\x0a", "80 00", None),  # noSuchObject
        (b"\x2b\x0b", "81 00", None),  # noSuchInstance
        (b"\x2b\x0c", "82 00", None),  # endOfMibView
        (b"\x2b\x0d", "05 00", ""),  # NULL (a pyasn1 OctetString: "" through pysnmp too)
        (b"\x2b\x0e", "04 03 ff4142", "\ufffdAB"),  # not UTF-8: replaced, as pysnmp's
    ]
    body = b"".join(tlv(0x30, tlv(0x06, oid), bytes.fromhex(value)) for oid, value, _ in varbinds)
    decoded = decode_response(response(body))
    assert decoded.community == b"public"
    assert decoded.request_id == 0x01020304
    assert (decoded.error_status, decoded.error_index) == (0, 0)
    assert [value for _, value in decoded.varbinds] == [value for *_, value in varbinds]
    assert decoded.varbinds[0][0] == "1.3.6.1.2.1.31.1.1.1.6.1"
    assert decoded.varbinds[2][0] == SYS_UPTIME
    assert [type(v) for _, v in decoded.varbinds[:8]] == [int] * 8


def test_long_values_and_long_lengths() -> None:
    text = "x" * 300
    body = tlv(0x30, tlv(0x06, b"\x2b\x01"), tlv(0x04, text.encode()))
    assert decode_response(response(body)).varbinds == [("1.3.1", text)]


def test_error_status_and_negative_request_id() -> None:
    pdu = tlv(0xA2, b"\x02\x01\xfe", b"\x02\x01\x01", b"\x02\x01\x03", tlv(0x30))
    decoded = decode_response(tlv(0x30, b"\x02\x01\x01", b"\x04\x01c", pdu))
    assert (decoded.request_id, decoded.error_status, decoded.error_index) == (-2, 1, 3)
    assert error_status_name(1) == "tooBig"
    assert error_status_name(5) == "genErr"
    assert error_status_name(99) == "99"


@pytest.mark.parametrize(
    ("packet", "message"),
    [
        (b"", "truncated"),
        (b"\x30\x05\x02\x01\x01", "truncated"),
        (bytes.fromhex("3006 020100 040130"), "not SNMPv2c"),  # SNMPv1
        (bytes.fromhex("300b 020101 040163 a203 020101"), "truncated"),
        (bytes.fromhex("3008 020101 040163 a000"), "expected tag 0xa2"),  # a GetRequest
    ],
)
def test_malformed_messages_raise_decode_error(packet: bytes, message: str) -> None:
    with pytest.raises(DecodeError, match=message):
        decode_response(packet)


def test_a_bad_varbind_keeps_the_request_id_known() -> None:
    body = tlv(0x30, tlv(0x06, b"\x2b\x01"), b"\x09\x01\x00")  # REAL: not an SNMP type
    with pytest.raises(DecodeError, match="unknown value type 0x09") as caught:
        decode_response(response(body))
    assert caught.value.request_id == 0x01020304


def pysnmp_response(values: list[tuple[str, Any]]) -> bytes:
    message = v2c.Message()
    v2c.apiMessage.set_defaults(message)
    v2c.apiMessage.set_community(message, "public")
    pdu = v2c.ResponsePDU()
    v2c.apiPDU.set_defaults(pdu)
    v2c.apiPDU.set_request_id(pdu, 42)
    v2c.apiPDU.set_varbinds(pdu, values)
    v2c.apiMessage.set_pdu(message, pdu)
    return bytes(encoder.encode(message))


def test_same_values_as_pysnmps_decoder_and_adapter() -> None:
    values = [
        ("1.3.6.1.2.1.31.1.1.1.6.3", v2c.Counter64(2**64 - 1)),
        ("1.3.6.1.2.1.2.2.1.10.3", v2c.Counter32(2**32 - 1)),
        ("1.3.6.1.2.1.31.1.1.1.15.3", v2c.Gauge32(10_000)),
        ("1.3.6.1.2.1.1.3.0", v2c.TimeTicks(2**32 - 1)),
        ("1.3.6.1.4.1.25506.2.70.1.1.1.12.3", v2c.Integer(-(2**31))),
        ("1.3.6.1.2.1.1.2.0", v2c.ObjectIdentifier("1.3.6.1.4.1.25506.11.1.172")),
        ("1.3.6.1.2.1.31.1.1.1.1.3", v2c.OctetString("Ten-GigabitEthernet1/0/49")),
        ("1.3.6.1.2.1.31.1.1.1.18.3", v2c.OctetString(b"")),
        ("1.3.6.1.2.1.4.20.1.1.10.0.0.1", v2c.IpAddress("10.0.0.1")),
        ("1.3.6.1.2.1.1.9.0", v2c.NoSuchObject("")),
        ("1.3.6.1.2.1.1.9.1", v2c.NoSuchInstance("")),
        ("1.3.6.1.2.1.1.9.2", v2c.EndOfMibView("")),
    ]
    packet = pysnmp_response(values)
    ours = decode_response(packet)
    message, _ = decoder.decode(packet, asn1Spec=v2c.Message())
    theirs = v2c.apiPDU.get_varbinds(v2c.apiMessage.get_pdu(message))
    assert ours.request_id == 42
    assert ours.varbinds == [(str(oid), pysnmp_value(value)) for oid, value in theirs]
    assert [type(v) for _, v in ours.varbinds] == [type(pysnmp_value(v)) for _, v in theirs]
