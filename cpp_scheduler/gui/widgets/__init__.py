"""Field widgets the editor dialogs share: zone and record pickers, searchable check lists,
time ranges, optional dates, the series editor and the chooser for ambiguous clock times;
and the sidebar's filter lists, found by typing as the pickers are.

Designer forms place them as promoted widgets, so each lives in a module of its own.
"""
