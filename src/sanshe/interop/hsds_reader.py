"""Read HSDS files into Tables: a CSV package directory, tabular.json, or nested JSON documents."""

import csv
import json
from pathlib import Path

from django.utils.translation import gettext as _

from sanshe.interop.hsds_schema import first_problem
from sanshe.interop.hsds_tables import FILE_TABLES, TABLES, Flattener, Row, Tables


class HsdsImportError(Exception):
    """Bad input, with a message for the person importing (file, row, field, what to do)."""


def problem(row: Row, field: str, text: str) -> HsdsImportError:
    if row.csv:
        return HsdsImportError(
            _("%(file)s 第%(row)s行 字段 %(field)s：%(problem)s")
            % {"file": row.file, "row": row.row, "field": field, "problem": text}
        )
    return HsdsImportError(
        _("%(file)s 第%(row)s项 字段 %(field)s：%(problem)s")
        % {"file": row.file, "row": row.row, "field": f"{row.path}{field}", "problem": text}
    )


def read(path: Path) -> Tables:
    """Every row of `path`, checked against HSDS's types, for duplicates and for NUL; nothing is written."""
    path = Path(path)
    if not path.exists():
        raise HsdsImportError(_("找不到 %(path)s。") % {"path": path})
    tables = Tables()
    try:
        if path.is_dir():
            _read_directory(path, tables)
        elif path.suffix.lower() == ".csv":
            table = FILE_TABLES.get(path.name)
            if table is None:
                raise HsdsImportError(
                    _("%(file)s：不是 HSDS 的表格文件名（应为 services.csv、organizations.csv 等）。")
                    % {"file": path.name}
                )
            _read_csv(path, table, tables)
        else:
            _read_json(path, tables)
    except RecursionError:
        raise HsdsImportError(
            _("%(file)s：嵌套层次太深，不是 HSDS 数据；请检查文件是否完整、格式是否正确。") % {"file": path.name}
        ) from None
    except OSError as exc:
        raise HsdsImportError(
            _("%(file)s：无法读取（%(problem)s）。") % {"file": path.name, "problem": exc.strerror or exc}
        ) from None
    _refuse_conflicts(tables)
    _refuse_bad_values(tables)
    return tables


def _refuse_conflicts(tables: Tables):
    if not tables.conflicts:
        return
    conflict = tables.conflicts[0]
    first, second = conflict.first, conflict.second
    where = _("第%(row)s行") if first.csv else _("第%(row)s项")
    if conflict.field == "id":
        text = _("与 %(file)s %(where)s 的 id 重复（%(id)s）；每个 id 只能出现一次。")
    else:
        text = _("与 %(file)s %(where)s 的 id 相同（%(id)s），但 %(field)s 不同；同一 id 的记录必须一致。")
    raise problem(
        second,
        conflict.field,
        text
        % {
            "file": first.file,
            "where": where % {"row": first.row},
            "id": first.values.get("id"),
            "field": conflict.field,
        },
    )


_SCALARS = (str, int, float, bool)


def _refuse_bad_values(tables: Tables):
    """Ids are text, columns hold one value each, and PostgreSQL text cannot hold U+0000: say where, before any write."""
    for row in tables:
        for field, value in row.values.items():
            if value is None:
                continue
            if (field == "id" or field.endswith("_id")) and not isinstance(value, str):
                raise problem(
                    row, field, _("应为文本（HSDS 的 id 是字符串），这里是%(kind)s。") % {"kind": _kind_name(value)}
                )
            if not isinstance(value, _SCALARS):
                raise problem(row, field, _("应为单个值，这里是%(kind)s。") % {"kind": _kind_name(value)})
            if isinstance(value, str) and "\x00" in value:
                raise problem(row, field, _("含有空字符（NUL），请删除后再导入。"))


def _kind_name(value) -> str:
    if isinstance(value, bool):
        return _("是/否（true/false）")
    if isinstance(value, (int, float)):
        return _("数字")
    if isinstance(value, str):
        return _("文本")
    if isinstance(value, list):
        return _("列表")
    if isinstance(value, dict):
        return _("对象")
    return _("空值")


_TYPE_NAMES = {
    "array": lambda: _("列表"),
    "string": lambda: _("文本"),
    "number": lambda: _("数字"),
    "integer": lambda: _("整数"),
    "object": lambda: _("对象"),
    "boolean": lambda: _("是/否（true/false）"),
    "null": lambda: _("空值"),
}


def _schema_text(found) -> str:
    """HSDS's rule, in the words of the person importing."""
    if found.rule == "type":
        expected = found.expected if isinstance(found.expected, list) else [found.expected]
        names = "、".join(_TYPE_NAMES[t]() for t in expected if t in _TYPE_NAMES)
        return _("HSDS 规定应为%(expected)s。") % {"expected": names}
    if found.rule == "required":
        return _("缺少必填字段（HSDS 规定必须有）。")
    if found.rule == "enum":
        return _("应为以下之一：%(choices)s。") % {"choices": "、".join(map(str, found.expected))}
    return _("不符合 HSDS 规范（%(rule)s）：%(problem)s") % {"rule": found.rule, "problem": found.message}


def _check_schema(document, kind: str, where: Row):
    found = first_problem(document, kind)
    if found is not None:
        raise problem(where, found.field, _schema_text(found))


