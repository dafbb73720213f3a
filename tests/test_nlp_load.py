"""Start-up: the collector paused while the model loads, and as it was after."""

from __future__ import annotations

import subprocess
import sys


def _run(code: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-800:]
    return done.stdout.split("\n")[:-1]


LOAD = ("from enforcement_tracker.extract.nlp import load_nlp\n"
        "from enforcement_tracker.settings import ExtractSettings\n"
        "load_nlp(ExtractSettings().model)\n")


def test_the_collector_runs_as_before_once_the_model_is_loaded():
    out = _run("import gc\n"
               "before = gc.get_threshold()\n"
               "import enforcement_tracker.cli\n"
               "print(gc.get_threshold() == before, gc.isenabled())\n" + LOAD +
               "print(gc.get_threshold() == before, gc.isenabled())\n")
    assert out == ["True True", "True True"]


def test_a_programs_own_collector_settings_come_back_after_a_load():
    out = _run("import gc\n"
               "gc.set_threshold(500, 5, 5)\n" + LOAD +
               "print(gc.get_threshold())\n")
    assert out == ["(500, 5, 5)"]
