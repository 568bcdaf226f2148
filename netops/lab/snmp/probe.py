"""A minimal SNMPv2c GET over UDP, to know when a responder answers.

The lab only needs "does anything answer on this port yet?", so a hand-encoded
GetRequest (BER, short lengths only) keeps it free of any SNMP library: the pysnmp
adapter belongs to the collectors, and netops never imports them.
"""

from __future__ import annotations

import secrets
import socket

from netops.lab.processes import LOCALHOST

SYS_DESCR = "1.3.6.1.2.1.1.1.0"
_GET_RESPONSE = 0xA2


def _tlv(tag: int, body: bytes) -> bytes:
    if len(body) > 127:
        raise ValueError("probe messages use short BER lengths only")
    return bytes([tag, len(body)]) + body


def _integer(value: int) -> bytes:
    size = max(1, (value.bit_length() + 8) // 8)  # minimal two's complement, as BER wants
    return _tlv(0x02, value.to_bytes(size, "big", signed=True))


def _oid(text: str) -> bytes:
    parts = [int(p) for p in text.split(".")]
    body = bytearray([parts[0] * 40 + parts[1]])
    for part in parts[2:]:
        chunk = [part & 0x7F]
        rest = part >> 7
        while rest:
            chunk.append(0x80 | (rest & 0x7F))
            rest >>= 7
        body.extend(reversed(chunk))
    return _tlv(0x06, bytes(body))


def get_request(community: str, oid: str, request_id: int) -> bytes:
    """An SNMPv2c GetRequest for one OID."""
    varbind = _tlv(0x30, _oid(oid) + b"\x05\x00")
    pdu = _tlv(0xA0, _integer(request_id) + _integer(0) + _integer(0) + _tlv(0x30, varbind))
    return _tlv(0x30, _integer(1) + _tlv(0x04, community.encode()) + pdu)


def answers(
    port: int, *, community: str, oid: str = SYS_DESCR, timeout: float = 0.3, host: str = LOCALHOST
) -> bool:
    """True if an SNMPv2c agent on ``host:port`` answers a GET for ``oid``."""
    request_id = secrets.randbelow(2**31)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(timeout)
        sock.sendto(get_request(community, oid, request_id), (host, port))
        try:
            reply, _ = sock.recvfrom(65_535)
        except (TimeoutError, ConnectionRefusedError):
            return False
    # The response PDU tag and our request-id are enough to know it is our answer.
    return bytes([_GET_RESPONSE]) in reply and _integer(request_id) in reply
