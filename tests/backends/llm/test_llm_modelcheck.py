"""instructor's check for async validators walks our response model once, not on every request;
every other model is still checked in full."""

import importlib

import pytest
from instructor.v2.validation import async_validators
from pydantic import BaseModel

from summarizer.backends.llm.client import async_client
from summarizer.backends.llm.modelcheck import check_once
from summarizer.backends.llm.validator import VerifiedSummary
from summarizer.config import Settings


def _instructor_check():
    return async_validators.reject_async_validators


def _with_async_validator(name: str) -> type[BaseModel]:
    async def late(self):  # instructor would refuse a model that declares one
        return self

    model = type(name, (BaseModel,), {"__annotations__": {"x": int}})
    model.late = async_validators.async_model_validator()(late)
    return model


def test_building_a_client_lets_our_model_through_without_the_walk():
    async_client(Settings(backend="llm", model="m", base_url="http://127.0.0.1:9/v1"))
    check = _instructor_check()
    assert check(VerifiedSummary) is None
    patch_module = importlib.import_module("instructor.v2.core.patch")
    assert patch_module.reject_async_validators is check  # the name imported at load time too


def test_a_checked_model_is_not_walked_again():
    class Fresh(BaseModel):
        x: int = 0

    assert check_once(Fresh)

    async def late(self):
        return self

    # Declared after the check: a walk would find it and refuse the model; no walk, no refusal.
    Fresh.late = async_validators.async_model_validator()(late)
    _instructor_check()(Fresh)
    with pytest.raises(ValueError, match="async validators"):
        _instructor_check().__wrapped__(Fresh)


def test_every_other_model_is_still_checked_in_full():
    class Plain(BaseModel):
        x: int = 0

    check_once(Plain)
    with pytest.raises(ValueError, match="async validators are not supported"):
        _instructor_check()(_with_async_validator("Other"))


def test_a_model_that_fails_the_check_is_refused_and_never_let_through():
    bad = _with_async_validator("Bad")
    with pytest.raises(ValueError, match="async validators"):
        check_once(bad)
    with pytest.raises(ValueError, match="async validators"):
        _instructor_check()(bad)


def test_checking_again_keeps_one_layer_over_instructor():
    class Again(BaseModel):
        x: int = 0

    check_once(Again)
    check_once(Again)
    check_once(VerifiedSummary)
    original = _instructor_check().__wrapped__
    assert not hasattr(original, "__wrapped__")
    assert original.__module__ == "instructor.v2.validation.async_validators"
