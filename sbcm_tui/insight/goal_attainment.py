"""Goal Attainment Scaling: one number for how a client's objectives turned out.

Each objective is rated at review on a five-point scale, −2 (much less than expected) to +2
(much more), 0 being the outcome expected when it was set. Kiresuk and Sherman (1968) combine
the ratings of one person's goals into a T-score, so that cases with different numbers of
objectives can be read on one scale: 50 is "as expected", and about 10 points is one standard
deviation.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

GAS_RHO = 0.3
"""The inter-correlation of goal scales Kiresuk and Sherman assume."""


def gas_t_score(
    levels: Sequence[int], weights: Sequence[float] | None = None, rho: float = GAS_RHO
) -> float | None:
    """The Goal Attainment Scaling T-score (Kiresuk & Sherman, 1968) of rated objectives.

    ``T = 50 + 10 · Σ wᵢxᵢ / sqrt((1 − ρ) · Σ wᵢ² + ρ · (Σ wᵢ)²)``

    where xᵢ is each objective's level (−2 much less than expected, 0 as expected, +2 much more)
    and wᵢ its weight. The case model holds no weights, so every objective weighs 1 unless
    ``weights`` are given. ρ = 0.3. T = 50 means the objectives came out as expected on
    average; about 10 points is one standard deviation. Unrated objectives are simply not
    passed in: they are not scored as 0 or −1, because "not rated yet" is not a result.
    None when nothing is rated (or every weight is 0)."""
    if not levels:
        return None
    if weights is None:  # the usual case, worked out once per case on big caseloads
        n = len(levels)
        return 50 + 10 * sum(levels) / math.sqrt((1 - rho) * n + rho * n * n)
    w = [float(x) for x in weights]
    if len(w) != len(levels):
        raise ValueError("one weight per level")
    total = sum(w)
    spread = (1 - rho) * sum(x * x for x in w) + rho * total * total
    if spread <= 0:
        return None
    return 50 + 10 * sum(wi * xi for wi, xi in zip(w, levels, strict=True)) / math.sqrt(spread)
