from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ai_version import AIVersion
from ..models.cloud_type import CloudType
from ..models.enhance_type import EnhanceType
from ..models.image_status import ImageStatus
from ..models.window_pull_type import WindowPullType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.finetune_settings import FinetuneSettings
    from ..models.image_created_out_restage_type_0 import ImageCreatedOutRestageType0
    from ..models.metadata import Metadata


T = TypeVar("T", bound="ImageCreatedOut")


@_attrs_define
class ImageCreatedOut:
    """A newly registered image with its upload URL. Exactly one of `upload_url` and `s3PutObjectUrl` is present, depending
    on `x-api-version`.

        Example:
            {'date_added': 1746699330, 'downloaded': False, 'enhance': True, 'image_id':
                '8c4f1f6e-2b7d-4d3a-9e0f-6a5b4c3d2e1f', 'image_name': 'living-room.jpg', 'lens_correction': True, 'metadata':
                {}, 'order_id': '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a', 'status': 'waiting', 'status_reason': None,
                'vertical_correction': True, 'upload_url': 'https://autoenhanceapi-prod.s3.eu-
                west-1.amazonaws.com/5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a/8c4f1f6e-2b7d-4d3a-9e0f-6a5b4c3d2e1f/living-
                room.jpg?X-Amz-Signature=abc123'}

        Attributes:
            date_added (int): The date the image was registered with Autoenhance (decision - Unix epoch seconds).
            downloaded (bool): Whether image has been already downloaded and paid for.
            enhance (bool): Whether to enhance the image. Default: True.
            image_id (str):
            image_name (str):
            lens_correction (bool): Correct any lens distortion in the image. Default: True.
            metadata (Metadata): Free-form metadata, stored and returned unchanged. Example: {'room': 'living'}.
            order_id (None | str):
            status (ImageStatus | None): The status of the image.
            status_reason (None | str): Reason for the image's current status
            vertical_correction (bool): Whether the vertical correction feature was enabled for the image.
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
            enhance_type (EnhanceType | Unset): The type of enhancement to apply to the image. PROPERTY or PROPERTY_USA is
                used with AI version < 4.0, for >= 4.0 use WARM, NEUTRAL, or AUTHENTIC (the current Reprocessing page). The
                values are sent in lower case, like every other value of this enum (decision: the docs capitalise the names in
                prose only). Example: neutral.
            finetune_settings (FinetuneSettings | None | Unset):
            parent_image_id (None | str | Unset): The image this sub-image was created from by premium restaging (current
                docs); `null` for an uploaded image (the mock never creates sub-images).
            preset_id (None | str | Unset): The settings preset the image was created with (current docs).
            privacy (bool | None | Unset): Whether to blur any faces or license plates in the image.
            rating (int | Unset): A rating between 0 and 5 on how good the image enhancmeent. Higher is better.
            restage (ImageCreatedOutRestageType0 | None | Unset): The image's restaging options (current docs), or null.
            s_3_put_object_url (None | str | Unset): The signed AWS S3 URL to upload the image to. Returned instead of
                `upload_url` for `x-api-version` dates before 2025-05-08 (not in SDK 1.1.0).
            scene (str | Unset): The detected scene of the image i.e garden, patio, kitchen, etc. Set by the vendor's scene
                detection; the mock never returns it.
            sky_replacement (bool | Unset): Whether the sky replacement feature was enabled for the image.
            upload_url (None | str | Unset): The upload URL for the image to be uploaded to.
            upscale (bool | Unset): Whether to upscale the image.
            user_id (None | str | Unset): The user ID of the user who uploaded (owns) the image.
            window_pull (bool | None | Unset): Whether to pull the windows in the image (used with AI version >= 4.0).
            window_pull_type (None | Unset | WindowPullType): How the windows are pulled. Returned only for an `x-api-
                version` of `2025-08-31` or later, or without the header (`null` when not set).
    """

    date_added: int
    downloaded: bool
    image_id: str
    image_name: str
    metadata: Metadata
    order_id: None | str
    status: ImageStatus | None
    status_reason: None | str
    vertical_correction: bool
    enhance: bool = True
    lens_correction: bool = True
    ai_version: AIVersion | Unset = UNSET
    cloud_type: CloudType | None | Unset = UNSET
    enhance_type: EnhanceType | Unset = UNSET
    finetune_settings: FinetuneSettings | None | Unset = UNSET
    parent_image_id: None | str | Unset = UNSET
    preset_id: None | str | Unset = UNSET
    privacy: bool | None | Unset = UNSET
    rating: int | Unset = UNSET
    restage: ImageCreatedOutRestageType0 | None | Unset = UNSET
    s_3_put_object_url: None | str | Unset = UNSET
    scene: str | Unset = UNSET
    sky_replacement: bool | Unset = UNSET
    upload_url: None | str | Unset = UNSET
    upscale: bool | Unset = UNSET
    user_id: None | str | Unset = UNSET
    window_pull: bool | None | Unset = UNSET
    window_pull_type: None | Unset | WindowPullType = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.finetune_settings import FinetuneSettings  # noqa: PLC0415
        from ..models.image_created_out_restage_type_0 import ImageCreatedOutRestageType0  # noqa: PLC0415

        date_added = self.date_added

        downloaded = self.downloaded

        enhance = self.enhance

        image_id = self.image_id

        image_name = self.image_name

        lens_correction = self.lens_correction

        metadata = self.metadata.to_dict()

        order_id: None | str
        order_id = self.order_id

        status: None | str
        if isinstance(self.status, ImageStatus):
            status = self.status.value
        else:
            status = self.status

        status_reason: None | str
        status_reason = self.status_reason

        vertical_correction = self.vertical_correction

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

        parent_image_id: None | str | Unset
        if isinstance(self.parent_image_id, Unset):
            parent_image_id = UNSET
        else:
            parent_image_id = self.parent_image_id

        preset_id: None | str | Unset
        if isinstance(self.preset_id, Unset):
            preset_id = UNSET
        else:
            preset_id = self.preset_id

        privacy: bool | None | Unset
        if isinstance(self.privacy, Unset):
            privacy = UNSET
        else:
            privacy = self.privacy

        rating = self.rating

        restage: dict[str, Any] | None | Unset
        if isinstance(self.restage, Unset):
            restage = UNSET
        elif isinstance(self.restage, ImageCreatedOutRestageType0):
            restage = self.restage.to_dict()
        else:
            restage = self.restage

        s_3_put_object_url: None | str | Unset
        if isinstance(self.s_3_put_object_url, Unset):
            s_3_put_object_url = UNSET
        else:
            s_3_put_object_url = self.s_3_put_object_url

        scene = self.scene

        sky_replacement = self.sky_replacement

        upload_url: None | str | Unset
        if isinstance(self.upload_url, Unset):
            upload_url = UNSET
        else:
            upload_url = self.upload_url

        upscale = self.upscale

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        window_pull: bool | None | Unset
        if isinstance(self.window_pull, Unset):
            window_pull = UNSET
        else:
            window_pull = self.window_pull

        window_pull_type: None | str | Unset
        if isinstance(self.window_pull_type, Unset):
            window_pull_type = UNSET
        elif isinstance(self.window_pull_type, WindowPullType):
            window_pull_type = self.window_pull_type.value
        else:
            window_pull_type = self.window_pull_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "date_added": date_added,
                "downloaded": downloaded,
                "enhance": enhance,
                "image_id": image_id,
                "image_name": image_name,
                "lens_correction": lens_correction,
                "metadata": metadata,
                "order_id": order_id,
                "status": status,
                "status_reason": status_reason,
                "vertical_correction": vertical_correction,
            }
        )
        if ai_version is not UNSET:
            field_dict["ai_version"] = ai_version
        if cloud_type is not UNSET:
            field_dict["cloud_type"] = cloud_type
        if enhance_type is not UNSET:
            field_dict["enhance_type"] = enhance_type
        if finetune_settings is not UNSET:
            field_dict["finetune_settings"] = finetune_settings
        if parent_image_id is not UNSET:
            field_dict["parent_image_id"] = parent_image_id
        if preset_id is not UNSET:
            field_dict["preset_id"] = preset_id
        if privacy is not UNSET:
            field_dict["privacy"] = privacy
        if rating is not UNSET:
            field_dict["rating"] = rating
        if restage is not UNSET:
            field_dict["restage"] = restage
        if s_3_put_object_url is not UNSET:
            field_dict["s3PutObjectUrl"] = s_3_put_object_url
        if scene is not UNSET:
            field_dict["scene"] = scene
        if sky_replacement is not UNSET:
            field_dict["sky_replacement"] = sky_replacement
        if upload_url is not UNSET:
            field_dict["upload_url"] = upload_url
        if upscale is not UNSET:
            field_dict["upscale"] = upscale
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if window_pull is not UNSET:
            field_dict["window_pull"] = window_pull
        if window_pull_type is not UNSET:
            field_dict["window_pull_type"] = window_pull_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.finetune_settings import FinetuneSettings  # noqa: PLC0415
        from ..models.image_created_out_restage_type_0 import ImageCreatedOutRestageType0  # noqa: PLC0415
        from ..models.metadata import Metadata  # noqa: PLC0415

        d = dict(src_dict)
        date_added = d.pop("date_added")

        downloaded = d.pop("downloaded")

        enhance = d.pop("enhance")

        image_id = d.pop("image_id")

        image_name = d.pop("image_name")

        lens_correction = d.pop("lens_correction")

        metadata = Metadata.from_dict(d.pop("metadata"))

        def _parse_order_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        order_id = _parse_order_id(d.pop("order_id"))

        def _parse_status(data: object) -> ImageStatus | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = ImageStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ImageStatus | None, data)

        status = _parse_status(d.pop("status"))

        def _parse_status_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        status_reason = _parse_status_reason(d.pop("status_reason"))

        vertical_correction = d.pop("vertical_correction")

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

        def _parse_parent_image_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_image_id = _parse_parent_image_id(d.pop("parent_image_id", UNSET))

        def _parse_preset_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preset_id = _parse_preset_id(d.pop("preset_id", UNSET))

        def _parse_privacy(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        privacy = _parse_privacy(d.pop("privacy", UNSET))

        rating = d.pop("rating", UNSET)

        def _parse_restage(data: object) -> ImageCreatedOutRestageType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                restage_type_0 = ImageCreatedOutRestageType0.from_dict(data)

                return restage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ImageCreatedOutRestageType0 | None | Unset, data)

        restage = _parse_restage(d.pop("restage", UNSET))

        def _parse_s_3_put_object_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        s_3_put_object_url = _parse_s_3_put_object_url(d.pop("s3PutObjectUrl", UNSET))

        scene = d.pop("scene", UNSET)

        sky_replacement = d.pop("sky_replacement", UNSET)

        def _parse_upload_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        upload_url = _parse_upload_url(d.pop("upload_url", UNSET))

        upscale = d.pop("upscale", UNSET)

        def _parse_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_id = _parse_user_id(d.pop("user_id", UNSET))

        def _parse_window_pull(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        window_pull = _parse_window_pull(d.pop("window_pull", UNSET))

        def _parse_window_pull_type(data: object) -> None | Unset | WindowPullType:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                window_pull_type_type_0 = WindowPullType(data)

                return window_pull_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WindowPullType, data)

        window_pull_type = _parse_window_pull_type(d.pop("window_pull_type", UNSET))

        image_created_out = cls(
            date_added=date_added,
            downloaded=downloaded,
            enhance=enhance,
            image_id=image_id,
            image_name=image_name,
            lens_correction=lens_correction,
            metadata=metadata,
            order_id=order_id,
            status=status,
            status_reason=status_reason,
            vertical_correction=vertical_correction,
            ai_version=ai_version,
            cloud_type=cloud_type,
            enhance_type=enhance_type,
            finetune_settings=finetune_settings,
            parent_image_id=parent_image_id,
            preset_id=preset_id,
            privacy=privacy,
            rating=rating,
            restage=restage,
            s_3_put_object_url=s_3_put_object_url,
            scene=scene,
            sky_replacement=sky_replacement,
            upload_url=upload_url,
            upscale=upscale,
            user_id=user_id,
            window_pull=window_pull,
            window_pull_type=window_pull_type,
        )

        image_created_out.additional_properties = d
        return image_created_out

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
