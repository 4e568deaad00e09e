from enum import StrEnum


class ReportSource(StrEnum):
    API = "API"
    WEBAPP = "WEBAPP"

    def __str__(self) -> str:
        return str(self.value)
