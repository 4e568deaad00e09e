from enum import StrEnum


class ListProjectsSort(StrEnum):
    ASC = "asc"
    DESC = "desc"
    MODIFIED = "modified"

    def __str__(self) -> str:
        return str(self.value)
