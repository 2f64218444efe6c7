# Two commands: `make run` and `make test`. Both build .venv from requirements.lock first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test eval bench clean setup

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/broadsheet run seeds/
	@echo "(broadsheet is $(BIN)/broadsheet; 'source $(BIN)/activate' puts it on your PATH)"

test: $(STAMP)
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	for corpus in bodies-text dates-text bodies-html dates-html news-html news-text seeds-gold.jsonl; do \
		$(BIN)/broadsheet eval ../shared/eval/$$corpus || exit 1; done

bench: $(STAMP)
	$(BIN)/python benchmarks/extraction_speed.py
	$(BIN)/python benchmarks/noop_rerun.py
	$(BIN)/python benchmarks/scale.py

clean:
	rm -rf $(VENV) warehouse/*.duckdb*
