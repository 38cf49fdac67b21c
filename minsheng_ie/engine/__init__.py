"""The extraction engine, compiled with mypyc at install (setup.py compiles every module
of this package): normalise → tokenize → match rules → resolve overlaps, working out
values → entities. Imports only from core."""
