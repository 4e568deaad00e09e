from enum import StrEnum


class AssetRole(StrEnum):
    MASK = "mask"
    PRIMARY_ANGLE = "primary_angle"
    SECONDARY_ANGLE = "secondary_angle"

    def __str__(self) -> str:
        return str(self.value)
