"""The bundled rules and lexicons, installed as the package minsheng_ie._rules (data only)."""
