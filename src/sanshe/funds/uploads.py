"""Receipt scans: which files are accepted, checked by their first bytes as well as their name."""

import pathlib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

RECEIPT_MAX_BYTES = 5 * 1024 * 1024
RECEIPT_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".pdf": "application/pdf"}
MAGIC = {".pdf": (b"%PDF-",), ".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",)}


def check_receipt_file(upload, number: int = 1) -> None:
    """A receipt scan must be a JPEG, PNG or PDF of at most 5 MB, and its content must match its type."""
    name = getattr(upload, "name", "") or ""
    suffix = pathlib.Path(name).suffix.lower()
    if suffix not in RECEIPT_TYPES:
        raise ValidationError(
            _("第 %(n)s 项支出的票据文件“%(name)s”不是图片或 PDF：请上传 JPG、PNG 或 PDF 文件。")
            % {"n": number, "name": pathlib.Path(name).name}
        )
    if upload.size > RECEIPT_MAX_BYTES:
        raise ValidationError(
            _("第 %(n)s 项支出的票据文件有 %(size).1f MB，超过 5 MB：请压缩或拍得小一些再上传。")
            % {"n": number, "size": upload.size / 1024 / 1024}
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in MAGIC[suffix]):
        raise ValidationError(
            _("第 %(n)s 项支出的票据文件内容不是它的扩展名所说的格式，请重新导出为 JPG、PNG 或 PDF。") % {"n": number}
        )
