from enum import StrEnum


class WindowPullType(StrEnum):
    NONE = "NONE"
    ONLY_WINDOWS = "ONLY_WINDOWS"
    WINDOWS_WITH_SKIES = "WINDOWS_WITH_SKIES"

    def __str__(self) -> str:
        return str(self.value)
