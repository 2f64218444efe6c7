"""The outlet registry's old home, for flows and tasks: it lives in broadsheet.extract.outlet."""

from broadsheet.extract.outlet import DEFAULT_REGISTRY, Outlet, OutletRegistry  # noqa: F401
