"""Monitoring: what to poll (targets), what a poll returns (results), who polls (collectors)."""
