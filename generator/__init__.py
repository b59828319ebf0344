"""Explainer: a static site generator for explainers whose every statement cites its source."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
