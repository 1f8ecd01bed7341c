"""The garbage collector's pace during a build (codebook/collection.py)."""

from __future__ import annotations

import gc

import pytest

from codebook import build as build_module
from codebook.collection import FULL_COLLECTION_EVERY, rare_full_collections


def test_full_collections_are_rare_inside_and_the_old_pace_is_back_after() -> None:
    before = gc.get_threshold()
    with rare_full_collections():
        with rare_full_collections():  # nested: the inner exit keeps the rare pace
            assert gc.get_threshold()[2] >= FULL_COLLECTION_EVERY
        assert gc.get_threshold()[2] >= FULL_COLLECTION_EVERY
        assert gc.get_threshold()[:2] == before[:2]  # the young generations keep their pace
    assert gc.get_threshold() == before


def test_the_old_pace_is_back_after_a_build_that_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    before = gc.get_threshold()
    seen = []

    def failing_store(*_args: object) -> None:
        seen.append(gc.get_threshold()[2])
        raise RuntimeError("stop")

    monkeypatch.setattr(build_module, "Store", failing_store)
    with pytest.raises(RuntimeError):
        build_module.build(build_module.BuildOptions(cache=None))
    assert seen == [max(before[2], FULL_COLLECTION_EVERY)]  # the build ran at the rare pace
    assert gc.get_threshold() == before
