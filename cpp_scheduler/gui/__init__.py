"""The desktop application: item models over the store, calendar views, dialogs, undo.

The only package that imports Qt. It calls the services and the model; nothing below it
imports it.

The only package that imports Qt; everything it shows comes from the services below it.
"""
