# The two commands a newcomer types: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: demo test test-fast lint install bench eval clean

$(BIN)/geoevents: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/geoevents

demo: install
	$(BIN)/geoevents demo --out maps/

# Unit, store, CLI, browser and notebook tests in one run.
# pytest exits 5 when it collected nothing: that must fail, not pass silently.
# The checks gate first: formatting, pyflakes and syntax errors (ruff's E9 and F), and mypy
# (strict, with the dated overrides of pyproject). The full STYLE.md rule set is `make lint`.
test: install
	$(BIN)/ruff format --check . && $(BIN)/ruff check --select E9,F . && $(BIN)/mypy
	$(BIN)/pytest tests notebooks --nbmake -p no:cacheprovider; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; exit $$rc

# The inner loop: no slow tests (marked in tests/conftest.py), no browser, no notebooks.
test-fast: install
	$(BIN)/pytest tests -m "not slow and not browser" -p no:cacheprovider -q

# Format, the whole STYLE.md rule set and types (pyproject's [tool.ruff] and [tool.mypy]);
# every step runs, then the worst exit code. `make test` gates on format, E9/F and mypy only:
# the rest of the rule set still has findings to work down (counts in the session notes).
lint: install
	$(BIN)/ruff format --check .; a=$$?; $(BIN)/ruff check .; b=$$?; $(BIN)/mypy; c=$$?; \
	exit $$(( a > b ? (a > c ? a : c) : (b > c ? b : c) ))

bench: install
	$(BIN)/python bench/run_all.py

eval: install
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/python ../shared/eval/eval_geocode.py ../shared/corpus/toponyms.jsonl
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/python ../shared/eval/eval_extract.py ../shared/corpus/truth.jsonl ../shared/corpus/articles

clean:
	rm -rf $(VENV) build *.egg-info
