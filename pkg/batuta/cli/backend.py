"""``batuta backend OPERATION SIZE``: Scalar / SIMD / GPU by the MoE table, with the cost figures.

``--explain`` adds the table row that decided and the 5x PCIe cost model's arithmetic;
``--gpu`` / ``--no-gpu`` override whether the hardware profile has a GPU (default: it has one,
as in the book's reference machine).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from batuta.cli._common import EXIT_OK, add_common_options, print_json, whole_number


def register(subparsers: Any) -> None:
    """Add the ``backend`` sub-command."""
    from batuta.backend.moe import OPERATION_ALIASES, OPERATIONS

    parser = subparsers.add_parser(
        "backend", help="recommend Scalar / SIMD / GPU for an operation at a data size",
        description="Recommend a compute backend by the MoE table (SPEC.md §6) and show the "
                    "5x PCIe cost model behind it.")
    parser.add_argument("operation", metavar="OPERATION",
                        choices=sorted([*OPERATIONS, *OPERATION_ALIASES]),
                        help="one of: " + ", ".join(sorted(OPERATIONS)))
    parser.add_argument("size", metavar="SIZE", type=whole_number("SIZE"), help="data size n")
    parser.add_argument("--explain", action="store_true",
                        help="show the table row and the cost-model figures")
    gpu = parser.add_mutually_exclusive_group()
    gpu.add_argument("--gpu", dest="gpu", action="store_true", default=None,
                     help="the machine has a GPU (default)")
    gpu.add_argument("--no-gpu", dest="gpu", action="store_false",
                     help="the machine has no GPU: never recommend GPU")
    add_common_options(parser)
    parser.set_defaults(func=run)



def run(args: argparse.Namespace) -> int:
    """Print the decision (and, with ``--explain``, why)."""
    from batuta.backend import HardwareProfile, backend_recommend
    from batuta.backend.cost import format_count, format_seconds

    hardware = HardwareProfile(has_gpu=args.gpu is not False)
    decision = backend_recommend(args.operation, args.size, hardware)
    if args.format == "json":
        print_json(decision)
        return EXIT_OK
    out = [decision.backend]
    if args.explain:
        cost = decision.cost
        out += [
            f"operation:  {decision.operation} ({decision.complexity} complexity)",
            f"rule:       {decision.rationale}",
            f"cost model: {cost.shape}",
            f"            {format_count(cost.flops, 'FLOP')}, {format_count(cost.bytes, 'B')}",
            f"            transfer {format_seconds(cost.transfer_s)}, GPU compute "
            f"{format_seconds(cost.gpu_compute_s)}, CPU compute "
            f"{format_seconds(cost.cpu_compute_s)}",
            f"            ratio {cost.ratio:.4g} (GPU pays off above 5): {cost.verdict}",
            f"            {decision.cost_note}",
            f"hardware:   {'GPU' if hardware.has_gpu else 'no GPU'}, PCIe "
            f"{hardware.pcie_gb_s:g} GB/s, GPU {hardware.gpu_tflops:g} TFLOPS, CPU "
            f"{hardware.cpu_gflops:g} GFLOPS ({hardware.source})",
        ]
    sys.stdout.write("\n".join(out) + "\n")
    return EXIT_OK
