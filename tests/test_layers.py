"""The layers the folders name hold in the imports: the foundation knows no web framework and
no domain, the services and the command line load without FastAPI, and a domain reaches
another only through its service, never its router."""

import ast
import subprocess
import sys
from pathlib import Path

import app
from app import fastpath

APP = Path(app.__file__).parent
DOMAINS = frozenset({"applications", "changes", "importer", "keys", "organisations", "postings"})
WEB_FRAMEWORKS = frozenset({"fastapi", "starlette"})


def _modules() -> dict[str, Path]:
    """Every module of the app by dotted name."""
    modules = {}
    for path in sorted(APP.rglob("*.py")):
        parts = path.relative_to(APP.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    return modules


def _imports(path: Path) -> set[str]:
    """The modules `path` imports when it runs, leaving out imports only type checkers read."""
    tree = ast.parse(path.read_text())
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and ast.unparse(block.test) in {"TYPE_CHECKING"}
        for node in ast.walk(block)
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _package(module: str) -> str:
    """`app.postings.service` -> `postings`; `app.cli` -> `cli`."""
    return module.split(".")[1] if module.count(".") else module


def test_the_walk_sees_every_layer_and_domain() -> None:
    packages = {_package(name) for name in _modules() if name.startswith("app.")}
    assert packages >= DOMAINS | {"core", "api", "fastpath", "cli", "main"}


def test_the_foundation_imports_no_web_framework_no_layer_above_and_no_domain() -> None:
    wrong = {
        (name, imported)
        for name, path in _modules().items()
        if _package(name) == "core"
        for imported in _imports(path)
        if imported.split(".")[0] in WEB_FRAMEWORKS
        or (imported.startswith("app.") and _package(imported) != "core")
    }
    assert wrong == set()


def test_the_fast_path_imports_only_the_foundation_and_no_web_framework() -> None:
    wrong = {
        (name, imported)
        for name, path in _modules().items()
        if _package(name) == "fastpath"
        for imported in _imports(path)
        if imported.split(".")[0] in WEB_FRAMEWORKS
        or (imported.startswith("app.") and _package(imported) not in {"core", "fastpath"})
    }
    assert wrong == set()


def test_everything_else_reaches_the_fast_path_through_its_entry_point() -> None:
    """`from app.fastpath import Prepared`, never `app.fastpath.prepared`: what the package
    exports is what may be relied on, and its modules may move."""
    exported = {f"app.fastpath.{name}" for name in fastpath.__all__}
    users = {
        (name, imported)
        for name, path in _modules().items()
        if _package(name) != "fastpath"
        for imported in _imports(path)
        if imported.startswith("app.fastpath")
    }
    assert users, "nothing uses the fast path: the walk is looking in the wrong place"
    assert {
        (name, imported)
        for name, imported in users
        if imported != "app.fastpath" and imported not in exported
    } == set()


def test_outside_the_web_layer_only_routers_and_the_app_import_it() -> None:
    wrong = {
        (name, imported)
        for name, path in _modules().items()
        if _package(name) in DOMAINS | {"cli"} and not name.endswith(".router")
        for imported in _imports(path)
        if imported.startswith("app.api") or imported.split(".")[0] in WEB_FRAMEWORKS
    }
    assert wrong == set()


def test_no_domain_imports_another_domains_router() -> None:
    wrong = {
        (name, imported)
        for name, path in _modules().items()
        if _package(name) in DOMAINS
        for imported in _imports(path)
        if imported.startswith("app.")
        and _package(imported) in DOMAINS - {_package(name)}
        and ".router" in imported
    }
    assert wrong == set()


def test_the_services_and_the_command_line_load_without_fastapi() -> None:
    """In a fresh interpreter, as `openings import` or a worker process starts."""
    services = sorted(
        name for name in _modules() if _package(name) in DOMAINS and not name.endswith(".router")
    )
    assert "app.postings.service" in services
    program = (
        "import importlib, sys\n"
        f"for name in {[*services, 'app.cli']!r}:\n"
        "    importlib.import_module(name)\n"
        f"frameworks = {sorted(WEB_FRAMEWORKS)!r}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in frameworks))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    ).stdout
    assert loaded.strip() == "[]"
