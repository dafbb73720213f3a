"""Start-up: the collector paused while the CLI imports and the model loads, and on again after."""

from __future__ import annotations

import subprocess
import sys


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-800:]
    return done.stdout.split()


def test_the_collector_runs_again_after_the_cli_is_imported_and_the_model_loaded():
    out = _run("import gc\n"
               "import enforcement_tracker.cli\n"
               "print(gc.isenabled())\n"
               "from enforcement_tracker.extract.nlp import load_nlp\n"
               "from enforcement_tracker.settings import ExtractSettings\n"
               "load_nlp(ExtractSettings().model)\n"
               "print(gc.isenabled())\n")
    assert out == ["True", "True"]


def test_a_program_that_turned_the_collector_off_finds_it_off_after_a_load():
    out = _run("import gc\n"
               "gc.disable()\n"
               "from enforcement_tracker.extract.nlp import load_nlp\n"
               "from enforcement_tracker.settings import ExtractSettings\n"
               "load_nlp(ExtractSettings().model)\n"
               "print(gc.isenabled())\n")
    assert out == ["False"]
