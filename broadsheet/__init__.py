"""Broadsheet: raw scraped news pages to a clean, checked, queryable record.

The pure library: reading, cleaning, extraction, dates, outlets, loading and checks.
Nothing here imports Prefect; `tasks/` wraps these functions and `flows/` wires the tasks.
"""
