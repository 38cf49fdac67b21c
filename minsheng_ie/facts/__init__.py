"""Item facts (ITEMS.md): which progress figures answer which target, how far each item has
got and whether it is on schedule. Above documents: it reads extractions of items' text
units, one item at a time or a whole read document."""
from .assess import assess, item_facts
from .documents import DocumentFacts, document_facts
from .groups import group_statements
from .model import Assessment, Figure, Indicator

__all__ = ["item_facts", "assess", "document_facts", "group_statements", "DocumentFacts", "Assessment", "Figure", "Indicator"]
