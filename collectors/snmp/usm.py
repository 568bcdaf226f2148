"""SNMPv3 User-based Security Model for a command generator (RFC 3414, RFC 3826, RFC 7860).

What a poller needs of USM, without pysnmp:

- keys: password to key (RFC 3414 A.2: the password repeated to 1 MiB and hashed), then
  localized to an engine (``H(Ku || engineID || Ku)``). The 1 MiB hash costs about a
  millisecond, so ``Ku`` is cached per password and the localized key per
  (password, engineID): a prefecture's agents cost one expansion per password.
- authentication: HMAC-SHA-96 (usmHMACSHAAuthProtocol, RFC 3414 6/7) and, because it is
  the same code with another hash and MAC length, the SHA-2 family of RFC 7860
  (usmHMAC128SHA224, usmHMAC192SHA256, usmHMAC256SHA384, usmHMAC384SHA512). MD5 is not
  offered: the inventory only carries SHA.
- privacy: AES-128 in CFB-128 mode (usmAesCfb128Protocol, RFC 3826 3.1); the IV is
  engineBoots (4 octets) || engineTime (4 octets) || the 8-octet salt sent in
  msgPrivacyParameters. DES, 3DES and AES-192/256 are not offered.
- timeliness: what the client knows of an authoritative engine's clock
  (:class:`EngineClock`, RFC 3414 2.3 and 3.2.7b).
- reports: the usmStats counters an agent answers with, as the failure reasons a NOC
  engineer acts on (:func:`report_error`).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import time
from typing import Final, NamedTuple

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms

from collectors.snmp.base import SnmpAuthError, SnmpError

try:  # cryptography 47+ keeps CFB among its "decrepit" modes (and warns on the old name)
    from cryptography.hazmat.decrepit.ciphers.modes import CFB
except ImportError:  # pragma: no cover - cryptography < 47
    from cryptography.hazmat.primitives.ciphers.modes import CFB

#: RFC 3414 A.2: the password is repeated to this many octets before hashing.
EXPANDED_PASSWORD: Final = 1 << 20
#: RFC 3414 11.2: shorter passwords are refused (net-snmp and pysnmp refuse them too).
MIN_PASSWORD: Final = 8
#: RFC 3414 2.2.3: a message more than this many seconds old is outside the time window.
TIME_WINDOW_S: Final = 150
#: RFC 3414 2.2.2: snmpEngineBoots at its maximum means the engine must be re-keyed.
MAX_BOOTS: Final = 2147483647
MAX_TIME: Final = 2147483647  # snmpEngineTime is Integer32 (0..2^31-1) too
AES_KEY: Final = 16
SALT: Final = 8


class AuthProtocol(NamedTuple):
    """An HMAC authentication protocol: hash, and how many MAC octets go on the wire."""

    name: str
    hash_name: str
    mac_length: int


AUTH_PROTOCOLS: Final = {
    "SHA": AuthProtocol("SHA", "sha1", 12),  # usmHMACSHAAuthProtocol, RFC 3414
    "SHA224": AuthProtocol("SHA224", "sha224", 16),  # usmHMAC128SHA224AuthProtocol, RFC 7860
    "SHA256": AuthProtocol("SHA256", "sha256", 24),  # usmHMAC192SHA256AuthProtocol
    "SHA384": AuthProtocol("SHA384", "sha384", 32),  # usmHMAC256SHA384AuthProtocol
    "SHA512": AuthProtocol("SHA512", "sha512", 48),  # usmHMAC384SHA512AuthProtocol
}
PRIV_PROTOCOLS: Final = frozenset({"AES128"})  # usmAesCfb128Protocol, RFC 3826

#: usmStats counters (SNMP-USER-BASED-SM-MIB, RFC 3414 5) an agent reports, as failures.
USM_STATS: Final = "1.3.6.1.6.3.15.1.1."
UNSUPPORTED_SEC_LEVELS: Final = USM_STATS + "1.0"
NOT_IN_TIME_WINDOWS: Final = USM_STATS + "2.0"
UNKNOWN_USER_NAMES: Final = USM_STATS + "3.0"
UNKNOWN_ENGINE_IDS: Final = USM_STATS + "4.0"
WRONG_DIGESTS: Final = USM_STATS + "5.0"
DECRYPTION_ERRORS: Final = USM_STATS + "6.0"

_AUTH_REASONS: Final = {
    WRONG_DIGESTS: "SNMPv3 authentication failed (wrong auth key?)",
    UNKNOWN_USER_NAMES: "SNMPv3 authentication failed (unknown user name {user!r})",
    DECRYPTION_ERRORS: "SNMPv3 decryption failed (wrong privacy key?)",
    UNSUPPORTED_SEC_LEVELS: "SNMPv3 authPriv not supported for user {user!r} by the agent",
    NOT_IN_TIME_WINDOWS: "SNMPv3 not in time window (the agent's clock keeps moving?)",
    UNKNOWN_ENGINE_IDS: "SNMPv3 engine ID not known to the agent (engine changed?)",
}
#: SNMP-MPD-MIB / SNMP-TARGET-MIB reports (RFC 3412 5, RFC 3413 4.1.1).
_OTHER_REASONS: Final = {
    "1.3.6.1.6.3.11.2.1.1.0": "SNMPv3 unknown security model",
    "1.3.6.1.6.3.11.2.1.2.0": "SNMPv3 agent found the message invalid",
    "1.3.6.1.6.3.11.2.1.3.0": "SNMPv3 agent reports an unknown PDU handler",
    "1.3.6.1.6.3.12.1.4.0": "SNMPv3 context {context!r} unavailable",
    "1.3.6.1.6.3.12.1.5.0": "SNMPv3 unknown context {context!r}",
}


class UsmKeys(NamedTuple):
    """One user's keys localized to one engine."""

    user: bytes
    auth: AuthProtocol
    auth_key: bytes
    priv_key: bytes


