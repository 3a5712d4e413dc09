"""The statistics and rules that turn prepared tables into findings: intervals, significance,
benchmarks, floors, trends, funnels, ranks, progress, market measures, search.

Pure functions over Polars frames. Nothing here reads files from the raw folder, imports a reader
(`accountability.sources`) or the pipeline (`accountability.prepare`), or knows about pages.
"""
