"""Fuzzing Batuta's untrusted entry points at scale (issue 16, item 10; SPEC.md §10).

``targets`` lists the entry points and what each is fed; ``runner`` runs one under Hypothesis
with the bounds (only ``BatutaError`` escapes, CPU time per input, address space per target);
``python -m fuzz`` runs the campaign and writes its report. CI runs a small budget through
``tests/fuzz/test_fuzz_campaign.py``; the full campaign's figures are in ``bench/RESULTS.md``.
"""
