"""Surveys: many repositories analyzed at once on Dask, results in one SQLite file, one report.

* ``sources`` — the source list (folders, archives, list files) and each source's identity.
* ``task`` — what a Dask worker runs for one source (``analyze_project``, archives through the
  archive reader).
* ``runner`` — the Dask side: a ``LocalCluster`` or an existing scheduler (imports Dask; loaded
  only when a survey runs, never in the browser).
* ``store`` — the SQLite database, written one source per transaction; resumable.
* ``report``, ``presentation`` — the report read back from the database (pure Python: the
  browser runs it on a dropped ``survey.db``), as text, JSON, HTML and the page's view.
"""

from __future__ import annotations

from batuta.survey.report import SurveyReport, load_report, text_report
from batuta.survey.sources import Source, describe, expand
from batuta.survey.store import SurveyStore, open_bytes, open_readonly

__all__ = ["Source", "SurveyReport", "SurveyStore", "describe", "expand", "load_report",
           "open_bytes", "open_readonly", "text_report"]
