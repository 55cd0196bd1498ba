"""The rooms and their order are a contract (.importlinter), checked by lint-imports."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))


def _lint(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([LINT, "--config", str(folder / ".importlinter"), "--no-cache"],
                          cwd=folder, capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"})


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """A copy of the package and its contract, to break on purpose."""
    folder = tmp_path_factory.mktemp("layers")
    shutil.copytree(ROOT / "toolkit", folder / "toolkit",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / ".importlinter", folder / ".importlinter")
    return folder


def test_the_contract_holds_for_the_package():
    done = _lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 3 kept, 0 broken." in done.stdout


def test_an_upward_import_breaks_the_contract(copy):
    states = copy / "toolkit" / "congress" / "states.py"
    states.write_text(states.read_text() + "\nfrom toolkit.jobs import letters  # upward\n")
    done = _lint(copy)
    assert done.returncode == 1
    assert "toolkit.congress is not allowed to import toolkit.jobs" in done.stdout
    assert "toolkit.congress.states -> toolkit.jobs.letters" in done.stdout
