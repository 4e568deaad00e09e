from enum import StrEnum


class OrderSort(StrEnum):
    DATE = "date"
    NAME = "name"
    VALUE_1 = "-name"
    VALUE_3 = "-date"

    def __str__(self) -> str:
        return str(self.value)
