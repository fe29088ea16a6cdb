"""Operations over the store that combine the model, scheduling and storage layers.

Free of Qt: the CLI and the GUI both call them.
"""
