"""``python -m service.cli``: the ``partner-match`` command line."""

from service.cli.main import main

raise SystemExit(main())
