"""The lab: a working copy of the prefecture's network on 127.0.0.1 (digital twin)."""
