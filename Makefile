# Quick start on a fresh Debian machine:
#   make demo   — set up, then convert seeds/ to every format and variant into out/
#   make test   — set up, then run the test suite
VENV ?= .venv
FANDOL_DIR := /usr/share/texlive/texmf-dist/fonts/opentype/public/fandol
FANDOL_CONF := /etc/fonts/conf.d/09-digestconv-fandol.conf
PY := $(VENV)/bin/python
APT_PACKAGES := fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming fonts-dejavu-core texlive-lang-chinese epubcheck poppler-utils libreoffice-writer-nogui libharfbuzz-subset0 tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng libgs-common chromium

.PHONY: setup system-deps demo test lint bench examples docs man catalogs clean

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y --no-install-recommends $$missing; \
	fi
	@# Debian's texlive keeps the Fandol fonts (FangSong, Kai for gbt9704) out of fontconfig's sight
	@if [ -d $(FANDOL_DIR) ] && ! [ -e $(FANDOL_CONF) ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  printf '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>%s</dir></fontconfig>\n' $(FANDOL_DIR) | $$SUDO tee $(FANDOL_CONF) >/dev/null; \
	  $$SUDO fc-cache -f >/dev/null; \
	fi

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q -e '.[test,docs,dask,review,ocr]' --config-settings editable_mode=compat
	touch $@

setup: system-deps $(VENV)/.installed

demo: setup
	$(VENV)/bin/digestconv convert seeds/ --to all --variant all -o out/

test: setup
	$(PY) -m pytest -q

lint: setup
	$(VENV)/bin/ruff check digestconv tests benchmarks examples docs tools

# The CLI's gettext catalogs: collect the messages, derive zh_TW and zh_HK from zh_CN, compile the .mo files.
catalogs: setup
	$(PY) tools/catalogs.py

bench: setup
	$(PY) benchmarks/normalize.py
	$(PY) benchmarks/variants.py
	$(PY) benchmarks/writers.py
	$(PY) benchmarks/batch.py
	$(PY) benchmarks/review.py

examples: setup
	$(PY) examples/make_examples.py
	$(PY) examples/make_review_screenshots.py

# The API reference and the pages of docs/ as HTML in build/docs/; a warning is an error.
docs: setup
	$(PY) -m sphinx -W --keep-going -q -b html docs build/docs

# The man pages of docs/man/, from the click commands.
man: setup
	$(PY) docs/make_man.py

clean:
	rm -rf out/ build/ dist/ *.egg-info
