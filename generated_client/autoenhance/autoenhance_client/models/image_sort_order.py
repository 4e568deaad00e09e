from enum import StrEnum


class ImageSortOrder(StrEnum):
    CUSTOM = "custom"
    DATE_ADDED = "date_added"
    NAME = "name"
    VALUE_1 = "-name"
    VALUE_3 = "-date_added"

    def __str__(self) -> str:
        return str(self.value)
