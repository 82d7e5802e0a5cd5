"""``batuta oracle``: ask the Oracle, browse the stack's components and the cookbook.

Precedence (as upstream): the cookbook flags (``--recipe``, ``--recipes-by-tag``,
``--recipes-by-component``, ``--search-recipes``, ``--cookbook``), then ``--list``, ``--show``,
``--capabilities``, ``--integrate``, a QUERY, ``--recommend``. Decided differences (README):
``--list`` is in registration order and ``--list --format json`` prints only JSON; ``--recommend``
honours ``--data-size``; an unknown component is bad usage (exit 2); a missing recipe or
integration pattern and ``--format code`` with nothing to print exit 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from batuta.cli._common import EXIT_FAILURE, EXIT_OK, UsageError, print_json

FORMATS = ("text", "json", "markdown", "code")


def register(subparsers: Any) -> None:
    """Add the ``oracle`` sub-command."""
    parser = subparsers.add_parser(
        "oracle", help="ask which stack component, backend and example fit a problem",
        description="Ask in plain words ('train a random forest on 1M rows') and get the stack "
                    "component, supporting components, compute backend, distribution advice "
                    "and a Rust example; browse components and the cookbook.")
    parser.add_argument("query", nargs="*", metavar="QUERY", help="the question, in plain words")
    parser.add_argument("--list", action="store_true", help="list every component")
    parser.add_argument("--show", metavar="NAME", help="show one component")
    parser.add_argument("--capabilities", metavar="NAME", help="a component's capabilities")
    parser.add_argument("--integrate", metavar="A,B", help="how component A integrates with B")
    parser.add_argument("--recommend", action="store_true", help="recommend for --problem")
    parser.add_argument("--problem", metavar="TEXT", help="the problem for --recommend")
    parser.add_argument("--data-size", metavar="N", help="data size: 1M, 500K, 2B or a number")
    parser.add_argument("--nodes", metavar="N", type=int, help="nodes available to distribute")
    parser.add_argument("--project", metavar="PATH",
                        help="analyze PATH and answer for that project")
    gpu = parser.add_mutually_exclusive_group()
    gpu.add_argument("--gpu", dest="gpu", action="store_true", default=None,
                     help="the machine has a GPU (default, as `batuta backend`)")
    gpu.add_argument("--no-gpu", dest="gpu", action="store_false", help="no GPU")
    parser.add_argument("--cookbook", action="store_true", help="list every recipe")
    parser.add_argument("--recipe", metavar="ID", help="show one recipe")
    parser.add_argument("--recipes-by-tag", metavar="TAG", help="recipes with a tag")
    parser.add_argument("--recipes-by-component", metavar="NAME", help="recipes using a component")
    parser.add_argument("--search-recipes", metavar="TEXT", help="search recipe titles and tags")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="output format (default: text)")
    parser.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show the full traceback of unexpected errors")
    parser.set_defaults(func=run)


def _out(text: str) -> int:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK


def _code(code: str | None, what: str) -> int:
    if not code:
        sys.stderr.write(f"no code example for {what}\n")
        return EXIT_FAILURE
    return _out(code)


def run(args: argparse.Namespace) -> int:
    """Dispatch by precedence."""
    for handler in (_cookbook, _classic):
        result = handler(args)
        if result is not None:
            return result
    raise UsageError("give a QUERY or one of --list, --show, --capabilities, --integrate, "
                     "--recommend, --cookbook, --recipe, --recipes-by-tag, "
                     "--recipes-by-component, --search-recipes")


def _recipes(args: argparse.Namespace, recipes: list[Any]) -> int:
    from batuta.oracle.text import recipe_line

    if args.format == "json":
        print_json(recipes)
        return EXIT_OK
    if args.format == "code":
        return _code("\n".join(r.code for r in recipes if r.code), "these recipes")
    if args.format == "markdown":
        return _out("\n".join(f"- `{r.id}`: {r.title}" for r in recipes) or "(no recipes)")
    return _out("\n".join(recipe_line(r) for r in recipes) or "(no recipes)")


def _cookbook(args: argparse.Namespace) -> int | None:
    from batuta.oracle import cookbook
    from batuta.oracle.text import recipe_markdown, recipe_text

    if args.recipe is not None:
        recipe = cookbook.get(args.recipe)
        if recipe is None:
            sys.stderr.write(f"no recipe {args.recipe!r} (see --cookbook)\n")
            return EXIT_FAILURE
        if args.format == "json":
            print_json(recipe)
            return EXIT_OK
        if args.format == "code":
            return _code(recipe.code, f"recipe {recipe.id} ({recipe.code_note})")
        return _out(recipe_markdown(recipe) if args.format == "markdown" else recipe_text(recipe))
    lookups: list[tuple[str | None, Callable[[str], list[Any]]]] = [
        (args.recipes_by_tag, cookbook.find_by_tag),
        (args.recipes_by_component, cookbook.find_by_component),
        (args.search_recipes, cookbook.search),
    ]
    for value, lookup in lookups:
        if value is not None:
            return _recipes(args, lookup(value))
    if args.cookbook:
        return _recipes(args, list(cookbook.recipes()))
    return None


def _classic(args: argparse.Namespace) -> int | None:
    query = " ".join(args.query).strip()
    if args.list:
        return _list(args)
    if args.show is not None:
        return _show(args, args.show)
    if args.capabilities is not None:
        return _capabilities(args, args.capabilities)
    if args.integrate is not None:
        return _integrate(args, args.integrate)
    if query:
        return _ask(args, query)
    if args.recommend:
        return _ask(args, args.problem or "general ML task")
    if args.problem:
        raise UsageError("--problem goes with --recommend")
    return None


def _list(args: argparse.Namespace) -> int:
    from batuta.oracle import facts, list_components

    comps = list_components()
    if args.format == "json":
        print_json([c.name for c in comps])
        return EXIT_OK
    if args.format == "code":
        return _code(None, "--list")
    if args.format == "markdown":
        rows = [f"| {c.name} | {c.version} | {c.layer_display} | {c.description} |"
                for c in comps]
        return _out("| component | version | layer | description |\n|---|---|---|---|\n"
                    + "\n".join(rows))
    lines: list[str] = []
    for layer in facts.layers():
        members = [c for c in comps if c.layer == layer.id]
        lines.append(f"{layer.display}:")
        lines += [f"  {c.name:24} {c.version:8} {c.description}" for c in members]
    return _out("\n".join(lines))


def _show(args: argparse.Namespace, name: str) -> int:
    from batuta.oracle import show_component
    from batuta.oracle.text import component_markdown, component_text

    info = show_component(name)
    if args.format == "json":
        print_json(info)
        return EXIT_OK
    if args.format == "code":
        return _code(None, f"--show {name}")
    return _out(component_markdown(info) if args.format == "markdown" else component_text(info))


def _capabilities(args: argparse.Namespace, name: str) -> int:
    from batuta.oracle import capabilities

    caps = capabilities(name)
    if args.format == "json":
        print_json(caps)
        return EXIT_OK
    if args.format == "code":
        return _code(None, f"--capabilities {name}")
    bullet = "- " if args.format == "markdown" else ""
    return _out("\n".join(f"{bullet}{c}" for c in caps))


def _integrate(args: argparse.Namespace, pair: str) -> int:
    from batuta.oracle import integrate
    from batuta.oracle.text import integration_text

    parts = [p.strip() for p in pair.split(",")]
    if len(parts) != 2 or not all(parts):
        raise UsageError("--integrate takes two components: A,B")
    info = integrate(parts[0], parts[1])
    if info is None:
        sys.stderr.write(f"no integration pattern from {parts[0]} to {parts[1]}\n")
        return EXIT_FAILURE
    if args.format == "json":
        print_json(info)
        return EXIT_OK
    if args.format == "code":
        return _code(info.code_example, f"{parts[0]} -> {parts[1]}")
    return _out(integration_text(info))


def _analysis(args: argparse.Namespace) -> object:
    if args.project is None:
        return None
    from batuta.api import analyze_project

    return analyze_project(args.project)


def _ask(args: argparse.Namespace, query: str) -> int:
    from batuta.backend import HardwareProfile
    from batuta.oracle import ask
    from batuta.oracle.text import answer_markdown, answer_text

    answer = ask(query, data_size=args.data_size, nodes=args.nodes, analysis=_analysis(args),
                 hardware=HardwareProfile(has_gpu=args.gpu is not False))
    if args.format == "json":
        print_json(answer)
        return EXIT_OK
    if args.format == "code":
        return _code(answer.code_example, f"{query!r} (primary {answer.primary.component})")
    return _out(answer_markdown(answer) if args.format == "markdown" else answer_text(answer))
