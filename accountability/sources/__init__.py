"""One reader per publisher. Each reads its files exactly as published and returns tidy frames.

Readers do not compute intervals, benchmarks or verdicts: that is `accountability.prepare`'s job.
"""
