"""Browser-side files the engine ships itself (package data, read with importlib.resources).

``explainer-iframe-worker.js`` runs Material's search worker from ``file://`` in the
offline bundle (:mod:`explainer.shim`).
"""
