"""`python -m accountability.prepare`: rebuild (or `--check`) the prepared store."""

import sys

from accountability.prepare.cli import main

sys.exit(main())
