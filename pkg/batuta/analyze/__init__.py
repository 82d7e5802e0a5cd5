"""Analysis of source code: languages and line counts, dependencies, ML framework call sites,
complexity, and the technical-debt grade (TDG), for one snippet or a whole project."""

from batuta.analyze._tree import UploadedFiles
from batuta.analyze.results import (
    AnalyzeOptions,
    CodeAnalysis,
    FrameworkCallSite,
    FunctionComplexity,
    ProjectAnalysis,
    TDGResult,
)

__all__ = [
    "AnalyzeOptions",
    "CodeAnalysis",
    "FrameworkCallSite",
    "FunctionComplexity",
    "ProjectAnalysis",
    "TDGResult",
    "UploadedFiles",
]
