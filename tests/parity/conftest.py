"""The parity tests open the real window with its tools, as the tools' own tests do."""

from tests.gui.tools.conftest import open_window, settings_folder  # noqa: F401  (fixtures)
