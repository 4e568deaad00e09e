"""``python -m mock_server.cli``: the same as ``mock-server``."""

import sys

from mock_server.cli import main

sys.exit(main())
