"""Tables and the program's report, as plain structures, and the spreadsheets they go to.

Nothing here reads the database or imports Qt: :mod:`cpp_scheduler.services.reports`
reads the program into plain facts (:mod:`.facts`) in one read transaction, the builders
here turn them into :class:`~.tables.Table` values and a :class:`~.program.ProgramReport`,
and the writers (:mod:`.xlsx`, :mod:`.csvfile`) put tables in files. The window, the
command line and the tests all see the same tables.
"""
