"""The desktop application: Qt widgets, dialogs and models over the library."""
