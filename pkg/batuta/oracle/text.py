"""Presenting Oracle results as plain text and Markdown (the CLI and the migration report).

Pure string building, no terminal library, so the browser worker can produce the same text.
"""

from __future__ import annotations

from batuta.oracle.results import ComponentInfo, IntegrationInfo, OracleAnswer, Recipe


def format_number(n: int) -> str:
    """Sizes as 5M / 100K / 1B (truncating, as upstream's ``format_number``).

    Example:
        >>> format_number(2_500_000), format_number(999)
        ('2M', '999')
    """
    for at_least, suffix in ((10**9, "B"), (10**6, "M"), (10**3, "K")):
        if n >= at_least:
            return f"{n // at_least}{suffix}"
    return str(n)


def _picks(answer: OracleAnswer) -> list[str]:
    return [f"  - {p.component} ({p.confidence:.0%}): {p.rationale}" for p in answer.supporting]


def answer_text(answer: OracleAnswer) -> str:
    """A readable answer: class, primary, supporting, backend, distribution, next questions."""
    p = answer.primary
    lines = [f"Problem class: {answer.problem_class}"]
    if answer.algorithm:
        lines.append(f"Algorithm:     {answer.algorithm}")
    lines.append(f"Primary:       {p.component} ({p.confidence:.0%}) - {p.rationale}")
    if p.path:
        lines.append(f"API:           {p.path}")
    if answer.supporting:
        lines += ["Supporting:", *_picks(answer)]
    c = answer.compute
    lines.append(f"Backend:       {c.backend} - {c.rationale}")
    d = answer.distribution
    lines.append(f"Distribute:    {'yes, with ' + (d.tool or '') if d.needed else 'no'} - "
                 f"{d.rationale}")
    if answer.project is not None:
        lines += project_lines(answer)
    if answer.code_example:
        lines.append(f"Example:       `batuta oracle \"{answer.query}\" --format code`")
    if answer.recipes:
        lines.append("Recipes:       " + ", ".join(answer.recipes))
    if answer.related_queries:
        lines += ["Related:", *(f"  - {q}" for q in answer.related_queries)]
    return "\n".join(lines)


def project_lines(answer: OracleAnswer) -> list[str]:
    """The project section of an answer seeded by an analysis."""
    proj = answer.project
    if proj is None:
        return []
    lines = [f"Project:       {proj.root} ({proj.primary_language or 'unknown language'}, "
             f"{proj.code_lines:,} code lines, {proj.call_sites} ML call sites)"]
    for symbol, rust, count in proj.replacements[:10]:
        lines.append(f"  - {symbol} x{count} -> {rust or 'no mapping yet'}")
    return lines


def answer_markdown(answer: OracleAnswer) -> str:
    """The answer as Markdown (the example fenced as ``rust``: every example is Rust)."""
    p = answer.primary
    out = [f"## {answer.problem_class}", "",
           f"**Primary:** `{p.component}` ({p.confidence:.0%}) - {p.rationale}"]
    if p.path:
        out.append(f"**API:** `{p.path}`")
    if answer.supporting:
        out += ["", "**Supporting:**", ""]
        out += [f"- `{s.component}` ({s.confidence:.0%}): {s.rationale}" for s in answer.supporting]
    c, d = answer.compute, answer.distribution
    out += ["", f"**Backend:** {c.backend} - {c.rationale}", "",
            f"**Distribution:** {'yes' if d.needed else 'no'} - {d.rationale} "
            f"(speedup {d.speedup:.2f}x on {d.nodes} node(s), parallel fraction "
            f"{d.parallel_fraction:.2f})"]
    if answer.project is not None:
        out += ["", "**Project:**", "", *(f"- {line.strip(' -')}"
                                          for line in project_lines(answer))]
    if answer.code_example:
        out += ["", "```rust", answer.code_example.rstrip(), "```"]
    if answer.related_queries:
        out += ["", "**Related:**", "", *(f"- {q}" for q in answer.related_queries)]
    return "\n".join(out) + "\n"


def component_text(info: ComponentInfo) -> str:
    """``--show``: one component."""
    lines = [f"{info.name} {info.version} ({info.layer_display})", info.description,
             "Capabilities: " + ", ".join(name for name, _ in info.capabilities)]
    if info.integrates_with:
        lines.append("Integrates with: " + ", ".join(f"{to} ({pat})"
                                                     for to, pat in info.integrates_with))
    if info.used_by:
        lines.append("Used by: " + ", ".join(f"{src} ({pat})" for src, pat in info.used_by))
    if info.recipes:
        lines.append("Recipes: " + ", ".join(info.recipes))
    return "\n".join(lines)


def component_markdown(info: ComponentInfo) -> str:
    """``--show --format markdown``."""
    caps = "\n".join(f"- `{name}` ({category})" for name, category in info.capabilities)
    return (f"## {info.name} {info.version}\n\n{info.description}\n\n"
            f"**Layer:** {info.layer_display}\n\n**Capabilities:**\n\n{caps}\n")


def integration_text(info: IntegrationInfo) -> str:
    """``--integrate A,B``."""
    return (f"{info.from_component} -> {info.to_component}: {info.pattern_name}\n"
            f"{info.description}")


def recipe_text(recipe: Recipe) -> str:
    """``--recipe ID``."""
    lines = [f"{recipe.id}: {recipe.title}", recipe.problem,
             "Components: " + ", ".join(recipe.components),
             "Tags: " + ", ".join(recipe.tags)]
    if recipe.related:
        lines.append("Related: " + ", ".join(recipe.related))
    lines.append(f"Code: {recipe.code_note}")
    if recipe.code:
        lines += ["", recipe.code.rstrip()]
    return "\n".join(lines)


def recipe_markdown(recipe: Recipe) -> str:
    """``--recipe ID --format markdown``."""
    out = [f"## {recipe.title}", "", recipe.problem, "",
           "**Components:** " + ", ".join(f"`{c}`" for c in recipe.components),
           "", "**Tags:** " + ", ".join(recipe.tags)]
    if recipe.code:
        out += ["", "```rust", recipe.code.rstrip(), "```"]
    return "\n".join(out) + "\n"


def recipe_line(recipe: Recipe) -> str:
    """One line of a recipe listing."""
    return f"{recipe.id:28} {recipe.title}"
