"""The desktop application: Qt widgets, dialogs and models over the library.

The only package that imports Qt; everything it shows comes from the services below it.
"""
