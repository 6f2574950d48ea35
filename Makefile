# Two commands do all set-up: `make demo` and `make test`. Everything lives in .venv/.
PYTHON ?= python3
VENV := .venv
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(VENV)/bin/python

.PHONY: install demo test test-postgres test-light suite lint format clean messages fuzz load screenshots

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --inexact --extra semantic
	touch $@

install: $(VENV)/.installed

# `kring demo` exits 2 on a database that already has members: serve it as it is.
demo: install
	$(VENV)/bin/kring migrate
	$(VENV)/bin/kring demo || [ $$? -eq 2 ]  # 2: the demo is loaded already; serve it again
	$(VENV)/bin/kring serve --host 127.0.0.1 --port 8000

# The suite in TEST_WORKERS processes (each with its own database), then the tests marked
# `serial` (they measure time, or pytest-xdist cannot schedule them) in one process. Exit code 5 means "nothing selected" (e.g. PYTEST_ARGS names one file).
# On SQLite three on two cores: the tests wait on servers, chromium and timeouts, which left a
# third of the CPU idle with two (the parallel part: 673 s with two, 541 s with three, same
# machine). On PostgreSQL two, and the fuzzer after them: its concurrency tests open dozens of
# connections at once, and three processes beside the fuzzer went past the server's 100
# ("too many clients already").
ifneq ($(findstring postgres,$(KRING_TEST_DATABASE_URL)),)
ON_POSTGRES := yes
TEST_WORKERS ?= 2
else
TEST_WORKERS ?= 3
endif
# The suite starts hundreds of Python processes (workers, `kring serve`, the CLI): where
# PYTHONDONTWRITEBYTECODE is set (CI's container sets it) each compiled every module it imports
# again, about 2 s of CPU each. Their bytecode is kept in var/pycache, outside the sources.
test test-postgres test-light suite: export PYTHONDONTWRITEBYTECODE :=
test test-postgres test-light suite: export PYTHONPYCACHEPREFIX := $(CURDIR)/var/pycache
# The processes take whole files in the order tests/conftest.py gives them (the page walks and
# the other browser files first: xdist's own order left them to the end). The fuzzer's file is
# not collected there: its tests are all serial, and generating them cost each process 2 s.
# --durations: CI's output names the slowest tests, where its time limit is won or lost.
PYTEST_PARALLEL = $(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder \
	--durations=15 --ignore=$(FUZZER) -m "not serial" $(PYTEST_ARGS)
PYTEST_SERIAL = $(VENV)/bin/pytest -m serial $(PYTEST_ARGS) || [ $$? -eq 5 ]
FUZZER := tests/security/test_api_fuzz.py
ifeq ($(strip $(PYTEST_ARGS))$(ON_POSTGRES),)
# The whole suite on SQLite: the API fuzzer (serial only because its items share one node id) runs beside
# the parallel part, in a process of its own on the run's main database, which no worker uses
# (70 s of one core that sat idle); its output follows the parallel part's. The other serial
# tests run after both.
PYTEST_SUITE = mkdir -p var; $(VENV)/bin/pytest -m serial $(FUZZER) > var/fuzz.log 2>&1 & \
	fuzzer=$$!; $(PYTEST_PARALLEL); parallel=$$?; wait $$fuzzer; fuzzed=$$?; \
	echo "== the API fuzzer, run beside it =="; cat var/fuzz.log; \
	[ $$parallel -eq 0 ] && [ $$fuzzed -eq 0 ]
PYTEST_REST = $(VENV)/bin/pytest -m serial --ignore=$(FUZZER) || [ $$? -eq 5 ]
else
PYTEST_SUITE = $(PYTEST_PARALLEL)
PYTEST_REST = $(PYTEST_SERIAL)
endif

test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(PYTEST_SUITE)
	$(PYTEST_REST)

# The same suite against PostgreSQL (database `test` on 127.0.0.1:5432 unless told otherwise;
# each worker uses a sibling database `test_gw0`, `test_gw1`…).
test-postgres: install
	KRING_TEST_DATABASE_URL="$${KRING_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}" \
	  $(MAKE) --no-print-directory suite

# The pytest part of `make test`, for test-postgres (whose database decides the processes).
suite:
	$(PYTEST_SUITE)
	$(PYTEST_REST)

# The light install (no `semantic` extra: TF-IDF and tags only) in an environment of its own:
# matching, re-matching and introductions must pass there too (the model tests skip, saying why).
LIGHT_VENV := .venv-light
LIGHT_TESTS := tests/matching tests/matching_semantic tests/introductions
test-light: install
	UV_PROJECT_ENVIRONMENT=$(LIGHT_VENV) $(UV) sync --frozen --inexact --quiet
	$(LIGHT_VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadfile -m "not serial" $(LIGHT_TESTS)
	$(LIGHT_VENV)/bin/pytest -m serial $(LIGHT_TESTS) || [ $$? -eq 5 ]

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) $(LIGHT_VENV) var .pytest_cache

# Re-extract translatable texts and merge them into the Dutch and English catalogues.
messages: install
	$(VENV)/bin/pybabel extract -F babel.cfg -o kring/locale/messages.pot --no-location --sort-output --width 100 .
	$(VENV)/bin/pybabel update -i kring/locale/messages.pot -d kring/locale --ignore-obsolete --no-fuzzy-matching --width 100

# The README's screenshots, taken again: the demo network in a temporary directory, served and
# photographed as each demo user in Debian's chromium (tests/web/screenshots.py).
screenshots: install
	$(VENV)/bin/python -m tests.web.screenshots

# The API fuzzer with many more generated cases per operation than CI runs.
fuzz: install
	KRING_FUZZ_EXAMPLES=$${KRING_FUZZ_EXAMPLES:-200} $(VENV)/bin/pytest tests/security/test_api_fuzz.py -q

# The load benchmark (needs Debian's wrk): SQLite, then PostgreSQL (the database is created
# when missing and emptied). LOAD_ARGS="--extra-members 100000" measures a larger network.
LOAD_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/kring_bench
load: install
	$(VENV)/bin/python benchmarks/load.py --rounds 3 --seconds 8 $(LOAD_ARGS)
	$(VENV)/bin/python benchmarks/load.py --rounds 3 --seconds 8 --database postgres --url $(LOAD_POSTGRES_URL) $(LOAD_ARGS)
