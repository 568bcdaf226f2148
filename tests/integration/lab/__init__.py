"""Integration tests of the lab's servers."""
