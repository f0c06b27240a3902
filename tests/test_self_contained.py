"""Nothing in the project reaches outside the repository: a fresh clone with nothing beside it runs everything.

Walks the code (src/, tests/, bench/, tools/, .ci/, the Makefile and pyproject.toml) and fails on a path that
leaves the repository root: `Path(__file__).parents[n]` or `.parent` chains climbing above it, `..` segments
joined onto a path or used by a shell line, and any mention of the standards folder the team keeps beside
the repository (the project carries its own copy in src/sanshe/interop/standards/).

Python paths are followed from their anchors (`__file__`, `some.module.__file__`) through `Path()`,
`.resolve()`, `.parent`, `.parents[n]`, `/ "part"`, `os.path.dirname/join` and names assigned from them.
"""

import ast
import posixpath
import re
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CODE_DIRS = ("src", "tests", "bench", "tools", ".ci")
CODE_FILES = ("Makefile", "pyproject.toml")
SHELL_SUFFIXES = {"", ".sh", ".bash"}
# Third-party data copied unchanged (its own relative links, e.g. HSDS's csv/datapackage.json, are not ours).
VENDORED = (Path("src/sanshe/interop/standards"),)

# The reference folder that lies beside a developer's checkout (never beside a user's clone), by name.
SIBLING = "".join(["sha", "red"])
# Text naming it: the folder one level up, or its standards subfolder.
OUTSIDE_TEXT = re.compile(rf"\.\./+{SIBLING}\b|\b{SIBLING}/+standards\b")


def code_files(root: Path):
    for name in CODE_FILES:
        if (root / name).is_file():
            yield root / name
    for top in CODE_DIRS:
        for path in sorted((root / top).rglob("*")):
            relative = path.relative_to(root)
            if not path.is_file() or any(relative.is_relative_to(v) for v in VENDORED):
                continue
            if "__pycache__" in relative.parts or "locale" in relative.parts or "vendor" in relative.parts:
                continue
            if path.suffix == ".py" or (top == ".ci" and path.suffix in SHELL_SUFFIXES):
                yield path


def _inside(root: Path, path: str) -> bool:
    normal = Path(posixpath.normpath(path))
    return normal == root or normal.is_relative_to(root)


class _Paths:
    """Evaluates the path expressions of one module whose value is known (anchored at a file of the repository)."""

    def __init__(self, root: Path, file: Path):
        self.root = root
        self.file = file
        self.names: dict[str, str] = {}

    def module_file(self, dotted: str) -> str | None:
        base = self.root / "src" / Path(*dotted.split("."))
        for candidate in (base / "__init__.py", base.with_suffix(".py")):
            if candidate.exists():
                return str(candidate)
        return None

    def dotted(self, node) -> str | None:
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Attribute):
            inner = self.dotted(node.value)
            return f"{inner}.{node.attr}" if inner else None
        return None

    def join(self, base: str, parts) -> str | None:
        texts = []
        for part in parts:
            if not (isinstance(part, ast.Constant) and isinstance(part.value, str)):
                return None
            texts.append(part.value)
        return posixpath.normpath(posixpath.join(base, *texts))

    def value(self, node) -> str | None:
        if isinstance(node, ast.Name):
            if node.id == "__file__":
                return str(self.file)
            return self.names.get(node.id)
        if isinstance(node, ast.Attribute):
            if node.attr == "__file__":
                dotted = self.dotted(node.value)
                return self.module_file(dotted) if dotted else None
            if node.attr == "parent":
                inner = self.value(node.value)
                return posixpath.dirname(inner) if inner else None
            return None
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) and node.value.attr == "parents":
            inner = self.value(node.value.value)
            if inner is None or not isinstance(node.slice, ast.Constant) or not isinstance(node.slice.value, int):
                return None
            for _ in range(node.slice.value + 1):
                inner = posixpath.dirname(inner)
            return inner
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            base = self.value(node.left)
            return self.join(base, [node.right]) if base else None
        if isinstance(node, ast.Call):
            name = self.dotted(node.func) or ""
            last = node.func.attr if isinstance(node.func, ast.Attribute) else name
            if name in {"Path", "pathlib.Path", "PurePath", "PosixPath"} and node.args:
                base = self.value(node.args[0])
                return self.join(base, node.args[1:]) if base else None
            if name in {"os.path.dirname"} and node.args:
                inner = self.value(node.args[0])
                return posixpath.dirname(inner) if inner else None
            if name in {"os.path.abspath", "os.path.realpath", "os.path.normpath"} and node.args:
                return self.value(node.args[0])
            if name == "os.path.join" and node.args:
                base = self.value(node.args[0])
                return self.join(base, node.args[1:]) if base else None
            if name in {"os.environ.get", "os.getenv"} and len(node.args) == 2:
                return self.value(node.args[1])
            if isinstance(node.func, ast.Attribute):
                if last in {"resolve", "absolute", "expanduser"}:
                    return self.value(node.func.value)
                if last == "joinpath":
                    base = self.value(node.func.value)
                    return self.join(base, node.args) if base else None
        return None


