"""The bottom layer: the vocabulary every other layer shares (labels, fields, roles,
dimensions), the result types (Entity, Extraction), the lexicon type and the errors.
Imports nothing from the rest of the package."""
