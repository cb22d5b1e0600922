

def test_a_derived_table_may_be_built_from_another() -> None:
    """MenuIndex.derived: tables built once per menu, one from another (no deadlock)."""
    from corpus import menu_for  # type: ignore[import-not-found]

    from kiosk.order.index import index_for

    index = index_for(menu_for("canteen"))
    calls: list[str] = []

    def outer(ix: object) -> int:
        calls.append("outer")
        return int(index.derived("test-inner", lambda _: 20)) + 1

    assert index.derived("test-outer", outer) == 21
    assert index.derived("test-outer", outer) == 21 and calls == ["outer"]
