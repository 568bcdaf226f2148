"""The service: poll cycles, nightly audits and statistics on a schedule (APScheduler)."""
