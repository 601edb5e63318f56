"""Configuration: ``[tool.fiscallint]`` in ``pyproject.toml`` or a ``fiscallint.toml``.

The configuration of a file is the first one found walking up from the file's folder
(``fiscallint.toml`` wins over ``pyproject.toml`` in the same folder). Unknown keys and
ill-typed values raise :class:`ConfigError` naming the key.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .errors import ConfigError
from .patterns import lazy

CONFIG_FILES = ("fiscallint.toml", "pyproject.toml")
DEFAULT_BASELINE = "fiscallint-baseline.json"
CODE_RE = lazy(r"^[A-Z]+\d{0,4}$")
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Selection:
    """One layer of rule selection (a config file or the command line), applied in order."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


@dataclass
class Config:
    """A parsed configuration; ``root`` is the folder relative paths are resolved against."""

    root: Path
    source: Path | None = None
    selection: Selection = Selection()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    tolerance: dict[str, Decimal] = field(default_factory=dict)
    year: int | None = None
    exclude: tuple[str, ...] = ()
    baseline: str = DEFAULT_BASELINE

    @property
    def baseline_path(self) -> Path:
        return self.root / self.baseline

    def relative(self, path: str | os.PathLike[str]) -> str:
        """``path`` relative to the config root, with forward slashes (or as given when outside)."""
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(self.root.resolve() if self.root.exists() else self.root).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """Codes ignored for this file by ``per-file-ignores`` (glob on the relative path or name)."""
        rel = self.relative(path)
        name = os.path.basename(path)
        codes: list[str] = []
        for pattern, ignored in self.per_file_ignores.items():
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(name, pattern):
                codes.extend(ignored)
        return tuple(codes)

    def excluded(self, path: str) -> bool:
        rel = self.relative(path)
        parts = rel.split("/")
        return any(
            fnmatch.fnmatch(rel, pattern) or any(fnmatch.fnmatch(part, pattern) for part in parts)
            for pattern in self.exclude
        )


def selected_codes(known: list[str], layers: list[Selection], ignored: tuple[str, ...] = ()) -> list[str]:
    """Apply selection layers in order (config first, then the command line) to known codes."""
    chosen = set(known)
    for layer in layers:
        if layer.select is not None:
            chosen = {c for c in known if _matches(c, layer.select)}
        chosen |= {c for c in known if _matches(c, layer.extend_select)}
        chosen -= {c for c in known if _matches(c, layer.ignore)}
    chosen -= {c for c in known if _matches(c, ignored)}
    return [c for c in known if c in chosen]


def _matches(code: str, prefixes: tuple[str, ...]) -> bool:
    return any(code.startswith(p) for p in prefixes)


# --- reading -------------------------------------------------------------------------------

def discover(start: str | os.PathLike[str]) -> Config:
    """The configuration governing ``start`` (a file or a folder); defaults when there is none."""
    folder = Path(os.path.abspath(start))
    if not folder.is_dir():
        folder = folder.parent
    for directory in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.exists():  # a FIFO or device by that name is refused, not skipped
                table = _table(candidate)
                if table is not None:
                    return parse(table, candidate)
    return Config(root=Path(os.getcwd()))


def load(path: str | os.PathLike[str]) -> Config:
    """Read an explicitly named configuration file (``--config``)."""
    candidate = Path(path)
    if not candidate.exists():
        raise ConfigError(f"{path}: no such configuration file")
    return parse(_table(candidate) or {}, candidate)


def _table(path: Path) -> dict[str, object] | None:
    """The fiscallint table of a configuration file; only a regular file of at most
    ``MAX_TEXT_BYTES`` is read (a FIFO, a device or a folder by that name is a ConfigError)."""
    import tomllib  # only where a configuration file is found (a run without one spares its import)

    from .errors import InputError
    from .source import MAX_TEXT_BYTES, read_regular

    try:
        data = tomllib.loads(read_regular(os.fspath(path), MAX_TEXT_BYTES).decode("utf-8"))
    except InputError as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: arrays or tables nested too deeply") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        section = tool.get("fiscallint") if isinstance(tool, dict) else None
        return section if isinstance(section, dict) else None
    section = data.get("tool", {}).get("fiscallint") if isinstance(data.get("tool"), dict) else None
    return section if isinstance(section, dict) else data


