from enum import StrEnum


class AIVersion(StrEnum):
    BETA = "beta"
    DEV = "dev"
    LATEST = "latest"
    STABLE = "stable"
    V3_0 = "3.0"
    V3_1 = "3.1"
    V3_2 = "3.2"
    V3_3 = "3.3"
    V3_4 = "3.4"
    V3_5 = "3.5"
    V3_X = "3.x"
    V4_0 = "4.0"
    V4_1 = "4.1"
    V4_2 = "4.2"
    V4_3 = "4.3"
    V4_4 = "4.4"
    V4_5 = "4.5"
    V4_7 = "4.7"
    V4_X = "4.x"
    V5_0 = "5.0"
    V5_1 = "5.1"
    V5_2 = "5.2"
    V5_3 = "5.3"
    V5_X = "5.x"

    def __str__(self) -> str:
        return str(self.value)
