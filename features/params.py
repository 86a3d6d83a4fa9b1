"""Parameter constraints declared once per class and checked in one place.

In the scikit-learn style (``sklearn.utils._param_validation``)::

    _parameter_constraints = {"limit": [Interval(Integral, 1, None, closed="left")]}

checked by :func:`validate_params` in ``fit`` (or wherever the parameters are first
used), never on every call. A failure raises
:class:`~features.errors.InvalidParameterError` with the one message template:
the parameter, what it must be (in English and Vietnamese) and what it got.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Mapping, Sequence
from numbers import Integral, Real
from typing import Literal

from features.errors import InvalidParameterError

__all__ = [
    "Estimator",
    "InstanceOf",
    "Interval",
    "Options",
    "POSITIVE_INTEGER",
    "validate_params",
    "Integral",
    "Real",
]

_OPEN = {"left": "[(", "right": "([", "both": "[[", "neither": "(("}
_CLOSE = {"left": ")", "right": "]", "both": "]", "neither": ")"}


class Interval:
    """Numbers of ``kind`` (``Integral`` or ``Real``, finite) between two bounds.

    Args:
        kind: ``numbers.Integral`` or ``numbers.Real`` (bools are neither).
        left, right: The bounds; None for no bound.
        closed: Which bounds belong to the interval.
    """

    def __init__(
        self,
        kind: type,
        left: float | None,
        right: float | None,
        *,
        closed: Literal["left", "right", "both", "neither"] = "both",
    ) -> None:
        self.kind, self.left, self.right, self.closed = kind, left, right, closed

    def is_satisfied_by(self, value: object) -> bool:
        """Whether ``value`` is of the kind, finite and inside the bounds."""
        if isinstance(value, bool) or not isinstance(value, self.kind):
            return False
        if not math.isfinite(float(value)):
            return False
        if self.left is not None:
            inside = value >= self.left if self.closed in ("left", "both") else None
            if not (inside if inside is not None else value > self.left):
                return False
        if self.right is not None:
            inside = value <= self.right if self.closed in ("right", "both") else None
            if not (inside if inside is not None else value < self.right):
                return False
        return True

    def describe(self, lang: str = "en") -> str:
        """What a valid value is, e.g. ``"a positive integer"``."""
        vi = lang == "vi"
        low, high, closed = self.left, self.right, self.closed
        if self.kind is Integral:
            if high is None and low == 1 and closed in ("left", "both"):
                return "một số nguyên dương" if vi else "a positive integer"
            if high is None:
                return f"một số nguyên ≥ {low}" if vi else f"an integer ≥ {low}"
            return (
                f"một số nguyên từ {low} đến {high}"
                if vi
                else f"an integer from {low} to {high}"
            )
        if high is None and low == 0:
            if closed in ("left", "both"):
                return "một số hữu hạn ≥ 0" if vi else "a finite number ≥ 0"
            return "một số dương" if vi else "a positive number"
        bounds = f"{_OPEN[closed][0]}{low}, {high}{_CLOSE[closed]}"
        return f"một số trong {bounds}" if vi else f"a number in {bounds}"


class Options:
    """One of a fixed set of values."""

    def __init__(self, values: Sequence[object]) -> None:
        self.values = tuple(values)

    def is_satisfied_by(self, value: object) -> bool:
        """Whether ``value`` is one of the options (bools never match numbers)."""
        return not isinstance(value, bool) and value in self.values

    def describe(self, lang: str = "en") -> str:
        """``"one of ['a', 'b']"``, or ``"1, 2 or 3"`` for numbers."""
        if all(isinstance(v, int) for v in self.values):
            head = ", ".join(str(v) for v in self.values[:-1])
            return f"{head} {'hoặc' if lang == 'vi' else 'or'} {self.values[-1]}"
        return f"{'một trong' if lang == 'vi' else 'one of'} {list(self.values)}"


class InstanceOf:
    """Values of one type, e.g. ``InstanceOf(str, "a str such as 'cpu'")``."""

    def __init__(self, kind: type, description: str, description_vi: str) -> None:
        self.kind, self.description = kind, description
        self.description_vi = description_vi

    def is_satisfied_by(self, value: object) -> bool:
        """Whether ``value`` is an instance of the type."""
        return isinstance(value, self.kind)

    def describe(self, lang: str = "en") -> str:
        """The description given, in ``lang``."""
        return self.description_vi if lang == "vi" else self.description


POSITIVE_INTEGER = Interval(Integral, 1, None, closed="left")


def _describe(constraints: Sequence[object], lang: str) -> str:
    # ``None`` is allowed silently: the message says what a given value must be.
    parts = [c.describe(lang) for c in constraints if c is not None]
    return f" {'hoặc' if lang == 'vi' else 'or'} ".join(parts)


def validate_params(
    constraints: Mapping[str, Sequence[object]],
    params: Mapping[str, object],
    error: type[InvalidParameterError] = InvalidParameterError,
) -> None:
    """Raise ``error`` for the first parameter no constraint accepts.

    Args:
        constraints: Parameter name → accepted constraints (``None`` accepts None).
        params: Parameter name → value (names without constraints are not checked).
        error: InvalidParameterError or a subclass (one that is also the error of
            the caller's domain, such as EmbeddingParameterError).
    """
    for name, accepted in constraints.items():
        value = params[name]
        if any(
            value is None if c is None else c.is_satisfied_by(value) for c in accepted
        ):
            continue
        raise error(
            name,
            _describe(accepted, "en"),
            value,
            expected_vi=_describe(accepted, "vi"),
        )


class Estimator:
    """The scikit-learn estimator contract without importing scikit-learn (≈ 0.7 s).

    Parameters are the keyword arguments of ``__init__``, stored as given;
    ``get_params``/``set_params`` read and write them (so ``sklearn.base.clone``
    works), ``_validate_params`` checks them against ``_parameter_constraints``.
    A subclass says it is fitted through ``__sklearn_is_fitted__``.
    """

    _parameter_constraints: dict = {}
    # the error a bad parameter raises (a subclass of InvalidParameterError)
    _parameter_error: type[InvalidParameterError] = InvalidParameterError

    @classmethod
    def _get_param_names(cls) -> list[str]:
        """The keyword parameters of ``__init__``, sorted (as scikit-learn does)."""
        signature = inspect.signature(cls.__init__)
        return sorted(
            p.name
            for p in signature.parameters.values()
            if p.name != "self" and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
        )

    def get_params(self, deep: bool = True) -> dict[str, object]:
        """Parameter name → value, as given to ``__init__`` or ``set_params``."""
        return {name: getattr(self, name) for name in self._get_param_names()}

    def set_params(self, **params: object) -> Estimator:
        """Set parameters by name; returns self. Raises ValueError for unknown ones."""
        valid = self._get_param_names()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(
                    f"Invalid parameter {name!r} for estimator {self}. "
                    f"Valid parameters are: {valid!r}."
                )
            setattr(self, name, value)
        return self

    def _validate_params(self) -> None:
        """Check the parameters against ``_parameter_constraints`` (once, in fit)."""
        validate_params(
            self._parameter_constraints, self.get_params(), self._parameter_error
        )

    def _check_is_fitted(self) -> None:
        """Raise scikit-learn's NotFittedError (imported only then) before ``fit``."""
        if not self.__sklearn_is_fitted__():
            from sklearn.exceptions import NotFittedError

            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet. Call "
                "'fit' with appropriate arguments before using this estimator."
            )

    def __sklearn_is_fitted__(self) -> bool:
        return True

    def __repr__(self) -> str:
        changed = ", ".join(
            f"{name}={value!r}"
            for name, value in self.get_params().items()
            if _differs(value, _default(type(self), name))
        )
        return f"{type(self).__name__}({changed})"


def _default(cls: type, name: str) -> object:
    return inspect.signature(cls.__init__).parameters[name].default


def _differs(value: object, default: object) -> bool:
    """Whether a parameter differs from its default (NaN equals NaN here)."""
    if isinstance(value, float) and isinstance(default, float):
        return not (value == default or (math.isnan(value) and math.isnan(default)))
    return value is not default and value != default
