# Portal Współpracy — common tasks. `make run` and `make test` work on a fresh clone
# with Python 3.11 and the Debian packages listed in the README.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export UV_PYTHON_DOWNLOADS := never

.PHONY: install run test test-fast bench lint format messages compilemessages migrate clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@if command -v uv >/dev/null; then uv pip install -q -p $(PY) -e '.[dev]'; \
	  else $(PY) -m pip install -q --upgrade pip && $(PY) -m pip install -q -e '.[dev]'; fi
	@# Byte-code compiled once, also where PYTHONDONTWRITEBYTECODE is set: a worker's
	@# first PDF does not compile WeasyPrint's sources. A file that does not compile
	@# is only imported from its source.
	@$(PY) -m compileall -q -j 0 $(VENV)/lib >/dev/null || true
	@touch $(STAMP)

install: $(STAMP)

compilemessages: $(STAMP)
	@DEBUG=1 $(PY) manage.py compilemessages --ignore '.venv' -v 0

migrate: $(STAMP)
	DEBUG=1 $(PY) manage.py migrate --no-input

run: install compilemessages migrate
	DEBUG=1 $(PY) manage.py seed_demo
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

test: install compilemessages
	$(PY) -m pytest $(PYTEST_ARGS)

bench: install compilemessages
	$(PY) -m bench.runner $(BENCH_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install
	DEBUG=1 $(PY) manage.py makemessages -l pl -l en --ignore '.venv/*' --ignore 'node_modules/*' --no-obsolete --add-location file
	DEBUG=1 $(PY) manage.py makemessages -d djangojs -l pl -l en --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'staticfiles/*' --ignore 'static/vendor/*' --no-obsolete --add-location file

clean:
	rm -rf $(VENV) staticfiles .test-media db.sqlite3
