"""Operations over the store for the CLI and the GUI: the demo program, queries, export
and import. Free of Qt; see ARCHITECTURE.md."""
