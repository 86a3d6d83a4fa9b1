"""The indicator rules shared by the regional sources: ramps, scales and reasons.

A rule turns one measured indicator into a strength or need of one sector with a
linear ramp; ``profile_row`` writes the value with its formula, evidence, dataset,
vintage and scope. The rules are tabled in ``data/README.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["RULES", "Rule", "number", "profile_row", "ramp"]


def ramp(x: float, lo: float, hi: float) -> float:
    """0 at ``lo``, 1 at ``hi``, linear between (either direction)."""
    t = (x - lo) / (hi - lo)
    return min(max(t, 0.0), 1.0)


@dataclass(frozen=True)
class Rule:
    """One indicator → (sector, role) rule: the ramp, its scale and why."""

    indicator: str
    sector: str
    role: str
    lo: float
    hi: float
    factor: float
    why: str

    def value(self, x: float) -> float:
        return self.factor * ramp(x, self.lo, self.hi)

    def formula(self) -> str:
        scale = f"{self.factor:g} × " if self.factor != 1 else ""
        return f"{scale}ramp({self.indicator}, {self.lo:g} → {self.hi:g})"


RULES = {
    "ageing65": Rule(
        "share 65+",
        "healthcare",
        "need",
        0.20,
        0.28,
        1.0,
        "an old population needs more care (EU average 2024 ≈ 0.22)",
    ),
    "ageing65_care": Rule(
        "share 65+",
        "vocational_training",
        "need",
        0.20,
        0.28,
        0.5,
        "care-worker demand that provinces training caregivers can meet (weaker)",
    ),
    "ageing70": Rule(
        "share 70+",
        "healthcare",
        "need",
        0.14,
        0.21,
        1.0,
        "as share 65+; 70+ is about three quarters of 65+",
    ),
    "ageing70_care": Rule(
        "share 70+",
        "vocational_training",
        "need",
        0.14,
        0.21,
        0.5,
        "care-worker demand (weaker)",
    ),
    "unemployment": Rule(
        "unemployment %",
        "vocational_training",
        "need",
        6.0,
        15.0,
        1.0,
        "joblessness calls for skills training (EU 2018 ≈ 6.8 %)",
    ),
    "life_expectancy": Rule(
        "life expectancy (years)",
        "healthcare",
        "need",
        81.0,
        75.0,
        1.0,
        "a short life expectancy is a health need (EU 2018 ≈ 81)",
    ),
    "gdp_high": Rule(
        "GDP per head / country's",
        "trade_investment",
        "strength",
        1.15,
        1.8,
        1.0,
        "a region far richer than its country is an economic hub",
    ),
    "gdp_low": Rule(
        "GDP per head / country's",
        "trade_investment",
        "need",
        0.9,
        0.5,
        1.0,
        "a region far poorer than its country needs investment",
    ),
    "water_stress": Rule(
        "baseline water stress category 0-4",
        "water",
        "need",
        0.0,
        4.0,
        1.0,
        "a country-level fallback, marked country-level and weighed less",
    ),
}


def profile_row(
    lid: str, rule: Rule, x: float, shown: str, source: str, date: str, scope: str
) -> dict:
    """One profile row: the rule's value of ``x``, formula, evidence and scope."""
    return {
        "locality_id": lid,
        "sector": rule.sector,
        "role": rule.role,
        "value": f"{rule.value(x):.4f}",
        "method": f"indicator: {rule.formula()} — {rule.why}",
        "evidence": shown,
        "source": source,
        "source_date": date,
        "scope": scope,
    }


def number(text: str | None) -> float | None:
    """A float, or None for empty, unreadable or missing-value codes (≤ -9000)."""
    try:
        value = float(text) if text not in (None, "") else None
    except ValueError:
        return None
    return value if value is not None and value > -9000 else None
