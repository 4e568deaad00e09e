from enum import StrEnum


class EnhanceType(StrEnum):
    AUTHENTIC = "authentic"
    MODERN = "modern"
    NEUTRAL = "neutral"
    PROPERTY = "property"
    PROPERTY_USA = "property_usa"
    WARM = "warm"

    def __str__(self) -> str:
        return str(self.value)
