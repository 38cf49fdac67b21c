"""Documents: reading report files and texts into items (layouts, tables, encodings), and
extracting every field of every item. Imports from core, engine and loading."""
from .extraction import DocumentExtraction, ItemFacts, extract_document
from .files import read_document, read_file
from .model import Document, Item, Unit
from .reader import read_text

__all__ = ["Document", "Item", "Unit", "DocumentExtraction", "ItemFacts", "read_document", "read_file",
           "read_text", "extract_document"]
