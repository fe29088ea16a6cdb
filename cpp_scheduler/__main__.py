"""``python -m cpp_scheduler`` behaves exactly like the ``cpp-scheduler`` command."""

import sys

from cpp_scheduler.cli import main

if __name__ == "__main__":  # not when a worker process re-imports the main module
    sys.exit(main())
