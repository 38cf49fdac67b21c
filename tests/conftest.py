from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "gold"


@pytest.fixture(scope="session")
def extractor():
    from minsheng_ie import default_extractor
    return default_extractor()
