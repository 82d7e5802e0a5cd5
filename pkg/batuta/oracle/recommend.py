"""The recommender: a parsed query -> primary and supporting components, backend, distribution.

Rules follow ``rules.json`` in order, with the decided quirks (README, SPEC.md §11):

* Only the first mention / algorithm / domain is tried, as upstream, but "first" is the
  earliest in the query (quirks 1, 2, 5, 10).
* Two domains whose capabilities upstream's graph gives the wrong owner are pinned to the tool
  that does the job (quirks 5, 13): Shell Migration -> bashrs (the transpiler this project's own
  analysis recommends for shell), Distributed Compute -> repartir (pepita only registers
  ``work_stealing`` first).
* The LoRA/QLoRA paths are exact (quirk 6); paths come from ``examples.ALGORITHM_PATHS``.
* A supporting component appears once, at its first position, with its highest confidence
  (quirk 7); the primary is never listed as supporting.
* The backend is ``batuta.backend.backend_recommend`` for an operation of the query's complexity
  (quirk 8): one table, SPEC.md §6, so ``batuta oracle`` and ``batuta backend`` agree.
* Related questions follow the parsed domains in query order, then the distributed hint,
  cut to three (quirk 15).
"""

from __future__ import annotations

from batuta.backend import HardwareProfile, backend_recommend
from batuta.oracle import facts
from batuta.oracle.descriptions import DISTRIBUTED_QUERIES, RELATED_QUERIES
from batuta.oracle.distribution import advise, parallel_fraction
from batuta.oracle.examples import ALGORITHM_PATHS, EXAMPLES, example_for
from batuta.oracle.parser import ParsedQuery, estimate_complexity, is_large
from batuta.oracle.results import ComponentPick, ComputeAdvice, OracleAnswer
from batuta.oracle.text import format_number

DOMAIN_PRIMARY: dict[str, str] = {"ShellMigration": "bashrs", "DistributedCompute": "repartir"}
"""Domains whose first capability owner is not the right tool (see the module docstring)."""

_ML_DOMAINS = ("SupervisedLearning", "UnsupervisedLearning", "DeepLearning", "SpeechRecognition")
_UNSUPERVISED = ("kmeans", "dbscan", "hierarchical")


def problem_class(parsed: ParsedQuery) -> str:
    """Display name of the first domain, else "Algorithm-specific", else "General"."""
    if parsed.domains:
        domain = facts.get_domain(parsed.domains[0])
        return domain.display if domain else parsed.domains[0]
    return "Algorithm-specific" if parsed.algorithms else "General"


def _domain_display(domain_id: str) -> str:
    domain = facts.get_domain(domain_id)
    return domain.display if domain else domain_id


def select_primary(parsed: ParsedQuery) -> ComponentPick:
    """The first rule that yields a component wins (mention, algorithm, domain, hints, batuta)."""
    if parsed.mentioned_components:
        comp = facts.get_component(parsed.mentioned_components[0])
        if comp is not None:
            return ComponentPick(comp.name, 0.95, f"you named {comp.name}: {comp.description}")
    algorithm = parsed.primary_algorithm
    if algorithm:
        owner = facts.first_owner(algorithm)
        if owner is not None:
            path = ALGORITHM_PATHS.get(algorithm) if owner.name in ("aprender", "entrenar") \
                else None
            return ComponentPick(owner.name, 0.9,
                                 f"{owner.name} implements {algorithm.replace('_', ' ')}", path)
    domain = parsed.primary_domain
    if domain:
        pinned = DOMAIN_PRIMARY.get(domain)
        owners = facts.find_by_domain(domain)
        name = pinned or (owners[0].name if owners else None)
        if name:
            return ComponentPick(name, 0.85,
                                 f"{name} is the stack's tool for {_domain_display(domain)}")
    if parsed.requires_gpu:
        return ComponentPick("trueno", 0.7, "GPU work: trueno dispatches kernels to the GPU")
    if "Distributed" in parsed.performance_hints:
        return ComponentPick("repartir", 0.7, "distributed work: repartir runs it on a cluster")
    return ComponentPick("batuta", 0.5,
                         "no specific need recognized: batuta analyzes and plans the migration")


