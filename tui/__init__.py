"""The NOC's live terminal UI (Textual)."""
