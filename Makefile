# Samenspel: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: install run test test-fast lint format messages benchmarks clean

$(BIN)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(BIN)/.installed node_modules/.installed

run: install
	PORT=$(PORT) $(BIN)/samenspel demo

check-chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "Chromium is needed for the browser tests and was not found at $(CHROMIUM)."; \
	  echo "Install it with:  sudo apt-get install chromium   (or set CHROMIUM=/path/to/chromium)"; \
	  exit 1; \
	fi

test: install check-chromium
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest

# Everything except the browser tests, for a quick loop while coding.
test-fast: install
	$(BIN)/pytest -m "not browser"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-extract the translatable strings and compile the catalogues (needs GNU gettext).
messages: install
	cd src/samenspel && ../../$(BIN)/django-admin makemessages --settings=samenspel.conf.test --pythonpath=.. -l en --no-obsolete --ignore='*/tests/*'
	cd src/samenspel && ../../$(BIN)/django-admin compilemessages --settings=samenspel.conf.test --pythonpath=..

clean:
	rm -rf $(VENV) node_modules var/static
