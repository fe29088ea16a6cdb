"""Operations that combine the store, the model and the engine for the CLI and the GUI."""
