"""Typed, number-verified summaries of Vietnamese provincial ICT review reports."""

__version__ = "0.1.0"
