"""Enforcement Tracker: reports of US immigration enforcement turned into a sourced ledger."""

__version__ = "0.1.0"
