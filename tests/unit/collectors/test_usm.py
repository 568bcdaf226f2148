"""USM without pysnmp: RFC 3414 A.3 key vectors, HMAC, AES-CFB, engine clock, reports.

The RFC's own vectors fix key localization; MACs and ciphertexts are checked against
pysnmp's USM services (an independent implementation) rather than against ourselves.
"""

from __future__ import annotations

import time
import warnings

import pytest

from collectors.snmp.base import SnmpAuthError, SnmpError
from collectors.snmp.usm import (
    AUTH_PROTOCOLS,
    DECRYPTION_ERRORS,
    NOT_IN_TIME_WINDOWS,
    UNKNOWN_USER_NAMES,
    WRONG_DIGESTS,
    EngineClock,
    decrypt,
    encrypt,
    localized_key,
    password_key,
    report_error,
    sign,
    usm_keys,
    verify,
)

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from pyasn1.type import univ  # type: ignore[import-untyped]
    from pysnmp.proto.secmod.rfc3414 import localkey  # type: ignore[import-untyped]
    from pysnmp.proto.secmod.rfc3414.auth import hmacsha  # type: ignore[import-untyped]
    from pysnmp.proto.secmod.rfc3826.priv import aes  # type: ignore[import-untyped]

#: RFC 3414 A.3: password "maplesyrup", snmpEngineID '00 00 00 00 00 00 00 00 00 00 00 02'H.
RFC_PASSWORD = b"maplesyrup"
RFC_ENGINE = bytes.fromhex("000000000000000000000002")
ENGINE = bytes.fromhex("80004fb805636c6f75644d4142")


def test_rfc3414_a3_2_sha_key_localization() -> None:
    assert password_key(RFC_PASSWORD, "sha1").hex() == "9fb5cc0381497b3793528939ff788d5d79145211"
    assert (
        localized_key(RFC_PASSWORD, RFC_ENGINE, "sha1").hex()
        == "6695febc9288e36282235fc7151f128497b38f3f"
    )


def test_rfc3414_a3_1_md5_vector_checks_the_shared_algorithm() -> None:
    # MD5 is not offered to users, but the RFC's vector checks the expansion for any hash.
    assert (
        localized_key(RFC_PASSWORD, RFC_ENGINE, "md5").hex() == "526f5eed9fcce26f8964c2930787d82b"
    )


@pytest.mark.parametrize("protocol", sorted(AUTH_PROTOCOLS))
def test_localized_keys_equal_pysnmps_for_sha_and_sha2(protocol: str) -> None:
    import hashlib

    hash_name = AUTH_PROTOCOLS[protocol].hash_name
    theirs = localkey.password_to_key(
        b"authpass123", univ.OctetString(ENGINE), getattr(hashlib, hash_name)
    )
    assert localized_key(b"authpass123", ENGINE, hash_name) == bytes(theirs)


def test_password_expansion_is_cached_per_password() -> None:
    password_key.cache_clear()
    started = time.perf_counter()
    for engine in range(50):
        usm_keys("u", "cached-auth-1", "cached-priv-1", bytes([engine]) * 9)
    assert password_key.cache_info().misses == 2  # one 1 MiB expansion per password
    assert time.perf_counter() - started < 1.0


def test_short_passwords_and_unknown_protocols_are_auth_failures() -> None:
    with pytest.raises(SnmpAuthError, match="shorter than 8"):
        usm_keys("u", "short", "long-enough", ENGINE)
    with pytest.raises(SnmpAuthError, match="not supported"):
        usm_keys("u", "long-enough", "long-enough", ENGINE, "MD5")


def test_priv_key_is_the_first_16_octets_of_the_sha_localized_key() -> None:
    keys = usm_keys("u", "authpass123", "privpass123", ENGINE)
    assert keys.priv_key == localized_key(b"privpass123", ENGINE, "sha1")[:16]
    assert len(keys.auth_key) == 20


