"""What the network looks like now, read from the time-series store.

Modules: :mod:`netops.observe.models` (``Snapshot`` and the observations),
:mod:`netops.observe.snapshot` (``read_snapshot``: the whole prefecture in a few wide
InfluxQL queries), :mod:`netops.observe.history` (an uplink's traffic, its 95th
percentile, optics series), :mod:`netops.observe.source` (the query function of the
settings). This package imports nothing at load time: ``netops.settings`` reads
:mod:`netops.observe.settings`.
"""
