"""``python -m digestconv.cli``: the same command line as the ``digestconv`` script."""

from digestconv.cli import run

run()
