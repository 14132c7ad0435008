"""The batch report: what was converted, what failed and why, and how long it took."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from digestconv.batch.tasks import FileResult

EXIT_OK = 0
EXIT_FAILURES = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


@dataclass
class BatchReport:
    """The outcome of a batch; ``to_dict()`` is what ``--report FILE.json`` holds."""

    files: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False
    planned_files: int = 0
    jobs: int = 1
    executor: str = "local"

    @property
    def written(self) -> int:
        """Outputs written."""
        return sum(f.written for f in self.files)

    @property
    def skipped(self) -> int:
        """Outputs left as they were (``--skip-existing``)."""
        return sum(f.skipped for f in self.files)

    @property
    def failed(self) -> int:
        """Outputs not written because of a failure."""
        return sum(f.failed for f in self.files)

    @property
    def failed_files(self) -> int:
        """Inputs with at least one failure."""
        return sum(not f.ok for f in self.files)

    @property
    def failures(self) -> list[str]:
        """Every failure as one line naming the file and the reason."""
        return [line for f in self.files for line in f.failure_lines()]

    @property
    def ok(self) -> bool:
        """True when every planned output was written (or skipped) and nothing was interrupted."""
        return not self.interrupted and self.failed_files == 0

    @property
    def exit_code(self) -> int:
        """0 when all went well, 1 when something failed, 130 when interrupted."""
        if self.interrupted:
            return EXIT_INTERRUPTED
        return EXIT_OK if self.ok else EXIT_FAILURES

    def summary(self) -> str:
        """The closing line: files, outputs, failures and seconds."""
        files = f"{len(self.files)} file{'s' if len(self.files) != 1 else ''}"
        if self.interrupted:
            files = f"{len(self.files)} of {self.planned_files} files"
        parts = [files, f"{self.written} output{'s' if self.written != 1 else ''} written"]
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        parts.append(f"{len(self.failures)} failure{'s' if len(self.failures) != 1 else ''}")
        return ", ".join(parts) + f" in {self.seconds:.1f} s"

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON data."""
        return {
            "files": len(self.files),
            "planned_files": self.planned_files,
            "outputs": self.written,
            "skipped": self.skipped,
            "failed_outputs": self.failed,
            "failed_files": self.failed_files,
            "failures": self.failures,
            "seconds": round(self.seconds, 3),
            "interrupted": self.interrupted,
            "exit_code": self.exit_code,
            "jobs": self.jobs,
            "executor": self.executor,
            "results": [f.to_dict() for f in self.files],
        }
