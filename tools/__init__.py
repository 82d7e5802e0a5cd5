"""Build steps that ``build.py`` calls for surfaces beyond the playground (PyScript, extension)."""
