# Swift-NN: the two commands of the README stand on these targets.
#   make        install what is needed, build, install the kernelspec, run the notebooks to HTML
#   make test   install what the tests need, build once, run every test
# Both work on a fresh Debian/Ubuntu machine; apt packages are installed when missing.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# One release build serves the binary, the Swift tests and the Python tests (built once).
SWIFT_FLAGS := -c release -Xswiftc -enable-testing
BIN := .build/release/swift-nn-kernel
APT_PACKAGES := libzmq3-dev libopenblas-dev python3-venv pkg-config
HTML_OUT := out/notebooks

.PHONY: all deps venv venv-lab build kernelspec notebooks test test-swift test-python bench bench-smoke clean

all: deps venv-lab build kernelspec notebooks

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing apt packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

$(VENV)/.installed: requirements.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-lab: requirements-lab.txt $(VENV)/.installed
	$(PY) -m pip install -q -r requirements-lab.txt
	touch $@

venv: $(VENV)/.installed
venv-lab: $(VENV)/.installed-lab

build: deps
	swift build $(SWIFT_FLAGS)

kernelspec: build venv
	VIRTUAL_ENV=$(abspath $(VENV)) $(BIN) install --sys-prefix

notebooks: kernelspec
	@mkdir -p $(HTML_OUT)
	$(VENV)/bin/jupyter nbconvert --to html --execute --ExecutePreprocessor.kernel_name=swift-nn \
	  --ExecutePreprocessor.timeout=600 --output-dir $(HTML_OUT) notebooks/*.ipynb
	@echo; echo "The executed notebooks are in $(abspath $(HTML_OUT)):"; ls -1 $(HTML_OUT)/*.html

test: deps venv build kernelspec test-swift test-python bench-smoke

test-swift: build
	swift test $(SWIFT_FLAGS)

test-python: kernelspec
	SWIFT_NN_KERNEL=$(abspath $(BIN)) SWIFT_TEST_FLAGS="$(SWIFT_FLAGS)" $(VENV)/bin/pytest -q Tests/protocol Tests/python Tests/notebooks

bench-smoke: kernelspec
	SWIFT_NN_KERNEL=$(abspath $(BIN)) $(PY) bench/run.py --smoke

bench: kernelspec
	SWIFT_NN_KERNEL=$(abspath $(BIN)) $(PY) bench/run.py

clean:
	rm -rf .build out
