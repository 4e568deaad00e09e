from enum import StrEnum


class ListProjectOrdersSort(StrEnum):
    ASC = "asc"
    DESC = "desc"
    MODIFIED = "modified"

    def __str__(self) -> str:
        return str(self.value)
