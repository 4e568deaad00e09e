from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ai_version import AIVersion
from ..models.cloud_type import CloudType
from ..models.enhance_type import EnhanceType
from ..models.window_pull_type import WindowPullType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.finetune_settings import FinetuneSettings
    from ..models.image_in_update_restage_type_0 import ImageInUpdateRestageType0
    from ..models.metadata import Metadata


T = TypeVar("T", bound="ImageInUpdate")


@_attrs_define
class ImageInUpdate:
    """New settings for Process Image; omitted settings keep their previous values. Additional properties are accepted and
    ignored.

        Example:
            {'enhance_type': 'warm'}

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
            finetune_settings (FinetuneSettings | None | Unset):
            image_name (str | Unset):
            lens_correction (bool | Unset): Correct any lens distortion in the image. Default: True.
            metadata (Metadata | Unset): Free-form metadata, stored and returned unchanged. Example: {'room': 'living'}.
            order_id (str | Unset): Validated like `ImageIn.order_id`, then ignored (decision).
            preset_id (None | str | Unset): A settings preset made in the web app (current docs). Stored and returned; the
                mock has no presets, so it does not change other settings.
            restage (ImageInUpdateRestageType0 | None | Unset): Restaging options (current docs: an object or null; premium
                restaging creates sub-images whose `parent_image_id` is this image). Decision: the fields of the object are not
                in the sources, so any object is stored and returned unchanged; the mock creates no sub-images.
            privacy (bool | None | Unset): Whether to blur any faces or license plates in the image.
            rating (int | Unset): A rating between 0 and 5 on how good the image enhancmeent. Higher is better.
            sky_replacement (bool | Unset): Enable the replacement of the original sky for a summer sky.
            threesixty (bool | Unset): Whether the image is a 360 image.
            upscale (bool | Unset): Whether to upscale the image.
            vertical_correction (bool | Unset): Correct any vertical distortion in the image so that it appears straight.
                Default: True.
            window_pull (bool | None | Unset): Whether to pull the windows in the image (used with AI version >= 4.0).
            window_pull_type (WindowPullType | Unset): How to pull the windows (API changelog, version 2025-08-31; the
                Window Pull page): `NONE` disables window pulls, `ONLY_WINDOWS` pulls the windows, `WINDOWS_WITH_SKIES` pulls
                the windows and replaces their skies (not before AI version 5.1). Example: ONLY_WINDOWS.
    """

    ai_version: AIVersion | Unset = UNSET
    cloud_type: CloudType | None | Unset = UNSET
    enhance: bool | Unset = True
    enhance_type: EnhanceType | Unset = UNSET
    finetune_settings: FinetuneSettings | None | Unset = UNSET
    image_name: str | Unset = UNSET
    lens_correction: bool | Unset = True
    metadata: Metadata | Unset = UNSET
    order_id: str | Unset = UNSET
    preset_id: None | str | Unset = UNSET
    restage: ImageInUpdateRestageType0 | None | Unset = UNSET
    privacy: bool | None | Unset = UNSET
    rating: int | Unset = UNSET
    sky_replacement: bool | Unset = UNSET
    threesixty: bool | Unset = UNSET
    upscale: bool | Unset = UNSET
    vertical_correction: bool | Unset = True
    window_pull: bool | None | Unset = UNSET
    window_pull_type: WindowPullType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.finetune_settings import FinetuneSettings  # noqa: PLC0415
        from ..models.image_in_update_restage_type_0 import ImageInUpdateRestageType0  # noqa: PLC0415

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

        finetune_settings: dict[str, Any] | None | Unset
        if isinstance(self.finetune_settings, Unset):
            finetune_settings = UNSET
        elif isinstance(self.finetune_settings, FinetuneSettings):
            finetune_settings = self.finetune_settings.to_dict()
        else:
            finetune_settings = self.finetune_settings

        image_name = self.image_name

        lens_correction = self.lens_correction

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        order_id = self.order_id

        preset_id: None | str | Unset
        if isinstance(self.preset_id, Unset):
            preset_id = UNSET
        else:
            preset_id = self.preset_id

        restage: dict[str, Any] | None | Unset
        if isinstance(self.restage, Unset):
            restage = UNSET
        elif isinstance(self.restage, ImageInUpdateRestageType0):
            restage = self.restage.to_dict()
        else:
            restage = self.restage

        privacy: bool | None | Unset
        if isinstance(self.privacy, Unset):
            privacy = UNSET
        else:
            privacy = self.privacy

        rating = self.rating

        sky_replacement = self.sky_replacement

        threesixty = self.threesixty

        upscale = self.upscale

        vertical_correction = self.vertical_correction

        window_pull: bool | None | Unset
        if isinstance(self.window_pull, Unset):
            window_pull = UNSET
        else:
            window_pull = self.window_pull

        window_pull_type: str | Unset = UNSET
        if not isinstance(self.window_pull_type, Unset):
            window_pull_type = self.window_pull_type.value

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
        if finetune_settings is not UNSET:
            field_dict["finetune_settings"] = finetune_settings
        if image_name is not UNSET:
            field_dict["image_name"] = image_name
        if lens_correction is not UNSET:
            field_dict["lens_correction"] = lens_correction
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if order_id is not UNSET:
            field_dict["order_id"] = order_id
        if preset_id is not UNSET:
            field_dict["preset_id"] = preset_id
        if restage is not UNSET:
            field_dict["restage"] = restage
        if privacy is not UNSET:
            field_dict["privacy"] = privacy
        if rating is not UNSET:
            field_dict["rating"] = rating
        if sky_replacement is not UNSET:
            field_dict["sky_replacement"] = sky_replacement
        if threesixty is not UNSET:
            field_dict["threesixty"] = threesixty
        if upscale is not UNSET:
            field_dict["upscale"] = upscale
        if vertical_correction is not UNSET:
            field_dict["vertical_correction"] = vertical_correction
        if window_pull is not UNSET:
            field_dict["window_pull"] = window_pull
        if window_pull_type is not UNSET:
            field_dict["window_pull_type"] = window_pull_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.finetune_settings import FinetuneSettings  # noqa: PLC0415
        from ..models.image_in_update_restage_type_0 import ImageInUpdateRestageType0  # noqa: PLC0415
        from ..models.metadata import Metadata  # noqa: PLC0415

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

        def _parse_finetune_settings(data: object) -> FinetuneSettings | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                finetune_settings_type_0 = FinetuneSettings.from_dict(data)

                return finetune_settings_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FinetuneSettings | None | Unset, data)

        finetune_settings = _parse_finetune_settings(d.pop("finetune_settings", UNSET))

        image_name = d.pop("image_name", UNSET)

        lens_correction = d.pop("lens_correction", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: Metadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Metadata.from_dict(_metadata)

        order_id = d.pop("order_id", UNSET)

        def _parse_preset_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preset_id = _parse_preset_id(d.pop("preset_id", UNSET))

        def _parse_restage(data: object) -> ImageInUpdateRestageType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                restage_type_0 = ImageInUpdateRestageType0.from_dict(data)

                return restage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ImageInUpdateRestageType0 | None | Unset, data)

        restage = _parse_restage(d.pop("restage", UNSET))

        def _parse_privacy(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        privacy = _parse_privacy(d.pop("privacy", UNSET))

        rating = d.pop("rating", UNSET)

        sky_replacement = d.pop("sky_replacement", UNSET)

        threesixty = d.pop("threesixty", UNSET)

        upscale = d.pop("upscale", UNSET)

        vertical_correction = d.pop("vertical_correction", UNSET)

        def _parse_window_pull(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        window_pull = _parse_window_pull(d.pop("window_pull", UNSET))

        _window_pull_type = d.pop("window_pull_type", UNSET)
        window_pull_type: WindowPullType | Unset
        if isinstance(_window_pull_type, Unset):
            window_pull_type = UNSET
        else:
            window_pull_type = WindowPullType(_window_pull_type)

        image_in_update = cls(
            ai_version=ai_version,
            cloud_type=cloud_type,
            enhance=enhance,
            enhance_type=enhance_type,
            finetune_settings=finetune_settings,
            image_name=image_name,
            lens_correction=lens_correction,
            metadata=metadata,
            order_id=order_id,
            preset_id=preset_id,
            restage=restage,
            privacy=privacy,
            rating=rating,
            sky_replacement=sky_replacement,
            threesixty=threesixty,
            upscale=upscale,
            vertical_correction=vertical_correction,
            window_pull=window_pull,
            window_pull_type=window_pull_type,
        )

        image_in_update.additional_properties = d
        return image_in_update

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
