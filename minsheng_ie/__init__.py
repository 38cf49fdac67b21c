"""minsheng_ie: facts out of Chinese 民生实事 progress reports.

    import minsheng_ie
    r = minsheng_ie.extract("截至2020年2月底，累计发放5842万元", ref_date="2020-03-31")
    [e.to_dict() for e in r.entities]
"""
from .entities import Entity, Extraction
from .errors import DocumentError, GoldError, RuleError
from .extractor import Extractor, default_extractor, extract

__all__ = ["extract", "Extractor", "Entity", "Extraction", "RuleError", "GoldError",
           "DocumentError", "default_extractor"]
__version__ = "0.1.0"
