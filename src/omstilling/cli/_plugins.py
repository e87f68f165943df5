"""The plugins command, and new-plugin, which starts a plugin package."""

from __future__ import annotations

import json
import os
import sys

import attrs
import click

from ._common import (
    _as_messages,
    cli,
)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def plugins(as_json: bool) -> None:
    """List the installed plugins, what they register, and what failed to load.

    A plugin that takes longer than OMSTILLING_PLUGIN_TIMEOUT seconds (10) to load
    failed to load; what plugins print while loading goes to standard error.

    Exits 1 if two plugins register the same id (or, in strict mode, if a plugin
    failed to load).
    """
    from ..plugins import PluginError, load_plugins

    try:
        loaded = load_plugins()
    except PluginError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    infos, conflicts = loaded.info(), loaded.conflicts()
    if as_json:
        payload = {
            "plugins": [attrs.asdict(info) for info in infos],
            "failures": [attrs.asdict(failure) for failure in loaded.failures],
            "conflicts": conflicts,
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for info in infos:
            version = (
                f"{info.distribution} {info.version}" if info.distribution else "(not installed)"
            )
            click.echo(f"{info.name}: {version}")
            click.echo(f"  hooks:     {', '.join(info.hooks) or '-'}")
            for label, items in (
                ("formats", info.formats),
                ("exporters", info.exporters),
                ("importers", info.importers),
            ):
                if items:
                    click.echo(f"  {label + ':':10} {', '.join(items)}")
        for failure in loaded.failures:
            where = f"{failure.distribution} {failure.version}" if failure.distribution else "?"
            click.echo(f"{failure.name}: FAILED to load ({where}): {failure.error}")
    for conflict in conflicts:
        click.echo(f"error: {conflict}", err=True)
    sys.exit(1 if conflicts else 0)


@cli.command("new-plugin")
@click.argument("name")
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="The directory to write the package to (default: omstilling-NAME here).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Write into a directory that is not empty: the package's files are replaced, "
    "other files are left alone.",
)
def new_plugin(name: str, output: str | None, force: bool) -> None:
    """Write a new plugin package for a municipality's own report format.

    NAME is a lower-case word (letters, digits, hyphens: "nord-fron"). The package is
    the distribution omstilling-NAME with the module omstilling_NAME and the entry
    point NAME, and holds one report format, NAME.milepaeler, its tests (with
    omstilling's kit), a docs page, a README and an MIT licence. It installs and
    passes its tests as it is.

    Exits 2 for a name that cannot name a plugin, 1 if the directory is not empty
    (without --force).
    """
    from ..cycle import new_plugin as make_plugin
    from ..cycle import plugin_name

    with _as_messages("new-plugin"):
        plugin_name(name)
    with _as_messages(output or f"omstilling-{name}"):
        made = make_plugin(name, output, force=force)
    click.echo(f"wrote {made.distribution} to {made.directory}{os.sep}:")
    for file in made.files:
        click.echo(f"  {file}")
    click.echo("next:")
    click.echo(f"  pip install -e '{made.directory}[test]'")
    click.echo(f"  pytest {made.directory}")
    click.echo(f"  omstilling plugins       # lists {made.name}: {made.format_id}")
