"""Rule loading: the schema of rule and lexicon files, YAML with line numbers, the bundled
resources, and the examples kept beside every rule. Imports from core and engine."""
