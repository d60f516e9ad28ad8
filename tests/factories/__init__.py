"""Factories create master data only; state changes in tests go through actions."""
