"""The whole corpus: exact-cart rate must be at least 98%."""

from __future__ import annotations

from corpus import load_cases, run_all  # type: ignore[import-not-found]


def test_corpus_size_and_mix() -> None:
    cases = load_cases()
    turns = [t for c in cases for t in c.turns]
    zh = [t for c in cases for t in c.turns if c.language == "zh"]
    assert len(turns) >= 400
    assert len(zh) * 3 >= len(turns)
    assert any(len(c.turns) > 1 for c in cases)


def test_corpus_exact_cart_rate() -> None:
    results = run_all()
    failures = [r for r in results if not r.ok]
    rate = 1 - len(failures) / len(results)
    report = "\n".join(r.detail for r in failures)
    assert rate >= 0.98, f"exact-cart rate {rate:.1%} < 98%; failures:\n{report}"
