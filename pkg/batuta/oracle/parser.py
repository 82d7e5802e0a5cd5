"""The Oracle's query parser: free text -> domains, algorithms, size, hints, components.

Decided upstream quirks (``../shared/oracle/README.md``, SPEC.md §11):

* Keywords match whole words (quirk 9): a keyword must start at a word boundary and end at
  one, allowing one English inflection ending (``s es ed d ing er ers``), so "training"
  matches "train" but "aprender" never matches "render", "transcript" never "script",
  "exploration" never "lora", "knowledge" never "edge", "destiny" never "tiny".
* The earliest match in the query wins (quirks 1, 2, 10): domains, algorithms and mentioned
  components are ordered by where they first occur in the text; a keyword shared by two
  domains ("cluster") yields both at once, in the keyword table's order. At one position the
  longest name wins ("trueno-db" is not also "trueno").
* Every registered component can be mentioned, ``trueno-zram``, ``trueno-ublk`` and
  ``apr-qa`` included (quirk 3).
* Algorithm names are mapped to the capability that implements them (quirk 4): ``k-means`` ->
  ``kmeans``, ``gradient boosting`` / ``xgboost`` -> ``gbm``, ``whisper`` -> ``speech_recognition``
  and so on; names no capability implements (``transformer``, ``llm``) stay as written.
* Sizes (quirk 11): the first size phrase in the text wins; decimals are read ("1.5m
  samples"); ``k``/``m``/``b`` need a noun after them ("5m rows", not "5m" alone, which may be
  minutes); ``thousand``/``million``/``billion`` and a bare count before a noun ("50000 rows")
  are read too; sizes above 10**18 are not read (no overflow).
* The complexity keyword rule reads "matrix", "matrices" and "matmul" (quirk 12).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from batuta.oracle import facts

MAX_SIZE = 10**18
"""Sizes above this are not read (the backend cost model refuses them as well)."""

_ENDING = r"(?:s|es|ed|d|ing|er|ers)?"

# Algorithm spellings that name a capability under another name (README quirk 4).
ALGORITHM_CAPABILITY: dict[str, str] = {
    "randomforest": "random_forest",
    "linearregression": "linear_regression",
    "logisticregression": "logistic_regression",
    "decisiontree": "decision_tree",
    "gradient_boosting": "gbm",
    "xgboost": "gbm",
    "lightgbm": "gbm",
    "naivebayes": "naive_bayes",
    "k_nearest": "knn",
    "nearest_neighbor": "knn",
    "support_vector": "svm",
    "supportvector": "svm",
    "k_means": "kmeans",
    "principal_component": "pca",
    "dimensionality_reduction": "pca",
    "density_clustering": "dbscan",
    "whisper": "speech_recognition",
    "speech_to_text": "speech_recognition",
    "transcription": "speech_recognition",
    "asr": "speech_recognition",
    "fine_tuning": "lora",
    "finetuning": "lora",
}

_NOUNS = (r"(?:samples?|rows?|records?|examples?|data\s?points?|points?|items?|entries|"
          r"documents?|images?|vectors?|tokens?|observations?|instances?|elements?|users?)")
_NUMBER = r"(\d+(?:\.\d+)?)"
_SIZE_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"(?<![\w.]){_NUMBER}\s*(?:billion|bn)\b"), 10**9),
    (re.compile(rf"(?<![\w.]){_NUMBER}\s*million\b"), 10**6),
    (re.compile(rf"(?<![\w.]){_NUMBER}\s*thousand\b"), 10**3),
    (re.compile(rf"(?<![\w.]){_NUMBER}\s*b\s+{_NOUNS}\b"), 10**9),
    (re.compile(rf"(?<![\w.]){_NUMBER}\s*m\s+{_NOUNS}\b"), 10**6),
    (re.compile(rf"(?<![\w.]){_NUMBER}\s*k\s+{_NOUNS}\b"), 10**3),
    (re.compile(rf"(?<![\w.])(\d[\d,_]*)\s+{_NOUNS}\b"), 1),
)


# Compiled once: a query runs every pattern, and the module-level cache of ``re`` is shared.
_LATENCY_MS = re.compile(r"<\s*\d+(?:\.\d+)?\s*ms\b")
_MEMORY = re.compile(r"(?<!\w)memory(?!\w)")
_LOW_OR_EFFICIENT = re.compile(r"(?<!\w)(low|efficient)(?!\w)")
_FALLBACK_WORDS = tuple(
    (re.compile(rf"(?<!\w)(?:{'|'.join(words)})(?:ger|gest|er|est)?(?!\w)"), samples)
    for words, samples in ((("large", "huge", "big", "massive"), 1_000_000),
                           (("small", "tiny"), 1_000)))
_NODES = re.compile(r"(?<![\w.])(\d{1,4})\s*(?:-\s*)?(?:nodes?|machines?|workers?|servers?|"
                    r"hosts?)\b")
_EDGE_PUNCT = re.compile(r"^\W+|\W+$")
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class ParsedQuery:
    """What the parser read from a query; every list is in query order."""

    original: str
    domains: tuple[str, ...]
    algorithms: tuple[str, ...]
    keywords: tuple[str, ...]
    data_size: int | None
    performance_hints: tuple[str, ...]
    mentioned_components: tuple[str, ...]
    node_count: int | None

    @property
    def primary_domain(self) -> str | None:
        """The domain named first, or None."""
        return self.domains[0] if self.domains else None

    @property
    def primary_algorithm(self) -> str | None:
        """The algorithm named first, or None."""
        return self.algorithms[0] if self.algorithms else None

    @property
    def requires_gpu(self) -> bool:
        """The query asks for a GPU."""
        return "GPURequired" in self.performance_hints

    @property
    def requires_distribution(self) -> bool:
        """The query asks for distribution or names a large data set (over 100K)."""
        return "Distributed" in self.performance_hints or is_large(self.data_size)

    @property
    def requires_sovereign(self) -> bool:
        """The query asks for local-only / sovereign execution."""
        return "Sovereign" in self.performance_hints


def is_large(samples: int | None) -> bool:
    """Upstream's ``DataSize::is_large``: more than 100K samples."""
    return samples is not None and samples > 100_000


