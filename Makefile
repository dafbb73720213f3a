# Enforcement Tracker: everything a fresh machine needs is Python 3.11+ and make.
#
#   make demo    install, then run `etrack demo` on the built-in example data
#   make test    install, then run the test suite (PYTEST_ARGS="-k cli" narrows it)
#   make bench   install, then run every benchmarks/*.py (BENCH="benchmarks/x.py" picks some)
#   make lock    regenerate requirements.lock from pyproject.toml (needs the package index;
#                takes several minutes: pip-tools fetches every file's hash)
#   make lock-spark  regenerate requirements-spark.lock, the optional Spark extra pinned apart
#   make spark-archive  dist/etrack-env.tar.gz: the package, the model and a prebuilt gazetteer
#                for Spark executors (spark.archives; see docs/spark.md)
#   make clean   remove caches and build leftovers; `make distclean` also removes .venv
#
# `install` builds .venv from requirements.lock (every package pinned by version and hash),
# then installs this package editable on top; it reruns only when requirements.lock or
# pyproject.toml change.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.etrack-installed
# The Spark extra (pyspark, venv-pack) on top of the core install, from its own lock.
SPARK_STAMP := $(VENV)/.etrack-spark-installed
PYTEST_ARGS ?=
ARGS ?=
# pip-tools lives in its own throwaway venv so that locking never touches the project's .venv.
LOCK_TOOLS := .cache/lock-tools
PIP_TOOLS_VERSION ?= 7.6.2
# Extras of pyproject.toml that go into the lock beside the runtime dependencies.
LOCK_EXTRAS ?= test bench

# The check prints what was found, so a wrong interpreter is named rather than guessed at.
define require_py311
@$(1) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
  echo "error: Enforcement Tracker needs Python 3.11 or newer, but '$(1)' is:" \
       "$$($(1) --version 2>/dev/null || echo 'not found')." >&2; \
  echo "       $(2)" >&2; \
  exit 1; }
endef

.PHONY: install install-spark demo test bench lock lock-spark spark-archive clean distclean check-python

check-python:
	$(call require_py311,$(PYTHON),Name another interpreter: make <target> PYTHON=python3.12)

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml | check-python
	@if [ ! -x $(BIN)/python ]; then \
	  echo "creating $(VENV) with $(PYTHON)"; \
	  $(PYTHON) -m venv $(VENV) || { \
	    echo "error: '$(PYTHON) -m venv' failed; on Debian/Ubuntu install the python3-venv package." >&2; \
	    exit 1; }; \
	fi
	$(call require_py311,$(BIN)/python,$(VENV) was made by an older Python: run 'make distclean' then make again)
	$(BIN)/python -m pip install --require-hashes -r requirements.lock
	@# setuptools comes hashed from the lock, so the package itself builds without a download.
	$(BIN)/python -m pip install --no-deps --no-build-isolation -e .
	@# A dependency added to pyproject.toml but not yet locked shows up here, not as an ImportError.
	@$(BIN)/python -m pip check || { \
	  echo "error: requirements.lock does not cover pyproject.toml: run 'make lock', then make again." >&2; \
	  exit 1; }
	@touch $@

# pyspark is an sdist only (Spark's jars inside, about 455 MB): built here with the venv's own
# setuptools, which comes hashed from requirements.lock. Java 17 runs it (.ci/run installs it).
install-spark: $(SPARK_STAMP)

$(SPARK_STAMP): requirements-spark.lock $(STAMP)
	$(BIN)/python -m pip install --no-build-isolation --require-hashes -r requirements-spark.lock
	@touch $@

# The executors' environment: the core lock and the package (not pyspark: the cluster has its own),
# the gazetteer built inside it, packed by venv-pack. Its python links to the interpreter it was
# made with, so build it on the executors' OS image with their Python 3.11 at the same path
# (make spark-archive PYTHON=/usr/bin/python3.11). PYTHON_PREFIX relinks it, but venv-pack 0.2.0
# gets that wrong when the interpreter's `python3` is itself a link (pyenv): prefer the real path.
SPARK_ARCHIVE ?= dist/etrack-env.tar.gz
PYTHON_PREFIX ?=
ARCHIVE_ENV := .cache/etrack-env

spark-archive: install-spark
	rm -rf $(ARCHIVE_ENV) && $(PYTHON) -m venv $(ARCHIVE_ENV)
	$(ARCHIVE_ENV)/bin/python -m pip install -q --require-hashes -r requirements.lock
	$(ARCHIVE_ENV)/bin/python -m pip install -q --no-deps --no-build-isolation .
	mkdir -p $(ARCHIVE_ENV)/share/etrack-cache dist
	ETRACK_CACHE=$(ARCHIVE_ENV)/share/etrack-cache $(ARCHIVE_ENV)/bin/python -c \
	  'from enforcement_tracker.normalize.gazetteer import Gazetteer; print("gazetteer:", Gazetteer.open().path)'
	$(BIN)/venv-pack -p $(ARCHIVE_ENV) -o $(SPARK_ARCHIVE) $(if $(PYTHON_PREFIX),--python-prefix $(PYTHON_PREFIX)) --force
	@echo "wrote $(SPARK_ARCHIVE): --archives $(SPARK_ARCHIVE)#environment, ETRACK_CACHE=./environment/share/etrack-cache"

