"""BER primitives (X.690) shared by the SNMP client codec and the lab's responders."""

from __future__ import annotations


def ber_length(size: int) -> bytes:
    """BER definite length (X.690 8.1.3): short form below 128, else long form."""
    if size < 0x80:
        return bytes((size,))
    octets = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes((0x80 | len(octets),)) + octets


def ber_tlv(tag: int, contents: bytes) -> bytes:
    """One tag-length-value element."""
    return bytes((tag,)) + ber_length(len(contents)) + contents
