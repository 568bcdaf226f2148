"""Integration tests: real tools and servers on 127.0.0.1."""