def _read_directory(directory: Path, tables: Tables):
    files = _package_resources(directory)
    if files is None:
        # No usable descriptor (Open Referral's own example ships a text pointer): go by file names.
        files = [(p, FILE_TABLES[p.name]) for p in sorted(directory.glob("*.csv")) if p.name in FILE_TABLES]
    if not files:
        raise HsdsImportError(
            _("%(file)s：目录里没有 HSDS 的 CSV 文件（如 services.csv、organizations.csv）。") % {"file": directory}
        )
    for path, table in files:
        _read_csv(path, table, tables)


def _package_resources(directory: Path) -> list | None:
    """The CSV resources a datapackage.json lists, or None when there is no real descriptor."""
    descriptor_path = directory / "datapackage.json"
    if not descriptor_path.exists():
        return None
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return None
    files = []
    for resource in descriptor["resources"]:
        if not isinstance(resource, dict) or not isinstance(resource.get("path"), str):
            continue
        relative = Path(resource["path"])
        table = FILE_TABLES.get(relative.name) or FILE_TABLES.get(f"{resource.get('name', '')}.csv")
        if table is None:
            continue
        if relative.is_absolute() or ".." in relative.parts:
            raise HsdsImportError(
                _("datapackage.json：资源路径“%(path)s”必须在数据包目录之内。") % {"path": resource["path"]}
            )
        if not (directory / relative).exists():
            raise HsdsImportError(_("datapackage.json：列出的文件 %(path)s 不存在。") % {"path": resource["path"]})
        files.append((directory / relative, table))
    return files


def _read_csv(path: Path, table: str, tables: Tables):
    required = TABLES[table][2]
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            header_row = Row(table, {}, path.name, 1, csv=True)
            for column in required:
                if column not in header:
                    raise problem(header_row, column, _("缺少必填列；请在第一行加上这一列。"))
            tables.present.add(table)
            for number, record in enumerate(reader, start=2):
                values = {k: v for k, v in record.items() if k is not None}
                tables.add(Row(table, values, path.name, number, csv=True))
    except UnicodeDecodeError:
        raise HsdsImportError(
            _("%(file)s：不是 UTF-8 编码的 CSV 文件；请另存为 UTF-8。") % {"file": path.name}
        ) from None
    except csv.Error as exc:
        raise HsdsImportError(
            _("%(file)s：CSV 格式错误（%(problem)s）。") % {"file": path.name, "problem": exc}
        ) from None


def _read_json(path: Path, tables: Tables):
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise HsdsImportError(_("%(file)s：不是 UTF-8 编码的 JSON 文件。") % {"file": path.name}) from None
    except json.JSONDecodeError as exc:
        raise HsdsImportError(
            _("%(file)s 第%(line)s行第%(column)s列：不是有效的 JSON（%(problem)s）。")
            % {"file": path.name, "line": exc.lineno, "column": exc.colno, "problem": exc.msg}
        ) from None
    hint = path.stem
    if isinstance(document, dict) and isinstance(document.get("contents"), list) and "total_items" in document:
        document = document["contents"]  # an HSDS API page
    if isinstance(document, dict) and document and all(str(k).endswith(".csv") for k in document):
        _read_tabular_json(path.name, document, tables)
        return
    if isinstance(document, dict) and "openapi_url" in document and "id" not in document:
        return  # the API's root document: nothing to import
    items = document if isinstance(document, list) else [document]
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise problem(Row("", {}, path.name, number), "-", _("应为 HSDS 对象（JSON 对象）。"))
        kind = _kind(item, hint)
        where = Row("", {}, path.name, number)
        if kind is None:
            raise problem(where, "id", _("无法识别的 HSDS 对象：缺少 id，或字段不属于服务、机构、地点或分类。"))
        _check_schema(item, kind, where)
        getattr(Flattener(tables, path.name, number), kind)(item)


def _read_tabular_json(file: str, document: dict, tables: Tables):
    """Open Referral's tabular.json: {"services.csv": [rows...], ...}."""
    for name, rows in document.items():
        table = FILE_TABLES.get(name)
        if table is None:
            continue
        if not isinstance(rows, list):
            raise problem(Row(table, {}, file, 1), name, _("HSDS 规定应为%(expected)s。") % {"expected": _("列表")})
        tables.present.add(table)
        for number, record in enumerate(rows, start=1):
            where = Row(table, {}, file, number, path=f"{name}.")
            if not isinstance(record, dict):
                raise problem(where, "-", _("应为 HSDS 对象（JSON 对象）。"))
            # A null in tabular form is an empty cell (Open Referral's own example has them).
            _check_schema({k: v for k, v in record.items() if v is not None}, name, where)
            tables.add(Row(table, dict(record), file, number, path=f"{name}."))


_HINTS = [
    ("taxonomy_term", "taxonomy_term"),
    ("taxonomies", "taxonomy"),
    ("taxonomy", "taxonomy"),
    ("service_at_location", "service_at_location"),
    ("organization", "organization"),
    ("service", "service"),
    ("location", "location"),
]


def _kind(item: dict, hint: str) -> str | None:
    """Which HSDS object a JSON object is: by file name first, then by its fields."""
    if "id" not in item:
        return None
    for word, kind in _HINTS:
        if word in hint:
            return kind
    keys = set(item)
    if "status" in keys:
        return "service"
    if keys & {"service", "location", "service_id", "location_id"} and "location_type" not in keys:
        return "service_at_location"
    if "location_type" in keys:
        return "location"
    if keys & {"taxonomy_detail", "taxonomy_id", "term_uri", "parent_id", "code", "taxonomy"}:
        return "taxonomy_term"
    if keys <= {"id", "name", "description", "uri", "version", "metadata"} and "website" not in keys:
        return "taxonomy" if "version" in keys or "uri" in keys else "organization"
    return "organization"
