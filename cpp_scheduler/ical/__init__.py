"""iCalendar files (RFC 5545, RFC 7986) on the icalendar library, free of Qt and of
database sessions: :mod:`.export` writes model objects, :mod:`.importer` reads files to
plain values, :mod:`.scopes` decides what each file carries, :mod:`.vtimezone` writes
zones every client reads alike."""
