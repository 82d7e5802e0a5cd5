"""Every bound Batuta puts on untrusted input, in one place, each with the reason for its value.

SPEC.md §10: anything a user hands the program is untrusted and must end in a typed error within
seconds and bounded memory. The layers (analysis, converters, app loader, JS bridge, browser
pages) import their bounds from here; ``build.py`` writes the ones JavaScript needs into
``dist/limits.json`` and into the page guard (``batuta-guard.js``), so there is one source of
truth. README.md ("Bad input") lists them. This module imports nothing from Batuta, so every
layer, core or presentation, may import it.
"""

from __future__ import annotations

# --- analysis ----------------------------------------------------------------------------------
MAX_CODE_CHARS = 8 * 1024 * 1024
"""``analyze_code``'s text and the project walk's default file bound (8 MiB). The largest
hand-written source files seen in real projects (SQLite's amalgamation, 9 MB, is generated) stay
well under it, and at the measured ~40 MB/s of counting it is a fraction of a second."""

MAX_LINE_CHARS = 1_000_000
"""Longest line analyzed; a longer one is minified code or embedded data, not source."""

MEMORY_FACTOR = 256
"""Memory budget of analyzing one Python file: at most this many bytes per input character,
plus ``MEMORY_FLOOR_BYTES``. Measured peaks of ``ast.parse`` (ru_maxrss, CPython 3.11): 40-120
bytes a character on real code (123 for ``analyze_code`` on 2 MiB of this project's sources),
but 920 on a file of ``x`` lines and 700 on lines of 150-deep lists (issue 16: 7.2 GiB for
8 MiB). 64x, the issue's example, would refuse ordinary code; 256x keeps a 2x margin over it,
refuses the pathological shapes, and caps an 8 MiB file at 2 GiB, half of the browser worker's
4 GB. The tree's size is estimated before parsing (``AST_BYTES_PER_*``) and a file over budget
is refused (``analyze_code``) or listed as not measured (``analyze_project``)."""

MEMORY_FLOOR_BYTES = 64 * 1024 * 1024
"""Added to every budget so that small inputs are never refused for their shape."""

AST_BYTES_PER_WORD = 350
"""Estimated parse cost of one identifier/number/keyword (fitted to the peaks above)."""

AST_BYTES_PER_BRACKET = 1400
"""Estimated parse cost of one opening bracket (a list, call or tuple node and its parser
state)."""

AST_BYTES_PER_LINE = 1500
"""Estimated parse cost of one line (a statement node, its position fields, tokenizer state).
The three together over-estimate real code by 1.0-1.6x and the attack shapes by 1.0-1.1x."""

LIZARD_MAX_CHARS = 500_000
"""Lizard reads about 200-300 KB/s here (0.8 MB of C in 3.7 s, a 1.4 MB one-line JS file in 10
s), so beyond this a non-Python file's complexity is listed as not measured, not stalled on."""

LIZARD_MAX_LINE_CHARS = 10_000
"""Lizard's tokenizer slows down sharply on very long lines; such files are not measured."""

MAX_GITIGNORE_BYTES = 1024 * 1024
"""A ``.gitignore`` over 1 MiB is not a hand-written ignore file; it is not read."""

MAX_GITIGNORE_PATTERNS = 10_000
"""Patterns used from one ``.gitignore``: each is tried on every path below it."""

MAX_GITIGNORE_PATTERN_CHARS = 4096
"""Longest ``.gitignore`` line compiled (git's own path limit is 4096)."""

MAX_REPORT_BYTES = 16 * 1024 * 1024
"""Manifests and coverage reports followed by reference (``-r other.txt``, lcov)."""

MAX_INCLUDE_DEPTH = 32
"""``-r`` chains deeper than this are reported instead of followed."""

MAX_REQUIREMENT_CHARS = 10_000
"""Longest single requirement line parsed; PEP 508 strings are short."""

MAX_MANIFEST_YAML_NODES = 100_000
"""Node budget of a YAML manifest (environment.yml, pnpm-lock.yaml): aliases count per use, so
a merge-key or alias fan-out stops here instead of running for minutes."""

MAX_XML_BYTES = 16 * 1024 * 1024
"""Largest ``pom.xml`` parsed (DTDs and entities are refused whatever the size)."""

# --- archives ----------------------------------------------------------------------------------
MAX_ARCHIVE_ENTRIES = 20_000
"""Entries in one dropped archive (a large monorepo checkout has ~10 K source files)."""