# "cluster" is both a verb of unsupervised learning and a group of machines (quirk 9): it
# means machines after an article or a preposition ("across the cluster") or before "of".
_CLUSTER_LEADS = ("a", "the", "multi-node", "node", "my", "our", "your", "across", "on", "over",
                  "to", "per", "whole", "k8s", "kubernetes", "compute", "gpu", "hpc", "spark",
                  "dask", "ray")
_CLUSTER_OF = r"s? of (?:machines|nodes|servers|gpus|computers|workers)"
_MACHINE_CLUSTER = (rf"(?<!\w)(?:{'|'.join(_CLUSTER_LEADS)}) clusters?(?!\w)|"
                    rf"(?<!\w)cluster{_CLUSTER_OF}(?!\w)")
_NOT_AFTER_LEAD = "".join(rf"(?<!\b{lead} )" for lead in _CLUSTER_LEADS)
_SPECIAL: dict[tuple[str, str], str] = {
    ("cluster", "DistributedCompute"): _MACHINE_CLUSTER,
    ("cluster", "Distributed"): _MACHINE_CLUSTER,
    ("cluster", "UnsupervisedLearning"):
        rf"(?<!\w){_NOT_AFTER_LEAD}cluster(?!{_CLUSTER_OF}){_ENDING}(?!\w)",
}


def _word(keyword: str, owner: str = "") -> re.Pattern[str]:
    special = _SPECIAL.get((keyword, owner))
    if special is not None:
        return re.compile(special)
    body = r"\s+".join(re.escape(part) for part in keyword.split())
    return re.compile(rf"(?<!\w){body}{_ENDING}(?!\w)")


@functools.cache
def _domain_table() -> tuple[tuple[re.Pattern[str], str, int], ...]:
    rows = facts.load("parser")["domain_keywords"]["keywords"]
    return tuple((_word(r["keyword"], r["domain"]), r["domain"], i) for i, r in enumerate(rows))


@functools.cache
def _algorithm_table() -> tuple[tuple[re.Pattern[str], str], ...]:
    rows = facts.load("parser")["algorithm_keywords"]["keywords"]
    table = [(r["keyword"], ALGORITHM_CAPABILITY.get(r["normalized"], r["normalized"]))
             for r in rows]
    table.sort(key=lambda row: -len(row[0]))  # longest first: "qlora" before "lora"
    return tuple((_word(k), name) for k, name in table)


@functools.cache
def _component_table() -> tuple[tuple[re.Pattern[str], str, int], ...]:
    rows = []
    for name in facts.component_names():
        for spelling in {name, name.replace("-", " ")}:
            rows.append((_word(spelling), name, len(spelling)))
    return tuple(rows)


@functools.cache
def _hint_table() -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    hints = facts.load("parser")["performance_hints"]["table"]
    return tuple((h["hint"], tuple(_word(k, h["hint"]) for k in h["any_of"])) for h in hints)


def _first_positions(text: str, table: tuple[tuple[re.Pattern[str], str], ...]
                     ) -> list[tuple[int, int, str]]:
    found: dict[str, tuple[int, int]] = {}
    for pattern, name in table:
        match = pattern.search(text)
        if match is None:
            continue
        key = (match.start(), -(match.end() - match.start()))
        if name not in found or key < found[name]:
            found[name] = key
    return sorted((pos, length, name) for name, (pos, length) in found.items())


