from enum import StrEnum


class ServiceName(StrEnum):
    SERVICE_AI_VIRTUAL_STAGING = "service-ai-virtual-staging"
    SERVICE_CREATIVE_DESIGNER = "service-creative-designer"
    SERVICE_DAY_TO_DUSK = "service-day-to-dusk"
    SERVICE_IMAGE_ENHANCEMENT = "service-image-enhancement"
    SERVICE_ITEM_REMOVAL = "service-item-removal"
    SERVICE_ITEM_REMOVAL_MASK = "service-item-removal-mask"

    def __str__(self) -> str:
        return str(self.value)
