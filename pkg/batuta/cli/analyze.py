"""``batuta analyze``: run the project analysis, print the report, record the Analysis phase.

Re-analyzing is cheap, so the analysis always runs. What ``--force`` guards is the workflow:
once later phases (Transpilation, ...) have started they depend on the recorded analysis, so
recording a new one resets them, and that happens only when the user asks for it. Without
``--force`` the report is still printed and the state is left as it was, with a note saying so.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from batuta._serialize import to_jsonable
from batuta.cli._common import (
    EXIT_OK,
    add_common_options,
    print_json,
    stdout_console,
    warn,
)
from batuta.errors import (
    BatutaError,
    FeatureUnavailableError,
    InvalidArgumentError,
    OutputWriteError,
    SourceNotFoundError,
    StateFileError,
)
from batuta.workflow.state import (
    PHASES,
    PhaseStatus,
    WorkflowState,
    load_state,
    save_state,
    state_path,
)

if TYPE_CHECKING:
    from batuta.analyze.results import ProjectAnalysis

PHASE = "Analysis"
PLOT_SIZE = (1280, 720)
REPORT_WIDTH = 100

# Which report sections and JSON keys each flag selects; no flag selects everything.
FLAG_SECTIONS = {"languages": ("languages",), "dependencies": ("dependencies",),
                 "tdg": ("tdg", "complexity")}
FLAG_KEYS = {"languages": ("languages", "primary_language", "transpilers", "files"),
             "dependencies": ("dependencies",), "tdg": ("tdg", "functions")}
ALWAYS_KEYS = ("root", "duration_s", "total_files", "skipped")


def register(subparsers: Any) -> None:
    """Add the ``analyze`` sub-command."""
    parser = subparsers.add_parser(
        "analyze", help="analyze a project: languages, dependencies, ML frameworks, TDG",
        description="Analyze the project at PATH and record the Analysis phase in "
                    "PATH/.batuta-state.json. Section flags choose what is shown; "
                    "without any, everything is.")
    parser.add_argument("path", nargs="?", default=".", metavar="PATH",
                        help="project directory (default: the current directory)")
    parser.add_argument("--languages", action="store_true",
                        help="languages, line counts and recommended transpilers")
    parser.add_argument("--dependencies", action="store_true", help="dependency manifests")
    parser.add_argument("--tdg", action="store_true",
                        help="technical-debt grade and the most complex functions")
    parser.add_argument("--force", action="store_true",
                        help="record this analysis even though later phases have started "
                             "(resets them)")
    parser.add_argument("--no-state", action="store_true",
                        help="neither read nor write .batuta-state.json (read-only trees)")
    parser.add_argument("--plot", metavar="OUT.png", type=Path,
                        help="also write a chart of the analysis as a PNG")
    parser.add_argument("--html", metavar="OUT.html", type=Path,
                        help="also write the charts as standalone interactive HTML (Bokeh, "
                             "works offline; batuta[desktop])")
    parser.add_argument("--show", action="store_true",
                        help="also show the charts in a live desktop window (wgpu-py; "
                             "batuta[desktop])")
    add_common_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Analyze ``args.path``; exit code 0 on success (errors raise ``BatutaError``)."""
    root = _project_root(args.path)
    flags = [name for name in FLAG_SECTIONS if getattr(args, name)]
    _check_outputs(args)  # before the analysis, not after a long wait
    recorder = _Recorder(root, force=args.force, enabled=not args.no_state)
    analysis = _analyze(root, recorder, args.format)
    if args.plot is not None:
        _write_plot(analysis, args.plot)
    if getattr(args, "html", None) is not None:
        from batuta.desktop.commands import write_analysis_html

        write_analysis_html(analysis, args.html, title=f"Batuta analysis of {root.name}")
    show = bool(getattr(args, "show", False))
    if args.format == "json":
        print_json(_selected_json(analysis, flags))
        if recorder.note:
            warn(recorder.note)
        return _show(analysis, root) if show else EXIT_OK
    _print_report(analysis, flags)
    if args.plot is not None:
        print(f"Chart written to {args.plot}")
    if getattr(args, "html", None) is not None:
        print(f"Interactive charts written to {args.html}")
    print(recorder.note or _recorded_line(recorder))  # plain print: paths must not wrap
    return _show(analysis, root) if show else EXIT_OK


def _check_outputs(args: argparse.Namespace) -> None:
    """Output paths writable and, for ``--show``, a display: checked before analyzing."""
    for out in (args.plot, getattr(args, "html", None)):
        if out is not None:
            _check_output(out)
    if getattr(args, "show", False):
        from batuta.desktop.window import check_display

        check_display(f"batuta analyze {args.path} --plot analysis.png")


def _show(analysis: ProjectAnalysis, root: Path) -> int:
    sys.stdout.flush()  # the report first, then the window blocks
    from batuta.desktop.commands import show_analysis

    return show_analysis(analysis, root)


def _print_report(analysis: ProjectAnalysis, flags: list[str]) -> None:
    from batuta.report.text import analysis_renderables, analysis_report

    sections = None if not flags else [s for f in flags for s in FLAG_SECTIONS[f]]
    if not sys.stdout.isatty():  # files and pipes: plain text, fixed width, no padding
        sys.stdout.write(analysis_report(analysis, sections=sections, width=REPORT_WIDTH) + "\n")
        return
    console = stdout_console()
    for part in analysis_renderables(analysis, sections):
        console.print(part)
        console.print()


