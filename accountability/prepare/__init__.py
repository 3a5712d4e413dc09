"""Build the prepared store from the published raw folder: `python -m accountability.prepare`.

`build` reads every publisher's files (through `accountability.sources`), adds intervals and market
measures (`accountability.methods`), and `validate` runs the named checks before the store is
replaced. Nothing here is used by the app at run time.
"""

from accountability.prepare.build import READERS, BuildFailed, assemble, build
from accountability.prepare.cli import main

__all__ = ["READERS", "BuildFailed", "assemble", "build", "main"]