def python_escapes(root: Path, file: Path, source: str) -> list[str]:
    tree = ast.parse(source)
    paths = _Paths(root, file)
    found = []
    assignments = sorted(
        (n for n in ast.walk(tree) if isinstance(n, (ast.Assign, ast.AnnAssign)) and n.value is not None),
        key=lambda n: (n.lineno, n.col_offset),
    )
    for assignment in assignments:
        targets = assignment.targets if isinstance(assignment, ast.Assign) else [assignment.target]
        value = paths.value(assignment.value)
        for target in targets:
            if isinstance(target, ast.Name) and value is not None:
                paths.names[target.id] = value
    flagged_lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and OUTSIDE_TEXT.search(node.value):
            found.append(f"line {node.lineno}: names a folder beside the repository: {node.value[:80]!r}")
            continue
        if not isinstance(node, ast.expr) or isinstance(getattr(node, "ctx", None), ast.Store):
            continue
        if node.lineno in flagged_lines:
            continue
        value = paths.value(node)
        if value is not None and not _inside(root, value):
            flagged_lines.add(node.lineno)
            found.append(f"line {node.lineno}: {ast.unparse(node)} leaves the repository ({value})")
    return found


_CD = re.compile(r"\bcd\s+(\"[^\"]*\"|'[^']*'|[^\s;&|]+)")
_WORD = re.compile(r"[^\s;&|<>=]+")


def shell_escapes(root: Path, file: Path, text: str) -> list[str]:
    """Makefile and CI script lines: `..` resolved against the line's `cd` (or the repository root) must stay inside."""
    here = str(file.parent)
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        code = line.split("#", 1)[0] if not line.lstrip().startswith("#") else ""
        for script_dir in ('$(dirname "$0")', "$(dirname $0)", '"$(dirname "$0")"', "${BASH_SOURCE%/*}"):
            code = code.replace(script_dir, here)
        code = code.replace("$(CURDIR)", str(root))
        if OUTSIDE_TEXT.search(code):
            found.append(f"line {number}: names a folder beside the repository: {line.strip()}")
            continue
        for match in _WORD.finditer(code.replace('"', " ").replace("'", " ")):
            token = match.group(0)
            if not re.search(r"(^|/)\.\.(/|$)", token):
                continue
            base = str(root)
            for cd in _CD.finditer(code[: match.start()]):
                target = cd.group(1).strip("\"'")
                if target != token:
                    base = posixpath.join(base, target)
            if not _inside(root, posixpath.join(base, token)):
                found.append(f"line {number}: {token} leaves the repository: {line.strip()}")
    return found


