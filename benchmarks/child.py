"""What the benchmarks that run the ``digestconv`` command share: the command, and a wrapper that measures it."""

from __future__ import annotations

import sys
from pathlib import Path

# Run as ``python -c MEASURE command...``: runs the command, then prints its peak resident set
# (KiB; the largest of it and its waited-for descendants), its exit code and its CPU seconds to stderr.
MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(usage.ru_maxrss, code, usage.ru_utime + usage.ru_stime, file=sys.stderr)\n"
)


def digestconv() -> list[str]:
    """The installed command next to this Python, else the module."""
    script = Path(sys.executable).with_name("digestconv")
    return [str(script)] if script.exists() else [sys.executable, "-m", "digestconv.cli"]
