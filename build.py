#!/usr/bin/env python3
"""Build the portal: `python build.py --help` lists the commands and options."""

import sys

from sitegen.cli import main

if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # the output was piped into a command that stopped reading (head)
        sys.stderr.close()
        sys.exit(0)
