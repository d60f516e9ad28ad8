"""The scenarios use the shared case world (`w`, `walk`) of tests/conftest.py."""
