from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "gold"


@pytest.fixture(scope="session")
def extractor():
    from minsheng_ie import default_extractor
    return default_extractor()

from hypothesis import HealthCheck, settings

# Fast in CI, and the same examples every run (derandomize), so a run lands or fails on the
# code, not on luck; `pytest --hypothesis-profile=long tests/...` searches anew, 100,000 examples
# a test, and what it finds becomes a fixed example.
settings.register_profile("default", max_examples=150, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=100_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile("default")
