"""The public core API: the one place the CLI and the browser bridge call.

Each function is a thin delegation to its subpackage so that importing ``batuta`` stays cheap
(subpackages load on first use) and the bridge needs to know only these names.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from batuta.analyze.results import AnalyzeOptions, CodeAnalysis, ProjectAnalysis
    from batuta.analyze.snippet import SnippetKind
    from batuta.app.score import AppScore
    from batuta.backend import BackendDecision, HardwareProfile, ServingRecommendation
    from batuta.convert import Conversion, FileConversion
    from batuta.oracle import ComponentInfo, IntegrationInfo, OracleAnswer, Recipe

from batuta._version import __version__ as __version__  # re-exported (mypy strict)

EXPORTS: tuple[str, ...] = (
    "version",
    "analyze_code",
    "classify_snippet",
    "analyze_project",
    "convert_numpy",
    "convert_sklearn",
    "convert_pytorch",
    "convert_file",
    "convert_project",
    "backend_recommend",
    "app_files",
    "app_view",
    "app_score",
    "chart_encoding",
    "survey_report",
    "oracle",
    "oracle_list",
    "oracle_show",
    "oracle_capabilities",
    "oracle_integrate",
    "oracle_recommend",
    "cookbook_recipes",
    "cookbook_recipe",
    "cookbook_by_tag",
    "cookbook_by_component",
    "cookbook_search",
    "backend_serving",
    "report",
)
"""The API functions JavaScript may call through the browser bridge; nothing else is reachable."""


def version() -> str:
    """The Batuta version string."""
    return __version__


def analyze_code(code: str, filename: str | None = None) -> CodeAnalysis:
    """Analyze one snippet or file's text: language, lines, ML call sites, complexity, TDG."""
    from batuta.analyze.code import analyze_code as _analyze_code

    return _analyze_code(code, filename)


def classify_snippet(text: str) -> SnippetKind:
    """Is this text code (and in which language), English prose, or blank? With the reason."""
    from batuta.analyze.snippet import classify_snippet as _classify

    return _classify(text)


def analyze_project(
    source: str | Path | Mapping[str, bytes], options: AnalyzeOptions | None = None
) -> ProjectAnalysis:
    """Analyze a directory (native) or a mapping of relative path -> bytes (browser upload)."""
    from batuta.analyze.project import analyze_project as _analyze_project

    return _analyze_project(source, options)


def convert_numpy(code: str, data_size: int = 1000) -> Conversion:
    """Convert NumPy usage to Trueno."""
    from batuta.convert import convert_numpy as _convert

    return _convert(code, data_size=data_size)


def convert_sklearn(code: str, data_size: int = 1000) -> Conversion:
    """Convert scikit-learn usage to Aprender."""
    from batuta.convert import convert_sklearn as _convert

    return _convert(code, data_size=data_size)


def convert_pytorch(code: str, data_size: int = 1_000_000) -> Conversion:
    """Convert PyTorch / transformers usage to Realizar."""
    from batuta.convert import convert_pytorch as _convert

    return _convert(code, data_size=data_size)


def convert_file(code: str, filename: str = "module.py") -> FileConversion:
    """Convert a whole Python file (all three frameworks) into one Rust module."""
    from batuta.convert import convert_file as _convert

    return _convert(code, filename)


def convert_project(files: Mapping[str, bytes | str], crate_name: str = "converted") -> bytes:
    """Convert a project (relative path -> bytes or text) into a Cargo crate: the zip's bytes
    (``<crate_name>/Cargo.toml``, ``src/``, ``CONVERSION.md``); the browser's download."""
    from batuta.convert.project import convert_project as _convert
    from batuta.convert.project import crate_zip
    from batuta.errors import InvalidArgumentError

    if not isinstance(files, Mapping):
        raise InvalidArgumentError("convert_project takes a mapping of relative path -> bytes "
                                   f"or text, not {type(files).__name__}")
    return crate_zip(_convert(files, crate_name))


def backend_recommend(
    operation: str, data_size: int, hardware: HardwareProfile | Mapping[str, Any] | None = None
) -> BackendDecision:
    """Recommend Scalar / SIMD / GPU for an operation at a data size (SPEC.md §6)."""
    from batuta.backend import backend_recommend as _recommend

    return _recommend(operation, data_size, hardware)


def app_files(app_yaml: str) -> list[str]:
    """Relative paths of the files a YAML app reads (the browser runner fetches these)."""
    from batuta.app.view import app_from_text, files_needed

    return files_needed(app_from_text(app_yaml)[0])


def app_view(app_yaml: str, files: Mapping[str, str] | None = None,
             state: Mapping[str, Any] | None = None, analysis: Mapping[str, Any] | None = None,
             width: int = 1280, chart_encodings: bool = False,
             scale: float = 1.0) -> dict[str, Any]:
    """Validate a YAML app and build its JSON view model for one UI state (SPEC.md §9);
    ``scale`` is the device pixel ratio the chart encodings are drawn at (1..3)."""
    from batuta.app.view import app_from_text, build_view

    app, app_files_ = app_from_text(app_yaml, files)
    return build_view(app, app_files_, state=state, analysis=analysis, width=width,
                      chart_encodings=chart_encodings, scale=scale)


