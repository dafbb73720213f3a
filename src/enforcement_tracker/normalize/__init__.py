"""Normalization: dates, places, numbers, agencies and sources turned into contract values."""