KEYS = ("select", "extend-select", "ignore", "per-file-ignores", "severity", "tolerance", "year", "exclude", "baseline")


def parse(table: dict[str, object], source: Path) -> Config:
    """Validate a ``[tool.fiscallint]`` table; errors name the file and the key."""
    where = f"{source}: [tool.fiscallint]" if source.name == "pyproject.toml" else f"{source}:"
    for key in table:
        if key not in KEYS:
            raise ConfigError(f"{where} unknown key '{key}' (known: {', '.join(KEYS)})")
    select = table.get("select")
    config = Config(root=source.parent.resolve(), source=source)
    config.selection = Selection(
        select=_codes(select, "select", where) if select is not None else None,
        extend_select=_codes(table.get("extend-select", []), "extend-select", where),
        ignore=_codes(table.get("ignore", []), "ignore", where),
    )
    pfi = _mapping(table.get("per-file-ignores", {}), "per-file-ignores", where)
    config.per_file_ignores = {glob: _codes(codes, f"per-file-ignores.{glob}", where) for glob, codes in pfi.items()}
    for code, level in _mapping(table.get("severity", {}), "severity", where).items():
        if level not in SEVERITIES:
            raise ConfigError(f"{where} severity.{code}: expected one of {', '.join(SEVERITIES)}, got {level!r}")
        config.severity[_code(code, "severity", where)] = level
    for code, value in _mapping(table.get("tolerance", {}), "tolerance", where).items():
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            amount = Decimal(-1)
        if isinstance(value, bool) or not isinstance(value, (int, float, str)) or not amount.is_finite() or amount < 0:
            raise ConfigError(f"{where} tolerance.{code}: expected a non-negative finite number, got {value!r}")
        code = _code(code, "tolerance", where)
        if not takes_option(code, "tolerance"):
            raise ConfigError(f"{where} tolerance.{code}: no rule {code}… takes a tolerance (see `fiscallint explain {code}`)")
        config.tolerance[code] = amount
    year = table.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1990 <= year <= 2100):
        raise ConfigError(f"{where} year: expected a year such as 2024, got {year!r}")
    config.year = year
    exclude = table.get("exclude", [])
    if not isinstance(exclude, list) or not all(isinstance(x, str) for x in exclude):
        raise ConfigError(f"{where} exclude: expected a list of glob patterns")
    config.exclude = tuple(exclude)
    baseline = table.get("baseline", DEFAULT_BASELINE)
    if not isinstance(baseline, str) or not baseline:
        raise ConfigError(f"{where} baseline: expected a file name")
    from .source import REPORT_SUFFIXES

    if baseline.lower().endswith(REPORT_SUFFIXES):  # writing it would destroy a report
        raise ConfigError(f"{where} baseline: {baseline!r} is a report's file name; a baseline is a .json file")
    if not inside(config.root, config.root / baseline):
        raise ConfigError(f"{where} baseline: {baseline!r} is outside the configuration's folder {config.root}; refusing to write there")
    config.baseline = baseline
    return config


def inside(root: Path, candidate: Path) -> bool:
    """Whether ``candidate`` (symlinks resolved, ``..`` followed) lies in the folder ``root``."""
    try:
        candidate.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return candidate.resolve() != root.resolve()


def _mapping(value: object, key: str, where: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} {key}: expected a table")
    return value


def _codes(value: object, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ConfigError(f"{where} {key}: expected a list of rule codes or prefixes")
    return tuple(_code(x, key, where) for x in value)


def _code(value: str, key: str, where: str) -> str:
    code = value.strip().upper()
    if not CODE_RE.match(code):
        raise ConfigError(f"{where} {key}: {value!r} is not a rule code or prefix (e.g. FL2, FL204)")
    if not known_code(code):
        raise ConfigError(f"{where} {key}: unknown rule code or prefix {code} (see `fiscallint rules`)")
    return code


def takes_option(code: str, option: str) -> bool:
    """Whether a rule the code or prefix names declares ``option`` in its schema (``Rule.options``)."""
    from .registry import all_rules

    return any(c.startswith(code) and any(o.name == option for o in cls.options) for c, cls in all_rules().items())


def known_code(code: str) -> bool:
    """Whether a code or prefix names at least one available rule (FL000 is the internal one)."""
    from .registry import all_rules

    return code == "FL000" or any(c.startswith(code) for c in all_rules())
