"""The workflow and the pre-commit hook users copy only call commands and options that exist."""

from __future__ import annotations

import shlex

import pytest
import yaml

from generator.cli import main

from conftest import ROOT


def _explainer_commands() -> list[list[str]]:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "explainer.yml").read_text())
    commands = []
    for step in workflow["jobs"]["explainer"]["steps"]:
        for line in str(step.get("run", "")).splitlines():
            if line.strip().startswith("explainer "):
                commands.append(shlex.split(line.split("||")[0].split(">")[0])[1:])
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    commands += [shlex.split(hook["entry"])[1:] for hook in hooks]
    return commands


def test_the_files_name_the_expected_commands() -> None:
    names = [c[0] for c in _explainer_commands()]
    assert names == ["check", "build", "diff", "check"]


@pytest.mark.parametrize("command", _explainer_commands(), ids=lambda c: " ".join(c))
def test_each_command_and_option_exists(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    name, options = command[0], [w for w in command[1:] if w.startswith("-")]
    assert main([name, "--help"]) == 0
    shown = capsys.readouterr().out
    for option in options:
        assert option in shown, f"'{option}' is not an option of 'explainer {name}'"
