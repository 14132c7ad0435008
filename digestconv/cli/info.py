"""``digestconv formats`` and ``digestconv rules``: what this installation can read, write and repair."""

from __future__ import annotations

import click

from digestconv.cli._errors import reports_errors


@click.command()
@reports_errors
def formats() -> None:
    """List the installed readers and writers (entry points)."""
    from digestconv.plugins import readers, writers

    click.echo("Readers:")
    for reader in readers():
        click.echo(f"  {reader.name:10} {' '.join(reader.extensions):14} {reader.description}")
    click.echo("Writers:")
    for writer in writers():
        click.echo(f"  {writer.name:10} {' '.join(writer.extensions):14} {writer.description}")


@click.command()
def rules() -> None:
    """List the normalization rules, chain by chain, with their sections of docs/spec/normalization.md."""
    from digestconv.readers.ocr.registry import all_rules

    click.echo("§: the section of the normalization spec, docs/spec/normalization.md")
    chain = ""
    for r in all_rules():
        if r.chain != chain:
            chain = r.chain
            click.echo(f"{chain}:")
        click.echo(f"  {r.name:26} {r.section:4} {r.summary}")