def select_supporting(parsed: ParsedQuery, primary: str,
                      samples: int | None) -> tuple[ComponentPick, ...]:
    """Integration partners of the primary (first two), then the need-based candidates."""
    picks: dict[str, ComponentPick] = {}

    def add(name: str, confidence: float, why: str) -> None:
        if name == primary:
            return
        old = picks.get(name)
        if old is None:
            picks[name] = ComponentPick(name, confidence, why)
        elif confidence > old.confidence:
            picks[name] = ComponentPick(name, confidence, old.rationale + "; " + why)

    for item in facts.integrations_from(primary)[:2]:
        add(item.to_component, 0.7, item.description)
    domains = parsed.domains
    if any(d in domains for d in _ML_DOMAINS):
        add("trueno", 0.8, "SIMD/GPU kernels under the model")
    if is_large(samples):
        add("repartir", 0.6, f"{format_number(samples or 0)} samples may outgrow one machine")
    if "DataPipeline" in domains:
        add("alimentar", 0.7, "loads the data without copying")
    if "Inference" in domains:
        add("realizar", 0.85, "serves the model")
    return tuple(picks.values())


def select_operation(parsed: ParsedQuery, complexity: str) -> str:
    """The ``batuta backend`` operation standing for the query's workload."""
    algorithm = parsed.primary_algorithm or ""
    if complexity == "High":
        if any(d in parsed.domains for d in ("Inference", "DeepLearning")) and \
                not any(w.startswith(("matri", "matmul")) for w in parsed.keywords):
            return "text_generation"
        return "matrix_multiply"
    if complexity == "Medium":
        if algorithm in _UNSUPERVISED or "UnsupervisedLearning" in parsed.domains:
            return "kmeans"
        return "linear_regression"
    return "element_wise"


def compute_advice(parsed: ParsedQuery, samples: int | None,
                   hardware: HardwareProfile) -> ComputeAdvice:
    """The backend from the project's own router and cost model (SPEC.md §6)."""
    complexity = estimate_complexity(parsed)
    operation = select_operation(parsed, complexity)
    decision = backend_recommend(operation, samples or 0, hardware)
    size = "unspecified size (counted as 0)" if samples is None else \
        f"{format_number(samples)} samples"
    why = (f"{complexity} complexity, {size}: `batuta backend {operation} {samples or 0}` -> "
           f"{decision.backend}. {decision.rationale}")
    return ComputeAdvice(decision.backend, complexity, operation, samples, hardware.has_gpu, why,
                         decision.cost.ratio, decision.cost.offload, decision.cost_note)


def related_queries(parsed: ParsedQuery) -> tuple[str, ...]:
    """Questions to ask next: per domain in query order, then distribution; at most three."""
    out: list[str] = []
    for domain in parsed.domains:
        out.extend(RELATED_QUERIES.get(domain, ()))
    if "Distributed" in parsed.performance_hints:
        out.extend(DISTRIBUTED_QUERIES)
    unique = list(dict.fromkeys(out))
    return tuple(unique[:3])


def recommend(parsed: ParsedQuery, *, samples: int | None, hardware: HardwareProfile,
              nodes: int | None = None) -> OracleAnswer:
    """The whole answer for a parsed query."""
    from batuta.oracle.cookbook import find_by_component

    primary = select_primary(parsed)
    algorithm = parsed.primary_algorithm
    fraction = parallel_fraction(algorithm, parsed.domains)
    distribution = advise(samples, fraction, nodes=nodes if nodes is not None
                          else parsed.node_count,
                          wants_distribution="Distributed" in parsed.performance_hints)
    example_id = example_for(primary.component, algorithm)
    return OracleAnswer(
        query=parsed.original,
        problem_class=problem_class(parsed),
        domains=parsed.domains,
        algorithm=algorithm,
        primary=primary,
        supporting=select_supporting(parsed, primary.component, samples),
        compute=compute_advice(parsed, samples, hardware),
        distribution=distribution,
        code_example=EXAMPLES[example_id] if example_id else None,
        example_id=example_id,
        related_queries=related_queries(parsed),
        recipes=tuple(r.id for r in find_by_component(primary.component))[:5],
        data_size=samples,
        performance_hints=parsed.performance_hints,
        mentioned_components=parsed.mentioned_components,
    )
