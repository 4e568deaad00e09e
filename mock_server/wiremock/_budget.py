"""Work budgets: a cap on the steps one match may take, so no request can stall the server.

JSONPath deep scans, order-free JSON comparison and edit distances grow faster than the
input; each charges a ``Budget`` as it works and gives up (no match, or the farthest
distance) once the budget is spent. Budgets count steps, not seconds, so a result never
depends on how busy the machine is.
"""

from __future__ import annotations


class BudgetExhaustedError(Exception):
    """Raised by ``Budget.spend`` past the limit; always caught inside this package."""


class Budget:
    """A countdown of work steps.

    Attributes:
        limit: How many steps may be spent.
        spent: How many have been (for tests and diagnostics).
    """

    __slots__ = ("limit", "spent")

    def __init__(self, limit: int) -> None:
        """Start a budget of ``limit`` steps."""
        self.limit = limit
        self.spent = 0

    def spend(self, steps: int = 1) -> None:
        """Charge ``steps``.

        Raises:
            BudgetExhaustedError: The total is now over the limit.
        """
        self.spent += steps
        if self.spent > self.limit:
            raise BudgetExhaustedError

    @property
    def exhausted(self) -> bool:
        """Whether more was asked for than the limit allows."""
        return self.spent > self.limit
