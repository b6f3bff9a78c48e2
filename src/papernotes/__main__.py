"""`python -m papernotes` runs the command line."""

import sys

from papernotes.cli import main

sys.exit(main())
