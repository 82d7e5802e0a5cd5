"""``batuta serving``: the serving backends a privacy tier allows, ordered for a latency tier.

Sovereign: local backends only; Private: plus dedicated/VPC endpoints; Standard: all
(SPEC.md §6). The same answer as the JS API's ``backend_serving``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from batuta.cli._common import EXIT_OK, add_common_options, print_json


def register(subparsers: Any) -> None:
    """Add the ``serving`` sub-command."""
    parser = subparsers.add_parser(
        "serving", help="serving backends allowed by a privacy tier (Sovereign/Private/Standard)",
        description="List the model-serving backends a privacy tier allows, best first for a "
                    "latency tier.")
    parser.add_argument("--privacy", default="Sovereign", metavar="TIER",
                        help="Sovereign (default), Private or Standard")
    parser.add_argument("--latency", default="Interactive", metavar="TIER",
                        help="RealTime, Interactive (default) or Batch")
    add_common_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the allowed backends."""
    from batuta.backend import recommend_serving

    answer = recommend_serving(args.privacy, args.latency)
    if args.format == "json":
        print_json(answer)
        return EXIT_OK
    lines = [f"{answer.privacy} / {answer.latency}: {answer.rationale}",
             *(f"  {i}. {name}" for i, name in enumerate(answer.backends, 1))]
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK
