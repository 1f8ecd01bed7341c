"""What a crosswalk row's own figures say is wrong with it: the one place a row is judged.

Two faults, both CMS's, both decided from the row alone (its HCPCS dosage, PKG SIZE, PKG QTY,
BILLUNITS and BILLUNITSPKG), so the loader sets them once and every page, the calculator and the
data warnings (checks.py) read the same verdict:

- inconsistent: BILLUNITS × PKG QTY ≠ BILLUNITSPKG, the row disagrees with itself;
- a unit-conversion factor: BILLUNITS is PKG SIZE read in the descriptor's own unit (1 ÷ 10 mg =
  0.1), which puts less than one billing unit in the item, while the same figure read in the next
  larger unit (1 g = 1,000 mg) is a whole number of units (100). CMS's 0.1 units for a vial of
  alpha-1 proteinase inhibitor (J0256, J0257) is this fault. Only a clean factor of 1,000 between
  two units of mass is flagged: a row whose units are merely odd (0.2 units of digoxin in 1 mL)
  does not read as another unit and is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# A CMS dosage as the crosswalk writes it: "10 MG", "0.25 MG", "1000 UNITS".
DOSAGE = re.compile(r"(?P<amount>[0-9]*\.?[0-9]+)\s*(?P<unit>[A-Za-z.]+)")
# A unit of mass → the next larger one and how many of it make one: the conversions a mix-up inverts.
LARGER_UNIT = {"mcg": ("mg", 1000), "mg": ("g", 1000)}


@dataclass(frozen=True)
class FactorFault:
    """BILLUNITS off by a unit conversion: what CMS computed and the reading its figures support."""

    size: Decimal  # PKG SIZE as CMS printed it (1)
    unit: str  # the descriptor's unit CMS read it in ("mg")
    larger_unit: str  # the unit the figure reads as ("g")
    factor: int  # how many of `unit` make one `larger_unit` (1,000)
    amount: Decimal  # the descriptor's amount (10)
    stated: Decimal  # CMS's BILLUNITS (0.1)
    units_per_item: Decimal  # the reading: PKG SIZE in the larger unit ÷ the amount (100)

    @property
    def explanation(self) -> str:
        """One sentence for the page, the calculator and the data warning, so they say the same."""
        size, amount = _shown(self.size), _shown(self.amount)
        return (
            f"CMS's {_shown(self.stated)} billable units per item read PKG SIZE {size} as {size} {self.unit} "
            f"({size} {self.unit} ÷ {amount} {self.unit} per unit); read as {size} {self.larger_unit} "
            f"({_shown(self.size * self.factor)} {self.unit}), the item holds {_shown(self.units_per_item)} "
            f"units of {amount} {self.unit}: a factor of {self.factor:,}."
        )


def _shown(value: Decimal) -> str:
    return format(value.normalize(), ",f")


def consistent(qty: Decimal | None, units: Decimal | None, per_ndc: Decimal | None) -> bool:
    """BILLUNITS × PKG QTY = BILLUNITSPKG, every figure a number."""
    return qty is not None and units is not None and per_ndc is not None and units * qty == per_ndc


def factor_fault(dosage: str, size: Decimal | None, units: Decimal | None) -> FactorFault | None:
    """The unit-conversion fault of a row (see the module docstring), or None when it has none."""
    match = DOSAGE.fullmatch(dosage.strip())
    unit = match["unit"].lower() if match else ""
    if not match or unit not in LARGER_UNIT or size is None or units is None or not 0 < units < 1:
        return None
    amount = Decimal(match["amount"])
    if amount == 0 or units * amount != size:
        return None
    larger, factor = LARGER_UNIT[unit]
    reading = size * factor / amount
    if reading != reading.to_integral_value():
        return None
    return FactorFault(size, unit, larger, factor, amount, units, reading.normalize())