def _domains(text: str) -> tuple[str, ...]:
    first: dict[str, tuple[int, int]] = {}
    for pattern, domain, order in _domain_table():
        match = pattern.search(text)
        if match is not None and (domain not in first or (match.start(), order) < first[domain]):
            first[domain] = (match.start(), order)
    return tuple(sorted(first, key=lambda d: first[d]))


def _algorithms(text: str) -> tuple[str, ...]:
    hits = _first_positions(text, _algorithm_table())
    taken: list[tuple[int, int]] = []
    names: list[str] = []
    for pos, neg_len, name in hits:
        span = (pos, pos - neg_len)
        if any(a < span[1] and span[0] < b for a, b in taken):
            continue  # inside a longer algorithm name already read ("qlora" holds "lora")
        taken.append(span)
        names.append(name)
    return tuple(names)


def _components(text: str) -> tuple[str, ...]:
    spans: list[tuple[int, int, str]] = []
    for pattern, name, _ in _component_table():
        for match in pattern.finditer(text):
            spans.append((match.start(), -(match.end() - match.start()), name))
    spans.sort()
    names: list[str] = []
    covered_to = -1
    for start, neg_len, name in spans:
        if start < covered_to:
            continue  # "trueno" inside "trueno-db"
        covered_to = start - neg_len
        if name not in names:
            names.append(name)
    return tuple(names)


def _hints(text: str) -> tuple[str, ...]:
    hints = [hint for hint, patterns in _hint_table() if any(p.search(text) for p in patterns)]
    if "LowLatency" not in hints and _LATENCY_MS.search(text):
        hints.insert(0, "LowLatency")
    if _MEMORY.search(text) and _LOW_OR_EFFICIENT.search(text):
        hints.append("LowMemory")
    return tuple(hints)


def parse_size(text: str) -> int | None:
    """The sample count a query names (first phrase in the text wins), or None.

    Example:
        >>> parse_size("train on 1.5m rows, not 2 million")
        1500000
    """
    best: tuple[int, int] | None = None
    for pattern, multiplier in _SIZE_PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        value = _scaled(match.group(1), multiplier)
        if value is not None and (best is None or match.start() < best[0]):
            best = (match.start(), value)
    if best is not None:
        return best[1]
    for pattern, samples in _FALLBACK_WORDS:
        if pattern.search(text):
            return samples
    return None


def _scaled(number: str, multiplier: int) -> int | None:
    digits = number.replace(",", "").replace("_", "")
    if len(digits) > 24:
        return None
    whole, _, frac = digits.partition(".")
    value = int(whole or "0") * multiplier + (int(frac) * multiplier) // 10 ** len(frac) \
        if frac else int(whole) * multiplier
    return value if 0 < value <= MAX_SIZE else None


def _nodes(text: str) -> int | None:
    match = _NODES.search(text)
    if match is None:
        return None
    count = int(match.group(1))
    return count if count >= 1 else None


@functools.cache
def _stopwords() -> frozenset[str]:
    return frozenset(facts.load("parser")["keywords"]["stopwords"])


def _keywords(text: str) -> tuple[str, ...]:
    stop = _stopwords()
    words = []
    for raw in text.split():
        word = _EDGE_PUNCT.sub("", raw)
        word = word.strip("_")
        if len(word.encode("utf-8")) > 3 and word not in stop:
            words.append(word)
    return tuple(words)


def parse(query: str) -> ParsedQuery:
    """Parse a query (any text; never raises for a string).

    Example:
        >>> parse("Train a random forest on 1M samples").algorithms
        ('random_forest',)
    """
    text = query.lower()
    return ParsedQuery(query, _domains(text), _algorithms(text), _keywords(text),
                       parse_size(text), _hints(text), _components(text), _nodes(text))


def estimate_complexity(parsed: ParsedQuery) -> str:
    """Low / Medium / High: matrix words first, then the domain table in its order."""
    if any(w.startswith(("matrix", "matrices")) or "matmul" in w for w in parsed.keywords):
        return "High"
    table = facts.load("rules")["compute"]["complexity"]["domain_table"]
    for row in table:
        if row["domain"] in parsed.domains:
            return str(row["complexity"])
    return "Low"


def parse_data_size_value(text: str) -> int | None:
    """The CLI's ``--data-size``: ``1M``, ``500k``, ``2B``, ``1.5m``, ``1000`` (else None).

    Example:
        >>> parse_data_size_value("1.5M")
        1500000
    """
    if not isinstance(text, str):
        return None
    value = text.strip().lower().replace("_", "").replace(",", "")
    multiplier = {"k": 10**3, "m": 10**6, "b": 10**9}.get(value[-1:], 1)
    if multiplier != 1:
        value = value[:-1]
    if not _DECIMAL.fullmatch(value):
        return None
    if multiplier == 1 and "." in value:
        return None
    return _scaled(value, multiplier) if value.strip("0.") else (0 if multiplier == 1 else None)
