"""Thin Prefect tasks around the pure `broadsheet` library: one module per pipeline stage."""
