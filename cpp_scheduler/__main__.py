"""``python -m cpp_scheduler`` behaves exactly like the ``cpp-scheduler`` command."""

import sys

from cpp_scheduler.cli import main

sys.exit(main())
