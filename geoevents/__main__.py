"""``python -m geoevents`` runs the command line."""

from geoevents.cli import main

main()
