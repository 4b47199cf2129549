# Developer targets. The README's two commands are ./run and ./test (they need no make).
UV := scripts/uv.sh
RUN := $(UV) run --frozen --quiet

.PHONY: run test check lint format bench golden corpus sync

sync:
	$(UV) sync --frozen --quiet

run: sync
	./run

check: sync            ## ruff, mypy --strict, import contracts, module size, tests
	$(RUN) python scripts/check.py

test: sync             ## the tests alone
	$(RUN) python -m pytest

lint: sync
	$(RUN) ruff check . && $(RUN) ruff format --check .

format: sync
	$(RUN) ruff check --fix . && $(RUN) ruff format .

bench: sync            ## speed table (never timed in unit tests)
	$(RUN) python scripts/bench.py

golden: sync           ## regenerate examples/*/extract.json and audit.json ON PURPOSE, then review the diff
	$(RUN) python scripts/golden.py

corpus: sync           ## figures on the real excerpts in ../shared/corpus
	python3 ../shared/tools/corpus_eval.py --cmd "$(UV) run --frozen --quiet jixiao" --verbose
