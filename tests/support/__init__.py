"""Test-only helpers shared by the speech tests and ``scripts/bench_speech.py``:
generated canteen noise (``noise``) and the synthetic diners' voices (``voices``).
Importable as ``support`` once ``tests/`` is on ``sys.path`` (the conftests put it there)."""
