from enum import StrEnum


class OrderStatus(StrEnum):
    ACTIVE = "active"
    IDLE = "idle"

    def __str__(self) -> str:
        return str(self.value)
