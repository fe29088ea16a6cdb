"""Operations over the store for the CLI and the GUI (see ARCHITECTURE.md)."""
