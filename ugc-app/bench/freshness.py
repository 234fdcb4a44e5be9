#!/usr/bin/env python3
"""Quantiles of the ETL's ugc_etl_event_freshness_seconds histogram between two /metrics scrapes.

Usage: freshness.py BEFORE AFTER   (files holding the Prometheus text of the two scrapes)
Each quantile is reported as the upper bound of the bucket it falls in, so it never understates.
"""
import re
import sys

BUCKET = re.compile(r'^ugc_etl_event_freshness_seconds_bucket\{.*?le="([^"]+)".*\}\s+(\S+)$')


def buckets(path):
    out = {}
    with open(path) as f:
        for line in f:
            m = BUCKET.match(line.strip())
            if m:
                out[float(m.group(1))] = float(m.group(2))
    return out


def main():
    before, after = buckets(sys.argv[1]), buckets(sys.argv[2])
    if not after:
        sys.exit("no ugc_etl_event_freshness_seconds_bucket in " + sys.argv[2])
    bounds = sorted(after)
    cumulative = [after[b] - before.get(b, 0.0) for b in bounds]
    total = cumulative[-1]
    if total <= 0:
        sys.exit("no rows were written between the two scrapes")
    parts = []
    for q in (0.5, 0.95, 0.99, 0.999):
        bound = next(b for b, c in zip(bounds, cumulative) if c >= q * total)
        parts.append("p%s ≤ %s" % (format(q * 100, 'g'), "∞" if bound == float("inf") else "%d ms" % round(bound * 1000)))
    within = [max((c for b, c in zip(bounds, cumulative) if b <= s), default=0.0) for s in (1.0, 2.0)]
    print("%s  (%d rows; %.3f%% within 1 s, %.3f%% within 2 s)"
          % ("  ".join(parts), total, 100.0 * within[0] / total, 100.0 * within[1] / total))


if __name__ == "__main__":
    main()
