from enum import StrEnum


class CatalogServiceName(StrEnum):
    SERVICE_AI_CREATIVE_DESIGNER = "service-ai-creative-designer"
    SERVICE_AI_VIRTUAL_STAGING = "service-ai-virtual-staging"
    SERVICE_CREATIVE_DESIGNER = "service-creative-designer"
    SERVICE_DAY_TO_DUSK = "service-day-to-dusk"
    SERVICE_IMAGE_ENHANCEMENT = "service-image-enhancement"
    SERVICE_ITEM_REMOVAL = "service-item-removal"
    SERVICE_ITEM_REMOVAL_MASK = "service-item-removal-mask"

    def __str__(self) -> str:
        return str(self.value)