MAX_ARCHIVE_BYTES = 256 * 1024 * 1024
"""Expanded bytes of one archive, headers' payloads (GNU long names, pax) included."""

MAX_ARCHIVE_RATIO = 100.0
"""Expansion ratio over which an archive is a bomb (source code compresses 5-10:1)."""

ARCHIVE_RATIO_FLOOR = 1024 * 1024
"""Below this many expanded bytes a ratio says nothing (headers dominate tiny archives)."""

MAX_TAR_HEADER_BYTES = 1024 * 1024
"""Largest GNU long-name / pax header payload (a path is at most 4 KiB; pax records are small)."""

# --- converters --------------------------------------------------------------------------------
MAX_SOURCE_CHARS = 2_000_000
"""Largest text a converter (or ``batuta convert``) takes: conversion walks the AST several
times and emits text per construct, so it is bounded tighter than counting."""

MAX_CONVERT_DEPTH = 150
"""Deepest AST the converters walk (recursive visitors; CPython's default limit is 1000)."""

# --- browser bridge and pages ------------------------------------------------------------------
MAX_BRIDGE_STRING_BYTES = 16 * 1024 * 1024
"""Largest string argument accepted across the JS boundary (UTF-8 bytes): twice the largest
file analyzed, so any accepted file fits, while a runaway page cannot exhaust the worker."""

MAX_BRIDGE_BLOB_BYTES = 256 * 1024 * 1024
"""Largest bytes argument (a dropped archive): the archive's own expanded bound."""

MAX_BRIDGE_FILES = 50_000
"""Files a dropped folder may send whole."""

MAX_BRIDGE_LISTED_FILES = 1_000_000
"""Paths a dropped folder may list: only names cross until the walk reads a file."""

MAX_BRIDGE_INT = 10**15
"""Largest integer argument (JS numbers are exact to 2**53)."""

DOCS_MAX_CHARS = 200_000
"""Largest snippet a documentation element analyzes or converts live: it re-runs on every edit,
so it must answer in well under a second."""

EXTENSION_MAX_CHARS = 1_000_000
"""Largest code block the browser extension analyzes (one click, a few seconds at most)."""

# --- apps ----------------------------------------------------------------------------------------
MAX_YAML_BYTES = 10 * 1024 * 1024
"""Largest app file; real ones are a few KB."""

MAX_YAML_NODES = 100_000
"""Node budget of a YAML document: each value counts once per path it is reached by."""

MAX_YAML_ALIASES = 1_000
"""Alias references one document may hold; real files use a handful."""

MAX_YAML_DEPTH = 64
"""Deepest YAML nesting accepted; also what stops recursive aliases."""

MAX_YAML_NUMBER_CHARS = 400
"""Longest numeric scalar converted (a float has 17 significant digits; Python's int() is
quadratic in the digits and refuses 4,300+ by default)."""

MAX_EXPRESSION_CHARS = 4000
"""Longest single ``{{ ... }}`` body."""

MAX_TEMPLATE_CHARS = 100_000
"""Longest string scanned for ``{{ }}`` holes."""

MAX_MARKDOWN_CHARS = 100_000
"""Longest text-widget Markdown rendered."""

MAX_DATA_BYTES = 20 * 1024 * 1024
"""Largest CSV/JSON data file an app reads."""

MAX_DATA_ROWS = 200_000
"""Most rows one app data source may hold."""

# --- state and HTTP ------------------------------------------------------------------------------
MAX_STATE_BYTES = 4 * 1024 * 1024
"""A workflow state file is a few KiB; anything huge is not ours."""

MAX_STATE_DEPTH = 32
"""Deepest nesting shown from a state file's ``summary`` (JSON output is recursive)."""

SERVE_TIMEOUT_S = 30.0
"""Per-connection socket timeout of ``batuta app serve`` (slow clients cannot hold a thread)."""


def js_limits() -> dict[str, int]:
    """The bounds the browser side enforces before calling Python (written by ``build.py``)."""
    return {
        "analyze_code_chars": MAX_CODE_CHARS,
        "convert_chars": MAX_SOURCE_CHARS,
        "docs_chars": DOCS_MAX_CHARS,
        "extension_chars": EXTENSION_MAX_CHARS,
        "bridge_string_bytes": MAX_BRIDGE_STRING_BYTES,
    }
