"""``python -m sbcm_tui`` is the same as the ``sbcm`` command."""

import sys

from sbcm_tui.cli import main

sys.exit(main())
