"""``python -m sbcm_tui`` is the same as the ``sbcm`` command."""

import sys

from sbcm_tui.cli import main

if __name__ == "__main__":  # guarded: the caseload index may spawn worker processes
    sys.exit(main())
