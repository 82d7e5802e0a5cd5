"""``python -m batuta`` runs the CLI."""

from batuta.cli import main

raise SystemExit(main())
