from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ai_version import AIVersion
from ..models.cloud_type import CloudType
from ..models.enhance_type import EnhanceType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.order_image_in import OrderImageIn


T = TypeVar("T", bound="OrderHDRProcessIn")


@_attrs_define
class OrderHDRProcessIn:
    """Body of Process Order. Additional properties are accepted and ignored: the vendor's "Grouping Brackets and
    Processing Orders" page sends `image_name`, `contentType` and `hdr` here.

        Example:
            {'ai_version': '5.x', 'number_of_brackets_per_image': 3}

        Attributes:
            ai_version (AIVersion | Unset): The version of the AI model to use for enhancing the image. Versions ending in
                an
                .x will use the latest minor version as soon as it's published.

                The current docs type it as a plain string. The AI Versions page (January 2026)
                adds the channels `latest` (the default), `stable` and `beta`, sent as those
                strings; 5.3 was the last named version, first aliased by `stable`. The
                Deprecated AI Versions page now lists 5.3 among the deprecated versions too:
                "Requests targeting them are automatically upgraded to a supported release",
                versions above 4.7 to `stable` (the page spells the alias so), the older ones to
                4.7. So every named version is deprecated, and the channels are the supported
                choice. Decision (unchanged): the channels (lower case, as the docs write the
                string), every named version from 3.0 to 5.3 and the `.x` aliases are accepted,
                stored and echoed as sent; any other string answers `422` `Must be one of: ...`
                (marshmallow's `OneOf`), so a typo is caught. The upgrade of deprecated versions
                happens in processing, which the mock does not model.
                 Example: stable.
            cloud_type (CloudType | None | Unset): The type of clouds in the new sky to replace the original sky with.
                Options include: CLEAR, LOW_CLOUD, HIGH_CLOUD
            enhance (bool | Unset): Whether to enhance the image. Default: True.
            enhance_type (EnhanceType | Unset): The type of enhancement to apply to the image. PROPERTY or PROPERTY_USA is
                used with AI version < 4.0, for >= 4.0 use WARM, NEUTRAL, or AUTHENTIC (the current Reprocessing page). The
                values are sent in lower case, like every other value of this enum (decision: the docs capitalise the names in
                prose only). Example: neutral.
            images (list[OrderImageIn] | Unset):
            lens_correction (bool | Unset): Correct any lens distortion in the image. Default: True.
            number_of_brackets_per_image (int | Unset): If provided then group into an image after every specified number of
                brackets, if  not provided or set to 0 then we automatically group based on visual analysis.
            privacy (bool | None | Unset): Whether to blur any faces or license plates in the image.
            sky_replacement (bool | Unset): Enable the replacement of the original sky for a summer sky.
            upscale (bool | Unset): Whether to upscale the image.
            vertical_correction (bool | Unset): Correct any vertical distortion in the image so that it appears straight.
                Default: True.
            window_pull (bool | None | Unset): Whether to pull the windows in the image (used with AI version >= 4.0).
    """

    ai_version: AIVersion | Unset = UNSET
    cloud_type: CloudType | None | Unset = UNSET
    enhance: bool | Unset = True
    enhance_type: EnhanceType | Unset = UNSET
    images: list[OrderImageIn] | Unset = UNSET
    lens_correction: bool | Unset = True
    number_of_brackets_per_image: int | Unset = UNSET
    privacy: bool | None | Unset = UNSET
    sky_replacement: bool | Unset = UNSET
    upscale: bool | Unset = UNSET
    vertical_correction: bool | Unset = True
    window_pull: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ai_version: str | Unset = UNSET
        if not isinstance(self.ai_version, Unset):
            ai_version = self.ai_version.value

        cloud_type: None | str | Unset
        if isinstance(self.cloud_type, Unset):
            cloud_type = UNSET
        elif isinstance(self.cloud_type, CloudType):
            cloud_type = self.cloud_type.value
        else:
            cloud_type = self.cloud_type

        enhance = self.enhance

        enhance_type: str | Unset = UNSET
        if not isinstance(self.enhance_type, Unset):
            enhance_type = self.enhance_type.value

        images: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.images, Unset):
            images = []
            for images_item_data in self.images:
                images_item = images_item_data.to_dict()
                images.append(images_item)

        lens_correction = self.lens_correction

        number_of_brackets_per_image = self.number_of_brackets_per_image

        privacy: bool | None | Unset
        if isinstance(self.privacy, Unset):
            privacy = UNSET
        else:
            privacy = self.privacy

        sky_replacement = self.sky_replacement

        upscale = self.upscale

        vertical_correction = self.vertical_correction

        window_pull: bool | None | Unset
        if isinstance(self.window_pull, Unset):
            window_pull = UNSET
        else:
            window_pull = self.window_pull

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if ai_version is not UNSET:
            field_dict["ai_version"] = ai_version
        if cloud_type is not UNSET:
            field_dict["cloud_type"] = cloud_type
        if enhance is not UNSET:
            field_dict["enhance"] = enhance
        if enhance_type is not UNSET:
            field_dict["enhance_type"] = enhance_type
        if images is not UNSET:
            field_dict["images"] = images
        if lens_correction is not UNSET:
            field_dict["lens_correction"] = lens_correction
        if number_of_brackets_per_image is not UNSET:
            field_dict["number_of_brackets_per_image"] = number_of_brackets_per_image
        if privacy is not UNSET:
            field_dict["privacy"] = privacy
        if sky_replacement is not UNSET:
            field_dict["sky_replacement"] = sky_replacement
        if upscale is not UNSET:
            field_dict["upscale"] = upscale
        if vertical_correction is not UNSET:
            field_dict["vertical_correction"] = vertical_correction
        if window_pull is not UNSET:
            field_dict["window_pull"] = window_pull

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.order_image_in import OrderImageIn  # noqa: PLC0415

        d = dict(src_dict)
        _ai_version = d.pop("ai_version", UNSET)
        ai_version: AIVersion | Unset
        if isinstance(_ai_version, Unset):
            ai_version = UNSET
        else:
            ai_version = AIVersion(_ai_version)

        def _parse_cloud_type(data: object) -> CloudType | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cloud_type_type_0 = CloudType(data)

                return cloud_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CloudType | None | Unset, data)

        cloud_type = _parse_cloud_type(d.pop("cloud_type", UNSET))

        enhance = d.pop("enhance", UNSET)

        _enhance_type = d.pop("enhance_type", UNSET)
        enhance_type: EnhanceType | Unset
        if isinstance(_enhance_type, Unset):
            enhance_type = UNSET
        else:
            enhance_type = EnhanceType(_enhance_type)

        _images = d.pop("images", UNSET)
        images: list[OrderImageIn] | Unset = UNSET
        if _images is not UNSET:
            images = []
            for images_item_data in _images:
                images_item = OrderImageIn.from_dict(images_item_data)

                images.append(images_item)

        lens_correction = d.pop("lens_correction", UNSET)

        number_of_brackets_per_image = d.pop("number_of_brackets_per_image", UNSET)

        def _parse_privacy(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        privacy = _parse_privacy(d.pop("privacy", UNSET))

        sky_replacement = d.pop("sky_replacement", UNSET)

        upscale = d.pop("upscale", UNSET)

        vertical_correction = d.pop("vertical_correction", UNSET)

        def _parse_window_pull(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        window_pull = _parse_window_pull(d.pop("window_pull", UNSET))

        order_hdr_process_in = cls(
            ai_version=ai_version,
            cloud_type=cloud_type,
            enhance=enhance,
            enhance_type=enhance_type,
            images=images,
            lens_correction=lens_correction,
            number_of_brackets_per_image=number_of_brackets_per_image,
            privacy=privacy,
            sky_replacement=sky_replacement,
            upscale=upscale,
            vertical_correction=vertical_correction,
            window_pull=window_pull,
        )

        order_hdr_process_in.additional_properties = d
        return order_hdr_process_in

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