def analysis_summary(analysis: ProjectAnalysis) -> dict[str, Any]:
    """What the Analysis phase leaves in the state file for ``status`` and later phases."""
    tdg = analysis.tdg
    return {
        "files": len(analysis.files) or sum(s.files for s in analysis.languages),
        "lines": sum(s.code for s in analysis.languages),
        "primary_language": analysis.primary_language,
        "languages": [s.language for s in analysis.languages],
        "tdg": None if tdg is None else tdg.score,
        "grade": None if tdg is None else tdg.grade,
        "skipped": len(analysis.skipped),
    }


def _project_root(path: str) -> Path:
    root = Path(path)
    if not root.exists():
        raise SourceNotFoundError(f"{path}: no such directory", path=path)
    if not root.is_dir():
        raise InvalidArgumentError(f"{path} is a file; batuta analyze takes a project "
                                   "directory", path=path)
    return root


def _analyze(root: Path, recorder: _Recorder, output_format: str) -> ProjectAnalysis:
    # Imported here, not at the top, so that `batuta --help` does not pay for them.
    from batuta.analyze.results import AnalyzeOptions
    from batuta.api import analyze_project
    from batuta.cli._progress import ProgressBar, progress_wanted

    recorder.begin()
    started = time.perf_counter()
    try:
        with ProgressBar("Analyzing", enabled=progress_wanted(output_format)) as bar:
            analysis = analyze_project(root, AnalyzeOptions(progress=bar))
    except BatutaError as exc:
        recorder.fail(f"{exc.code}: {exc.message}")
        raise
    except KeyboardInterrupt:
        recorder.fail("interrupted")
        raise
    except Exception as exc:
        recorder.fail(f"unexpected {type(exc).__name__}: {exc}")
        raise
    recorder.finish(analysis, time.perf_counter() - started)
    return analysis


def _selected_json(analysis: ProjectAnalysis, flags: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = to_jsonable(analysis)
    if not flags:
        return data
    keep = set(ALWAYS_KEYS).union(*(FLAG_KEYS[f] for f in flags))
    return {key: value for key, value in data.items() if key in keep}


def _recorded_line(recorder: _Recorder) -> str:
    if not recorder.enabled:
        return "Workflow state not recorded (--no-state)."
    return f"✓ Analysis recorded in {state_path(recorder.root)}"


class _Recorder:
    """Moves the Analysis phase through InProgress -> Completed / Failed in the state file."""

    def __init__(self, root: Path, *, force: bool, enabled: bool) -> None:
        self.root = root
        self.enabled = enabled
        self.active = enabled
        self.note: str | None = None
        self.state = self._load() if enabled else WorkflowState()
        later = [p.name for p in self.state.phases[1:] if p.status is not PhaseStatus.NOT_STARTED]
        if self.active and later and not force:
            self.active = False
            self.note = (f"Later phases ({', '.join(later)}) depend on the recorded analysis, "
                         "so the workflow state was left as it was. Run batuta analyze --force "
                         "to record this analysis and reset them.")
        elif self.active and later:
            self.state = self.state.reset_from(PHASES[1])
            self.note = (f"--force: recorded this analysis and reset {', '.join(later)} "
                         f"in {state_path(root)}")

    def _load(self) -> WorkflowState:
        try:
            return load_state(self.root)
        except StateFileError as exc:
            raise StateFileError(
                f"{exc.message}. Run 'batuta reset --yes {self.root}' to keep it as a "
                ".corrupt backup and start over, or use --no-state", **exc.details) from exc

    def begin(self) -> None:
        if not self.active:
            return
        self.state = self.state.start(PHASE)
        try:
            save_state(self.root, self.state)
        except StateFileError as exc:
            raise StateFileError(f"{exc.message}. Use --no-state to analyze without recording "
                                 "the workflow", **exc.details) from exc

    def fail(self, reason: str) -> None:
        if not self.active:
            return
        self.state = self.state.fail(PHASE, reason)
        with contextlib.suppress(StateFileError):  # the original error matters more
            save_state(self.root, self.state)

    def finish(self, analysis: ProjectAnalysis, elapsed_s: float) -> None:
        if not self.active:
            return
        self.state = self.state.complete(PHASE, duration_s=elapsed_s,
                                         summary=analysis_summary(analysis))
        save_state(self.root, self.state)


def _check_output(out: Path) -> None:
    parent = out.parent
    if not parent.is_dir():
        raise OutputWriteError(f"cannot write {out}: directory {parent} does not exist",
                               path=str(out))
    if out.is_dir():
        raise OutputWriteError(f"cannot write {out}: it is a directory", path=str(out))


def _write_plot(analysis: ProjectAnalysis, out: Path) -> None:
    try:
        from batuta.render import analysis_png  # type: ignore[attr-defined,unused-ignore]
    except ImportError as exc:
        raise FeatureUnavailableError(
            f"cannot write {out}: chart rendering is not available in this installation "
            f"({exc})", path=str(out)) from exc
    png: bytes = analysis_png(analysis, width=PLOT_SIZE[0], height=PLOT_SIZE[1])
    try:
        out.write_bytes(png)
    except OSError as exc:
        raise OutputWriteError(f"cannot write {out}: {exc.strerror or exc}",
                               path=str(out)) from exc


__all__ = ["analysis_summary", "register", "run"]