def app_score(app_yaml: str, files: Mapping[str, str] | None = None,
              analysis: Mapping[str, Any] | None = None) -> AppScore:
    """The app quality score (weights 25/20/20/15/10/10) and grade."""
    from batuta.app.view import app_from_text, score

    app, app_files_ = app_from_text(app_yaml, files)
    return score(app, app_files_, analysis=analysis)


def chart_encoding(analysis: Mapping[str, Any], width: int = 1280,
                   height: int = 720, theme: str = "light", scale: float = 1.0) -> dict[str, Any]:
    """The analysis charts as a GPU encoding for ``web/render/webgpu.js`` (pure Python);
    ``theme`` is a chart theme ("light" or "dark": the playground follows the page's);
    ``width`` x ``height`` are CSS pixels and ``scale`` the device pixel ratio (1..3): the
    encoding is ``scale`` times larger each way, with text rasterized at that size."""
    from batuta.analyze._json_shape import check_analysis_json
    from batuta.analyze.results import ProjectAnalysis
    from batuta.render import chart_encoding as _encode

    if not isinstance(analysis, ProjectAnalysis):  # JSON from the page is checked first
        analysis = check_analysis_json(analysis, complete=True)
    return _encode(analysis, width=width, height=height, theme=theme, scale=scale)


def survey_report(db: bytes | str | Path, format: str = "json", width: int | None = None,
                  scale: float = 1.0) -> Any:
    """The report of a survey database (``batuta survey``): its bytes (the browser's dropped
    file) or its path; ``format`` is ``text``, ``json``, ``html``, ``view`` (the page's
    tables and chart encodings) or ``charts`` (the encodings alone), the charts laid out for a
    column ``width`` CSS px wide and drawn at the pixel ratio ``scale``. No Dask, no NumPy."""
    from batuta.survey.presentation import render_report
    from batuta.survey.report import load_report
    from batuta.survey.store import open_bytes, open_readonly

    conn = open_bytes(db) if isinstance(db, bytes) else open_readonly(Path(db))
    try:
        return render_report(load_report(conn), format, width, scale)
    finally:
        conn.close()


def oracle(query: str | None = None, *, data_size: int | str | None = None,
           hardware: HardwareProfile | Mapping[str, Any] | None = None,
           analysis: ProjectAnalysis | Mapping[str, Any] | None = None,
           nodes: int | None = None) -> OracleAnswer:
    """Ask the Oracle in plain words: component, backend, distribution, example (SPEC.md §11).

    ``analysis`` (a project analysis or its JSON) answers for that project: its frameworks and
    call sites seed the query. The backend is ``backend_recommend``'s, so both always agree.
    """
    from batuta.oracle import ask

    return ask(query, data_size=data_size, hardware=hardware, analysis=analysis, nodes=nodes)


def oracle_list() -> list[ComponentInfo]:
    """Every stack component, registration order."""
    from batuta.oracle import list_components

    return list_components()


def oracle_show(name: str) -> ComponentInfo:
    """One component: version, layer, capabilities, integrations, recipes."""
    from batuta.oracle import show_component

    return show_component(name)


def oracle_capabilities(name: str) -> list[str]:
    """A component's capability names."""
    from batuta.oracle import capabilities

    return capabilities(name)


def oracle_integrate(from_component: str, to_component: str) -> IntegrationInfo | None:
    """The integration pattern from one component to another, or None."""
    from batuta.oracle import integrate

    return integrate(from_component, to_component)


def oracle_recommend(problem: str | None = None, *, data_size: int | str | None = None,
                     hardware: HardwareProfile | Mapping[str, Any] | None = None
                     ) -> OracleAnswer:
    """A recommendation for a problem statement (default "general ML task")."""
    from batuta.oracle import ask

    return ask(problem or "general ML task", data_size=data_size, hardware=hardware)


def cookbook_recipes() -> list[Recipe]:
    """Every cookbook recipe, registration order."""
    from batuta.oracle.cookbook import recipes

    return list(recipes())


def cookbook_recipe(recipe_id: str) -> Recipe | None:
    """The recipe with exactly this id, or None."""
    from batuta.oracle.cookbook import get

    return get(recipe_id)


def cookbook_by_tag(tag: str) -> list[Recipe]:
    """Recipes with a tag (case-insensitive)."""
    from batuta.oracle.cookbook import find_by_tag

    return find_by_tag(tag)


def cookbook_by_component(component: str) -> list[Recipe]:
    """Recipes using a component (case-insensitive)."""
    from batuta.oracle.cookbook import find_by_component

    return find_by_component(component)


def cookbook_search(text: str) -> list[Recipe]:
    """Recipes whose title, problem or tags contain the text."""
    from batuta.oracle.cookbook import search

    return search(text)


def backend_serving(privacy: str = "Sovereign", latency: str = "Interactive"
                    ) -> ServingRecommendation:
    """Serving backends a privacy tier allows, ordered for a latency tier (SPEC.md §6)."""
    from batuta.backend import recommend_serving

    return recommend_serving(privacy, latency)


def report(analysis: ProjectAnalysis | Mapping[str, Any], format: str = "html",
           state: Mapping[str, Any] | None = None) -> str:
    """The migration report of an analyzed project: ``html`` (one self-contained file with
    inline SVG charts), ``markdown``, ``json`` or ``text``. Pure Python (the browser worker
    builds the same file); ``state`` is a ``.batuta-state.json`` object when there is one."""
    from batuta.report.migration import migration_report

    return migration_report(analysis, format, state=state)
