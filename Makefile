# The two commands of the README: `make run` and `make test`. Everything else is a step they call.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test install dev browser elasticsearch bench demo schema lint clean

run: install ## set up, build the encoder (offline, once), load the demo into the embedded store, open the console on :8501
	$(BIN)/vigia models bootstrap
	$(BIN)/vigia demo

test: dev browser elasticsearch ## set up with dev extras, provide the real services, run the whole suite
	$(BIN)/python -m pytest

install: $(VENV)/.installed
dev: $(VENV)/.installed-dev

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

# Headless Chromium from Debian for the console's browser tests (never a browser download), and the DejaVu and
# Symbola (emoji) fonts of the training-examples PDF.
browser:
	@{ command -v chromium && test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf && test -f /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium fonts-dejavu-core fonts-symbola >/dev/null; \
	  else echo "The tests need Debian's Chromium and DejaVu: sudo apt-get install chromium fonts-dejavu-core fonts-symbola" >&2; \
	  exit 1; fi; }

# Elasticsearch 8 from Maven Central (cached in ~/.cache/vigia); the test session starts and stops a node.
elasticsearch:
	@deploy/elasticsearch/node.sh fetch

bench: dev elasticsearch ## benchmarks at the 100k scale (SCALES=100k,1m for more; STAGES=stores,parse...); writes bench/results/
	$(BIN)/vigia models bootstrap
	$(BIN)/python -m bench --scales $${SCALES:-100k} $${STAGES:+--stages $$STAGES}

demo: install ## load the demo without starting the console
	$(BIN)/vigia demo --no-serve

schema: install ## regenerate data/schema/ from the model
	$(BIN)/vigia schema

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache tests/artifacts
