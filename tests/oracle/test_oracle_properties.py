"""Property tests: any query text gives an answer or a BatutaError, the same one every time."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from batuta._serialize import to_json
from batuta.errors import BatutaError
from batuta.oracle import ask, parse
from batuta.oracle.parser import parse_data_size_value

WORDS = st.sampled_from([
    "train", "random forest", "k-means", "cluster", "across the cluster", "1.5m rows",
    "10 thousand samples", "gpu", "deploy", "inference", "sklearn", "numpy", "trueno-db",
    "trueno", "aprender", "lora", "qlora", "speech recognition", "<10ms", "matrix", "matrices",
    "distributed", "on 8 nodes", "99999999999999999999 billion", "render", "script", "edge",
    "transcript", "ÄÖÜ", "\u0130", "\x00", "  ", "\n", "-", "_", "large", "tiny",
])
QUERIES = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=12).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(QUERIES)
def test_any_text_answers_deterministically(query: str) -> None:
    try:
        first = to_json(ask(query))
    except BatutaError:
        return
    assert to_json(ask(query)) == first  # same answer, same order, every time
    parsed = parse(query)
    assert parsed == parse(query)
    assert len(set(parsed.domains)) == len(parsed.domains)
    assert len(set(parsed.mentioned_components)) == len(parsed.mentioned_components)


@settings(max_examples=200, deadline=None)
@given(QUERIES, st.one_of(st.none(), st.integers(), st.text(max_size=12), st.floats()),
       st.one_of(st.none(), st.integers(min_value=-5, max_value=200_000)))
def test_arguments_only_raise_batuta_errors(query: str, size: object, nodes: object) -> None:
    try:
        answer = ask(query, data_size=size, nodes=nodes)
    except BatutaError:
        return
    names = [s.component for s in answer.supporting]
    assert len(names) == len(set(names)) and answer.primary.component not in names
    assert answer.compute.backend in ("Scalar", "SIMD", "GPU")
    assert len(answer.related_queries) <= 3


@given(st.text(max_size=40))
def test_data_size_flag_never_raises(text: str) -> None:
    value = parse_data_size_value(text)
    assert value is None or 0 <= value <= 10**18


def test_word_boundaries_decided() -> None:
    assert parse("Use aprender for my ML task").domains == ()  # not Media ("render")
    assert parse("check transcript quality").domains[0] == "MediaProduction"  # not Shell
    assert parse("exploration of knowledge").algorithms == ()
    assert parse("exploration of knowledge").performance_hints == ()
    assert parse("destiny").data_size is None and parse("bigram").data_size is None
    assert parse("use trueno-db for search").mentioned_components == ("trueno-db",)
    assert parse("trueno-zram, apr-qa and trueno ublk").mentioned_components == (
        "trueno-zram", "apr-qa", "trueno-ublk")


def test_first_occurrence_wins() -> None:
    assert parse("gradient boosting or random forest?").algorithms == ("gbm", "random_forest")
    assert ask("Should I use random forest or gradient boosting?").primary.component == "aprender"
    assert ask("Use depyler to convert sklearn to aprender").primary.component == "depyler"
    assert parse("Deploy an LLM").domains == ("Inference", "DeepLearning")
    assert parse("qlora fine-tuning").algorithms[0] == "qlora"
    assert ask("qlora fine-tuning").primary.path == "entrenar::lora::QLoRA"


def test_sizes_decided() -> None:
    assert parse("1.5m samples").data_size == 1_500_000
    assert parse("5m of audio").data_size is None  # minutes, not millions
    assert parse("50000 rows then 2 million").data_size == 50_000
    assert parse("99999999999999999999 billion samples").data_size is None


def test_distribution_is_reachable_from_words() -> None:
    answer = ask("train on 50 million samples on 4 nodes")
    assert answer.distribution.needed and answer.distribution.nodes == 4
    assert not ask("train on 50 million samples on 8 nodes").distribution.needed  # overhead 80%
    assert not answer.distribution.nodes_assumed
    small = ask("train on 50 million samples", nodes=1)
    assert not small.distribution.needed and "single node" in small.distribution.rationale
    assert ask("parallel work stealing").primary.component == "repartir"
    assert ask("bash script migration").primary.component == "bashrs"
