"""Shared test configuration: deterministic hypothesis, and Debian Chromium for Playwright.

Playwright's own browser download does not work here; the browser tests drive the Debian
``chromium`` package with SwiftShader WebGPU (SPEC.md §4).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from rust_check import RustChecker  # tests/ is on sys.path (this rootdir conftest's folder)

settings.register_profile(
    "ci", derandomize=True, deadline=None, max_examples=100,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="xdg-"))

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--enable-unsafe-webgpu",
    "--enable-features=Vulkan",
    "--use-vulkan=swiftshader",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright launch options: Debian Chromium, WebGPU on SwiftShader."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(scope="session")
def rust_checker(tmp_path_factory: pytest.TempPathFactory) -> RustChecker:
    """Type-checks Rust modules with ``cargo check --offline`` against stub crates of trueno,
    aprender and realizar generated from the crate-API tables (once per session):
    ``rust_checker.check({"name": rust_source, ...}) -> list[str]`` of located errors."""
    return RustChecker(tmp_path_factory.mktemp("rust-check"))
