from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "gold"


@pytest.fixture(scope="session")
def extractor():
    from minsheng_ie import default_extractor
    return default_extractor()

from hypothesis import HealthCheck, settings

# Fast in CI; `pytest --hypothesis-profile=long tests/test_properties.py` for the long run.
settings.register_profile("default", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=100_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile("default")
