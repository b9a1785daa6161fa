"""crampui: a terminal companion for people whose back cramps when they stretch."""

__version__ = "0.1.0"