demo: install
	$(BIN)/etrack demo $(ARGS)

# pytest exits 5 when it collected no tests: that is a failure here, not a pass.
test: install install-spark
	@$(BIN)/python -m pytest -q $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "error: pytest collected no tests" >&2; fi; \
	exit $$status

# Every benchmarks/*.py except the data generators (make_*.py) and private modules (_*.py);
# BENCH="benchmarks/a.py benchmarks/b.py" runs a chosen few. A failing script does not stop
# the others; the run fails at the end and names it.
BENCH ?= $(filter-out benchmarks/make_% benchmarks/_%,$(sort $(wildcard benchmarks/*.py)))
# web_latency.py reads a large synthetic ledger that make_ledger.py writes (once).
BENCH_LEDGER ?= /tmp/etrack-1m.db

bench: install install-spark
	@if echo "$(BENCH)" | grep -q web_latency && [ ! -f $(BENCH_LEDGER) ] && [ -f benchmarks/make_ledger.py ]; then \
	  echo "== benchmarks/make_ledger.py --db $(BENCH_LEDGER) (input of web_latency.py)"; \
	  $(BIN)/python benchmarks/make_ledger.py --db $(BENCH_LEDGER) || exit $$?; \
	fi
	@[ -n "$(strip $(BENCH))" ] || { echo "no benchmarks/*.py to run"; exit 0; }; \
	failed=""; for script in $(BENCH); do \
	  echo "== $$script"; \
	  $(BIN)/python "$$script" || failed="$$failed $$script"; \
	done; \
	if [ -n "$$failed" ]; then echo "error: benchmarks failed:$$failed" >&2; exit 1; fi

# Resolves on this interpreter (CPython 3.11+, Linux x86_64) against the public index only:
# the machine's extra local indexes and find-links are switched off so that every hash in the
# lock is one that any machine can download.
lock: check-python
	@[ -x $(LOCK_TOOLS)/bin/pip-compile ] || { \
	  $(PYTHON) -m venv $(LOCK_TOOLS) && \
	  $(LOCK_TOOLS)/bin/python -m pip install -q "pip-tools==$(PIP_TOOLS_VERSION)"; }
	env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null \
	  CUSTOM_COMPILE_COMMAND="make lock" \
	  $(LOCK_TOOLS)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	    $(addprefix --extra ,$(LOCK_EXTRAS)) --no-emit-index-url --output-file requirements.lock.tmp pyproject.toml
	@{ echo "# requirements.lock: every runtime and test dependency of enforcement-tracker,"; \
	   echo "# pinned by version and sha256 (pip --require-hashes format)."; \
	   echo "# Sources: [project] dependencies + the extras $(LOCK_EXTRAS) of pyproject.toml."; \
	   echo "# Resolved for Linux x86_64, CPython 3.11+ (on $$($(LOCK_TOOLS)/bin/python --version))."; \
	   echo "# Regenerate with 'make lock' after changing dependencies in pyproject.toml;"; \
	   echo "# install with 'make install' (pip install --require-hashes -r requirements.lock)."; \
	   cat requirements.lock.tmp; } > requirements.lock
	@rm -f requirements.lock.tmp
	@echo "wrote requirements.lock ($$(grep -c '^[a-zA-Z0-9]' requirements.lock) packages)"

# Only the extra's own packages: the core pins are constraints here, so nothing in requirements.lock
# is pinned twice at another version. Hashes as `make lock` writes them.
lock-spark: check-python
	@[ -x $(LOCK_TOOLS)/bin/pip-compile ] || { \
	  $(PYTHON) -m venv $(LOCK_TOOLS) && \
	  $(LOCK_TOOLS)/bin/python -m pip install -q "pip-tools==$(PIP_TOOLS_VERSION)"; }
	@mkdir -p .cache && $(PYTHON) -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["spark"]))' > .cache/spark.in
	env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null \
	  CUSTOM_COMPILE_COMMAND="make lock-spark" \
	  $(LOCK_TOOLS)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	    --constraint requirements.lock --output-file requirements-spark.lock.tmp .cache/spark.in
	@{ echo "# requirements-spark.lock: the optional Spark extra of enforcement-tracker (pyproject.toml's"; \
	   echo "# \`spark\` extra), pinned by version and sha256 apart from requirements.lock, installed on top of"; \
	   echo "# it (pip install --require-hashes -r requirements-spark.lock). Regenerate with 'make lock-spark'."; \
	   cat requirements-spark.lock.tmp; } > requirements-spark.lock
	@rm -f requirements-spark.lock.tmp
	@echo "wrote requirements-spark.lock ($$(grep -c '^[a-zA-Z0-9]' requirements-spark.lock) packages)"

clean:
	rm -rf build dist .pytest_cache .cache benchmarks/out src/*.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
	rm -f $(STAMP)

distclean: clean
	rm -rf $(VENV)
