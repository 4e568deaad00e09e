from enum import StrEnum


class CloudType(StrEnum):
    CLEAR = "CLEAR"
    HIGH_CLOUD = "HIGH_CLOUD"
    LOW_CLOUD = "LOW_CLOUD"

    def __str__(self) -> str:
        return str(self.value)
