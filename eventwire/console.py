"""The consoles every CLI command prints to (one place, so tables look the same everywhere)."""
import sys

from rich.console import Console

# Piped output is read in files and logs: give tables room instead of the 80-column default.
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, width=None if sys.stderr.isatty() else 160)
