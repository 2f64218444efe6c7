import pytest


@pytest.fixture(scope="session", autouse=True)
def prefect_harness():
    """One Prefect test harness (a throwaway API and database) for the whole session: ~20 s each."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
