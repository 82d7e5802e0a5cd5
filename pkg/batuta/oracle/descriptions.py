"""Our own words for the Oracle: component descriptions, pattern sentences, related questions.

Upstream's prose was deliberately not copied (``../shared/oracle/README.md``); everything here
is written for this project. Only text lives here, no rules.
"""

from __future__ import annotations

COMPONENT_DESCRIPTIONS: dict[str, str] = {
    "trueno": "SIMD and GPU vector and matrix kernels with runtime backend dispatch",
    "trueno-db": "embedded vector store with similarity and nearest-neighbour search",
    "trueno-graph": "graph algorithms: shortest paths, centrality, community detection",
    "trueno-viz": "charts for the terminal and PNG export",
    "trueno-rag": "retrieval-augmented generation: chunking, dense/sparse retrieval, reranking",
    "trueno-zram": "SIMD-accelerated compressed RAM block device",
    "trueno-ublk": "user-space block device driver with GPU compression",
    "pepita": "minimal kernel-interface primitives: io_uring, virtio, work stealing",
    "aprender": "classical machine learning: regression, trees, ensembles, clustering, PCA",
    "entrenar": "training: autograd, LoRA/QLoRA adapters, quantization, distillation",
    "realizar": "inference engine and model server for GGUF, SafeTensors and APR models",
    "whisper-apr": "speech recognition (Whisper) in pure Rust, WASM first",
    "depyler": "Python to Rust transpiler (sklearn to aprender, NumPy to trueno)",
    "decy": "C to safe Rust transpiler with ownership inference",
    "bashrs": "shell script transpiler and safe bootstrap-script generator",
    "ruchy": "scripting language that compiles to Rust",
    "batuta": "the migration orchestrator: analysis, transpilation, optimization, validation",
    "repartir": "distributed execution: CPU, GPU and remote executors with work stealing",
    "pforge": "framework for Model Context Protocol servers",
    "forjar": "infrastructure provisioning with idempotent apply",
    "certeza": "quality gates: coverage, mutation testing, TDG scoring",
    "pmat": "code quality analysis: complexity, technical debt, repository health",
    "renacer": "syscall tracing, flame graphs and golden-trace comparison",
    "apr-qa": "model QA: test generation, validation and benchmark runs",
    "provable-contracts": "kernel contracts with Kani verification and property-test generation",
    "tiny-model-ground-truth": "parity checking of converted models against reference outputs",
    "alimentar": "zero-copy data loading: CSV, Parquet, JSON, streaming",
    "pacha": "model and dataset registry with versioning and lineage",
    "rmedia": "media production: video rendering, audio, subtitles, course publishing",
    "simular": "simulation: Monte Carlo, discrete events, deterministic replay, WASM demos",
    "probar": "property-based, metamorphic and GUI-coverage testing",
}

_PATTERN_VERBS: dict[str, str] = {
    "model_export": "exports trained models for",
    "tensor_backend": "runs its numeric kernels on",
    "training_to_inference": "hands trained weights to",
    "sklearn_convert": "turns scikit-learn code into",
    "numpy_convert": "turns NumPy code into",
    "orchestrated_transpilation": "drives",
    "distributed_training": "spreads training jobs of",
    "distributed_compute": "spreads the kernels of",
    "data_loading": "feeds datasets into",
}


def pattern_description(pattern: str, source: str, target: str) -> str:
    """One sentence for an integration pattern."""
    verb = _PATTERN_VERBS.get(pattern)
    if verb is None:
        return f"{source} connects to {target} ({pattern.replace('_', ' ')})"
    if pattern.startswith("distributed_"):
        return f"{source} {verb} {target} across workers"
    return f"{source} {verb} {target}"


RELATED_QUERIES: dict[str, tuple[str, ...]] = {
    "SupervisedLearning": ("How do I deploy the trained model with realizar?",
                           "Which aprender estimator replaces my sklearn classifier?"),
    "UnsupervisedLearning": ("How do I choose the number of clusters for KMeans?",),
    "DeepLearning": ("How do I fine-tune with LoRA adapters in entrenar?",),
    "Inference": ("How do I quantize a model for faster serving?",
                  "Which serving backends does the Sovereign privacy tier allow?"),
    "PythonMigration": ("How do I convert NumPy arrays to trueno vectors?",
                        "Which sklearn estimators does aprender cover?"),
    "SpeechRecognition": ("How do I stream transcription in real time?",
                          "Which whisper model size fits on the edge?"),
    "MediaProduction": ("How do I burn subtitles into a rendered video?",
                        "How do I add narration to a course video?"),
    "LinearAlgebra": ("When does a matrix multiply pay off on the GPU?",),
    "DistributedCompute": ("How many nodes does my workload need (Amdahl's law)?",),
    "DataPipeline": ("How do I stream Parquet files without copying?",),
}
"""Questions offered after an answer, per parsed domain (parse order; cut to three)."""

DISTRIBUTED_QUERIES: tuple[str, ...] = (
    "What speedup do more nodes give at my parallel fraction?",
    "How do I run repartir workers on a cluster?",
)
