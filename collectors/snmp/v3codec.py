"""SNMPv3 messages (RFC 3412 6, RFC 3414 2.4) around the PDUs of ``codec``.

A message is ``SEQUENCE { msgVersion 3, msgGlobalData, msgSecurityParameters,
msgData }``; msgGlobalData holds msgID, msgMaxSize, msgFlags and msgSecurityModel (3,
USM); msgSecurityParameters is an OCTET STRING wrapping UsmSecurityParameters
(authoritative engine ID, boots, time, user name, authentication and privacy
parameters); msgData is the scoped PDU (contextEngineID, contextName, PDU), in clear or
encrypted into an OCTET STRING.

Encoding leaves the MAC as zeros, signs the whole message and puts the MAC in place (its
offset is computed, never searched for). Decoding reads the header in clear first
(:func:`decode_message`), so the transport can find the request by msgID before any
cryptography, then :func:`open_scoped_pdu` checks the MAC and decrypts with that
request's keys.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from collectors.snmp.codec import (
    GET_REQUEST,
    REPORT,
    RESPONSE,
    DecodeError,
    Pdu,
    decode_pdu,
    encode_integer,
    encode_pdu,
    expect,
    read_integer,
    read_tlv,
)
from collectors.snmp.usm import UsmKeys, decrypt, encrypt, sign, verify
from netops.ber import ber_length, ber_tlv

VERSION_3: Final = 3
USM_SECURITY_MODEL: Final = 3
#: msgFlags (RFC 3412 6.4): authFlag, privFlag, reportableFlag.
AUTH_FLAG: Final = 0x01
PRIV_FLAG: Final = 0x02
REPORTABLE_FLAG: Final = 0x04
AUTH_PRIV: Final = AUTH_FLAG | PRIV_FLAG
#: The largest message we accept, as net-snmp announces it (the largest UDP/IPv4 payload).
MAX_MESSAGE_SIZE: Final = 65507

_SEQUENCE: Final = 0x30
_OCTET_STRING: Final = 0x04
_ANSWERS: Final = frozenset({RESPONSE, REPORT})


class UnauthenticMessageError(DecodeError):
    """A message whose MAC is wrong or missing where one is required: to be dropped."""


class V3Message(NamedTuple):
    """The clear part of a received SNMPv3 message, with where its secured parts are."""

    msg_id: int
    flags: int
    engine_id: bytes
    boots: int
    engine_time: int
    user: bytes
    mac_at: int
    mac: bytes
    salt: bytes
    data_tag: int
    data_start: int
    data_end: int


class ScopedPdu(NamedTuple):
    """A decoded scoped PDU."""

    context_engine_id: bytes
    context_name: bytes
    pdu: Pdu


def _octets(value: bytes) -> bytes:
    return ber_tlv(_OCTET_STRING, value)


def _header_size(size: int) -> int:
    """Octets of a tag and a definite length for ``size`` octets of contents."""
    return 1 + len(ber_length(size))


def _message(
    msg_id: int,
    flags: int,
    security_head: bytes,
    mac_length: int,
    security_tail: bytes,
    data: bytes,
) -> tuple[bytearray, int]:
    """The message with ``mac_length`` zero octets for the MAC, and their offset."""
    usm_contents = security_head + bytes(mac_length) + security_tail
    usm = ber_tlv(_SEQUENCE, usm_contents)
    mac_in_usm = _header_size(len(usm)) + _header_size(len(usm_contents)) + len(security_head)
    head = encode_integer(VERSION_3) + ber_tlv(
        _SEQUENCE,
        encode_integer(msg_id)
        + encode_integer(MAX_MESSAGE_SIZE)
        + _octets(bytes((flags,)))
        + encode_integer(USM_SECURITY_MODEL),
    )
    body = head + _octets(usm) + data
    mac_at = _header_size(len(body)) + len(head) + mac_in_usm
    return bytearray(ber_tlv(_SEQUENCE, body)), mac_at


def _scoped_pdu(context_engine_id: bytes, context_name: bytes, pdu: bytes) -> bytes:
    return ber_tlv(_SEQUENCE, _octets(context_engine_id) + _octets(context_name) + pdu)


def encode_discovery(msg_id: int) -> bytes:
    """An engine-ID discovery request (RFC 3414 4): noAuthNoPriv, no engine, no user.

    The agent answers with a usmStatsUnknownEngineIDs report whose security parameters
    carry its engine ID, boots and time.
    """
    empty = _octets(b"")
    security = empty + encode_integer(0) + encode_integer(0) + empty + empty + empty
    data = _scoped_pdu(b"", b"", encode_pdu(GET_REQUEST, msg_id, 0, 0, ()))
    message, _ = _message(msg_id, REPORTABLE_FLAG, security, 0, b"", data)
    return bytes(message)


def encode_request(
    msg_id: int,
    keys: UsmKeys,
    engine: tuple[bytes, int, int],
    salt: bytes,
    context_name: bytes,
    pdu: bytes,
) -> bytes:
    """An authPriv, reportable request carrying ``pdu`` (from ``codec.encode_pdu``).

    ``engine`` is (authoritative engine ID, boots, time); the engine ID is also the
    contextEngineID, as it is for every agent.
    """
    engine_id, boots, engine_time = engine
    plain = _scoped_pdu(engine_id, context_name, pdu)
    data = _octets(encrypt(keys, boots, engine_time, salt, plain))
    head = _octets(engine_id) + encode_integer(boots) + encode_integer(engine_time)
    mac_length = keys.auth.mac_length
    head += _octets(keys.user) + bytes((_OCTET_STRING,)) + ber_length(mac_length)
    flags = AUTH_PRIV | REPORTABLE_FLAG
    message, mac_at = _message(msg_id, flags, head, mac_length, _octets(salt), data)
    message[mac_at : mac_at + mac_length] = sign(keys, bytes(message))
    return bytes(message)


def _read_octets(data: bytes, pos: int, end: int) -> tuple[bytes, int, int]:
    """(contents, their offset, position after) of an OCTET STRING."""
    start, stop = expect(data, pos, end, _OCTET_STRING)
    return data[start:stop], start, stop


def decode_message(data: bytes) -> V3Message:
    """The clear part of an SNMPv3 USM message; :class:`DecodeError` if it is not one."""
    start, end = expect(data, 0, len(data), _SEQUENCE)
    version, pos = read_integer(data, start, end)
    if version != VERSION_3:
        raise DecodeError(f"not SNMPv3 (version {version})")
    global_start, pos = expect(data, pos, end, _SEQUENCE)
    msg_id, cursor = read_integer(data, global_start, pos)
    _, cursor = read_integer(data, cursor, pos)  # msgMaxSize
    flags, _, cursor = _read_octets(data, cursor, pos)
    model, _ = read_integer(data, cursor, pos)
    if len(flags) != 1 or model != USM_SECURITY_MODEL:
        raise DecodeError(f"not a USM message (flags {flags.hex()}, model {model})", msg_id)
    try:
        usm_start, pos = expect(data, pos, end, _OCTET_STRING)
        cursor, usm_end = expect(data, usm_start, pos, _SEQUENCE)
        engine_id, _, cursor = _read_octets(data, cursor, usm_end)
        boots, cursor = read_integer(data, cursor, usm_end)
        engine_time, cursor = read_integer(data, cursor, usm_end)
        user, _, cursor = _read_octets(data, cursor, usm_end)
        mac, mac_at, cursor = _read_octets(data, cursor, usm_end)
        salt, _, _ = _read_octets(data, cursor, usm_end)
        data_tag, data_start, data_end = read_tlv(data, pos, end)
    except DecodeError as exc:
        raise DecodeError(str(exc), msg_id) from None
    return V3Message(
        msg_id, flags[0], engine_id, boots, engine_time, user, mac_at, mac, salt,
        data_tag, data_start, data_end,
    )  # fmt: skip


def open_scoped_pdu(message: V3Message, data: bytes, keys: UsmKeys | None) -> ScopedPdu:
    """Check the MAC (authenticated messages), decrypt (private ones), decode the scoped PDU.

    Raises:
        UnauthenticMessageError: a MAC that ``keys`` do not confirm, or no keys to check it.
        DecodeError: anything else unreadable (carrying msgID).
    """
    if message.flags & AUTH_FLAG:
        if keys is None or len(message.mac) != keys.auth.mac_length:
            raise UnauthenticMessageError("unexpected authentication parameters", message.msg_id)
        if not verify(keys, data, message.mac_at):
            raise UnauthenticMessageError("wrong digest", message.msg_id)
    scoped = data[message.data_start : message.data_end]
    if message.flags & PRIV_FLAG:
        if keys is None or message.data_tag != _OCTET_STRING:
            raise DecodeError("encrypted message not readable", message.msg_id)
        try:
            scoped = decrypt(keys, message.boots, message.engine_time, message.salt, scoped)
        except ValueError as exc:  # a salt of the wrong size
            raise DecodeError(f"cannot decrypt: {exc}", message.msg_id) from None
        start, end = expect(scoped, 0, len(scoped), _SEQUENCE)  # CFB: no padding to skip
    elif message.data_tag == _SEQUENCE:
        start, end = 0, len(scoped)
    else:
        raise DecodeError("scoped PDU expected in clear", message.msg_id)
    try:
        context_engine_id, _, pos = _read_octets(scoped, start, end)
        context_name, _, pos = _read_octets(scoped, pos, end)
        pdu, _ = decode_pdu(scoped, pos, end, _ANSWERS)
    except DecodeError as exc:
        raise DecodeError(str(exc), message.msg_id) from None
    return ScopedPdu(context_engine_id, context_name, pdu)