def toml_escapes(text: str) -> list[str]:
    found = []

    def walk(value, where):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}.{key}" if where else key)
        elif isinstance(value, list):
            for item in value:
                walk(item, where)
        elif isinstance(value, str) and (re.search(r"(^|/)\.\.(/|$)", value) or OUTSIDE_TEXT.search(value)):
            found.append(f"{where}: {value}")

    walk(tomllib.loads(text), "")
    return found


def escapes(root: Path, file: Path) -> list[str]:
    text = file.read_text(encoding="utf-8")
    if file.suffix == ".py":
        return python_escapes(root, file, text)
    if file.suffix == ".toml":
        return toml_escapes(text)
    return shell_escapes(root, file, text)


def test_nothing_in_the_code_reaches_outside_the_repository():
    files = list(code_files(REPO))
    assert REPO / "Makefile" in files and REPO / ".ci" / "run" in files and REPO / "pyproject.toml" in files
    assert len([f for f in files if f.suffix == ".py"]) > 100
    found = {str(f.relative_to(REPO)): problems for f in files if (problems := escapes(REPO, f))}
    assert not found, "\n".join(f"{name}: {p}" for name, problems in found.items() for p in problems)


def test_the_vendored_standards_are_the_ones_the_tests_read():
    from sanshe.interop.standards import HSDS, OCDS, OCDS_BIDS

    for folder in (HSDS, OCDS, OCDS_BIDS):
        assert folder.is_relative_to(REPO / "src") and folder.is_dir()
    assert (HSDS / "compiled" / "service.json").is_file() and (OCDS / "release-schema.json").is_file()


# What the suite did before the standards were vendored, and shapes like it: each must be caught.
OLD_PYTHON = {
    "tests/interop/schemas.py": (
        "REPO = Path(__file__).resolve().parents[2]\n"
        f'STANDARD = Path(os.environ.get("SANSHE_X", REPO.parent / "{SIBLING}" / "standards")) / "hsds-3.0"\n'
    ),
    "tests/interop/test_ocds.py": f'"""validates against {"/".join(["..", SIBLING, "standards", "ocds-1.1"])}."""\n',
    "tests/a/b.py": "DATA = Path(__file__).parent.parent.parent.parent / 'data'\n",
    "bench/x.py": "sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', 'lib'))\n",
    "src/sanshe/web/x.py": "ROOT = Path(sanshe.__file__).parents[3]\n",
    "tools/y.py": "HERE = Path(__file__).resolve().parent\nTHERE = HERE.joinpath('..', '..')\n",
}
OLD_SHELL = {
    "Makefile": "test:\n\tcd src && ../../other/bin/pytest\n",
    ".ci/run": 'cd "$(dirname "$0")/../.."\n',
}


@pytest.mark.parametrize("name", sorted(OLD_PYTHON))
def test_the_check_catches_python_that_leaves_the_repository(name):
    assert python_escapes(REPO, REPO / name, OLD_PYTHON[name])


@pytest.mark.parametrize("name", sorted(OLD_SHELL))
def test_the_check_catches_shell_lines_that_leave_the_repository(name):
    assert shell_escapes(REPO, REPO / name, OLD_SHELL[name])


def test_the_check_catches_a_relative_path_in_pyproject():
    assert toml_escapes('[tool.x]\npaths = ["../elsewhere/schemas"]\n')


def test_paths_that_stay_inside_pass():
    inside = (
        "REPO = Path(__file__).resolve().parents[2]\nSRC = REPO / 'src'\nUP = Path(__file__).parent.parent\n"
        "print(os.path.join(os.path.dirname(__file__), '..'))\nURL_PROBE = '../../etc'\n"
    )
    assert python_escapes(REPO, REPO / "tests" / "a" / "b.py", inside) == []
    assert shell_escapes(REPO, REPO / ".ci" / "run", 'cd "$(dirname "$0")/.."\n') == []
    assert shell_escapes(REPO, REPO / "Makefile", "\tcd src/sanshe && ../../$(BIN)/sanshe x\n\techo ...\n") == []
