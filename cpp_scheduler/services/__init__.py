"""Operations that combine the store, the model, the engine and the file formats for the
CLI and the GUI: the demo program, queries, snapshots, export and import. Free of Qt; see
ARCHITECTURE.md."""