def test_hmac_sha_96_equals_pysnmps_and_verifies() -> None:
    keys = usm_keys("u", "authpass123", "privpass123", ENGINE)
    message = bytearray(b"\x30\x40" + b"x" * 30 + bytes(12) + b"y" * 20)
    mac = sign(keys, bytes(message))
    theirs = hmacsha.HmacSha().authenticate_outgoing_message(
        univ.OctetString(keys.auth_key), bytes(message)
    )
    assert len(mac) == 12
    message[32:44] = mac
    assert bytes(theirs) == bytes(message)
    assert verify(keys, bytes(message), 32)
    message[-1] ^= 1
    assert not verify(keys, bytes(message), 32)
    assert not verify(keys, bytes(message[:40]), 32)  # a MAC cut short


def test_sha2_macs_have_the_rfc7860_lengths() -> None:
    lengths = {
        name: usm_keys("u", "authpass123", "privpass123", ENGINE, name) for name in AUTH_PROTOCOLS
    }
    assert {n: len(sign(k, b"m")) for n, k in lengths.items()} == {
        "SHA": 12,
        "SHA224": 16,
        "SHA256": 24,
        "SHA384": 32,
        "SHA512": 48,
    }


def test_aes_cfb_round_trips_and_pysnmp_decrypts_it() -> None:
    keys = usm_keys("u", "authpass123", "privpass123", ENGINE)
    plain = b"\x30\x1d" + bytes(range(29)) + b"tail-not-a-block-multiple"
    salt = (0x0102030405060708).to_bytes(8, "big")
    secret = encrypt(keys, 3, 12345, salt, plain)
    assert len(secret) == len(plain) and secret != plain
    assert decrypt(keys, 3, 12345, salt, secret) == plain
    theirs = aes.Aes().decrypt_data(
        univ.OctetString(keys.priv_key),
        (univ.Integer(3), univ.Integer(12345), univ.OctetString(salt)),
        univ.OctetString(secret),
    )
    assert bytes(theirs) == plain
    assert decrypt(keys, 3, 12346, salt, secret) != plain  # the IV carries the engine time
    with pytest.raises(ValueError, match="8"):
        decrypt(keys, 3, 12345, salt[:4], secret)


def test_engine_clock_moves_on_and_rejects_replays(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    clock = EngineClock(ENGINE, 4, 500)
    now[0] += 30.7
    assert clock.now() == (4, 530)
    clock.heard(4, 499)  # older than the latest heard: ignored
    assert clock.now() == (4, 530)
    clock.heard(4, 520)  # newer than the latest heard (500): taken (RFC 3414 3.2.7b)
    assert clock.now() == (4, 520)
    clock.heard(5, 2)  # a reboot
    assert clock.now() == (5, 2)
    assert clock.in_window(5, 0) and clock.in_window(6, 0)
    assert not clock.in_window(4, 10_000)  # an earlier boot: replayed
    now[0] += 400
    assert not clock.in_window(5, 2)  # older than 150 s
    clock.set(3, 7)  # an authenticated notInTimeWindow report is taken as is
    assert clock.now() == (3, 7)
    assert not clock.confirmed


def test_reports_become_reasons_that_name_the_cause_not_the_secret() -> None:
    wrong = report_error(WRONG_DIGESTS, "netops", "")
    assert isinstance(wrong, SnmpAuthError)
    assert str(wrong) == "SNMPv3 authentication failed (wrong auth key?)"
    assert "wrong privacy key" in str(report_error(DECRYPTION_ERRORS, "netops", ""))
    assert "'netops'" in str(report_error(UNKNOWN_USER_NAMES, "netops", ""))
    assert "time window" in str(report_error(NOT_IN_TIME_WINDOWS, "netops", ""))
    unknown_context = report_error("1.3.6.1.6.3.12.1.5.0", "netops", "sw-9")
    assert type(unknown_context) is SnmpError and "'sw-9'" in str(unknown_context)
    assert str(report_error(None, "u", "")) == "SNMPv3 report (no varbind)"