@functools.lru_cache(maxsize=64)
def password_key(password: bytes, hash_name: str) -> bytes:
    """``Ku``: the hash of ``password`` repeated to 1 MiB (RFC 3414 A.2.1/A.2.2)."""
    if len(password) < MIN_PASSWORD:
        raise SnmpAuthError(f"SNMPv3 key shorter than {MIN_PASSWORD} characters")
    repeats = EXPANDED_PASSWORD // len(password) + 1
    return hashlib.new(hash_name, (password * repeats)[:EXPANDED_PASSWORD]).digest()


@functools.lru_cache(maxsize=1 << 14)
def localized_key(password: bytes, engine_id: bytes, hash_name: str) -> bytes:
    """``Kul``: ``Ku`` bound to one authoritative engine (RFC 3414 2.6, A.2)."""
    ku = password_key(password, hash_name)
    return hashlib.new(hash_name, ku + engine_id + ku).digest()


@functools.lru_cache(maxsize=1 << 14)
def usm_keys(
    user: str, auth_password: str, priv_password: str, engine_id: bytes, protocol: str = "SHA"
) -> UsmKeys:
    """The localized auth and privacy keys of ``user`` at ``engine_id``.

    Raises:
        SnmpAuthError: a password under 8 characters or an unknown protocol.
    """
    auth = AUTH_PROTOCOLS.get(protocol)
    if auth is None:
        raise SnmpAuthError(f"SNMPv3 auth protocol {protocol!r} not supported")
    auth_key = localized_key(auth_password.encode(), engine_id, auth.hash_name)
    # RFC 3826 1.2 / 3.1.2.1: the privacy key is localized with the auth protocol's hash
    # and AES-128 takes its first 16 octets (every SHA digest is long enough).
    priv_key = localized_key(priv_password.encode(), engine_id, auth.hash_name)[:AES_KEY]
    return UsmKeys(user.encode(), auth, auth_key, priv_key)


def sign(keys: UsmKeys, whole_message: bytes) -> bytes:
    """msgAuthenticationParameters of a message encoded with zeros in their place."""
    return hmac.digest(keys.auth_key, whole_message, keys.auth.hash_name)[: keys.auth.mac_length]


