"""zhifa (执法): administrative law enforcement and its supervision."""

__version__ = "0.1.0"
