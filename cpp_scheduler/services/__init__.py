"""Operations over the store for the CLI and the GUI: the demo program, queries, snapshots
of the program for the scheduling engine, export and import. Free of Qt; see
ARCHITECTURE.md."""