def verify(keys: UsmKeys, whole_message: bytes, mac_at: int) -> bool:
    """Whether the MAC at ``mac_at`` is right (computed with zeros in its place)."""
    size = keys.auth.mac_length
    received = whole_message[mac_at : mac_at + size]
    if len(received) != size:
        return False
    zeroed = whole_message[:mac_at] + bytes(size) + whole_message[mac_at + size :]
    return hmac.compare_digest(received, sign(keys, zeroed))


def _aes_cfb(keys: UsmKeys, boots: int, engine_time: int, salt: bytes) -> Cipher[CFB]:
    if len(salt) != SALT:
        raise ValueError(f"privacy parameters of {len(salt)} octets, not {SALT}")
    iv = boots.to_bytes(4, "big") + engine_time.to_bytes(4, "big") + salt
    return Cipher(algorithms.AES(keys.priv_key), CFB(iv))


def encrypt(keys: UsmKeys, boots: int, engine_time: int, salt: bytes, scoped_pdu: bytes) -> bytes:
    """AES-128-CFB of a scoped PDU (RFC 3826 3.1.3); no padding, same length."""
    encryptor = _aes_cfb(keys, boots, engine_time, salt).encryptor()
    return encryptor.update(scoped_pdu) + encryptor.finalize()


def decrypt(keys: UsmKeys, boots: int, engine_time: int, salt: bytes, encrypted: bytes) -> bytes:
    """The scoped PDU of an encryptedPDU (RFC 3826 3.1.4)."""
    decryptor = _aes_cfb(keys, boots, engine_time, salt).decryptor()
    return decryptor.update(encrypted) + decryptor.finalize()


class EngineClock:
    """A non-authoritative engine's notion of one authoritative engine (RFC 3414 2.3).

    ``boots``/``time`` are the latest authenticated values heard, ``time`` moving on with
    the local monotonic clock between messages; ``confirmed`` once any authenticated
    response came from it (a timeout before that hints at wrong credentials).
    """

    __slots__ = ("boots", "confirmed", "engine_id", "heard_at", "latest_time")

    def __init__(self, engine_id: bytes, boots: int, engine_time: int) -> None:
        self.engine_id = engine_id
        self.boots = boots
        self.latest_time = engine_time
        self.heard_at = time.monotonic()
        self.confirmed = False

    def now(self) -> tuple[int, int]:
        """(snmpEngineBoots, snmpEngineTime) to put in the next request."""
        elapsed = int(time.monotonic() - self.heard_at)
        return self.boots, min(self.latest_time + elapsed, MAX_TIME)

    def heard(self, boots: int, engine_time: int) -> None:
        """An authenticated message: move forward if it is newer (RFC 3414 3.2.7b)."""
        if boots > self.boots or (boots == self.boots and engine_time > self.latest_time):
            self.set(boots, engine_time)

    def set(self, boots: int, engine_time: int) -> None:
        """Take the engine's values as they are (an authenticated notInTimeWindow report)."""
        self.boots, self.latest_time, self.heard_at = boots, engine_time, time.monotonic()

    def in_window(self, boots: int, engine_time: int) -> bool:
        """Whether an authenticated message is timely: not a replay (RFC 3414 3.2.7b)."""
        if boots == MAX_BOOTS or boots < self.boots:
            return False
        return boots > self.boots or engine_time >= self.now()[1] - TIME_WINDOW_S


def report_error(oid: str | None, user: str, context: str) -> SnmpError:
    """The failure a Report PDU (its first varbind's OID) stands for.

    Authentication and privacy problems are :class:`SnmpAuthError`, with a reason that
    names the likely cause and never a secret.
    """
    if oid in _AUTH_REASONS:
        return SnmpAuthError(_AUTH_REASONS[oid].format(user=user))
    if oid in _OTHER_REASONS:
        return SnmpError(_OTHER_REASONS[oid].format(context=context))
    return SnmpError(f"SNMPv3 report {oid or '(no varbind)'}")
