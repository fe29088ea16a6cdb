"""Python modules compiled from the Qt Designer forms in ``ui/`` by ``tools/build_forms.py``.

The ``ui_*.py`` modules are generated: edit the ``.ui`` file and rebuild, never the module.
"""
