"""The calendar views: Day and Week (hour grid), Month, Agenda, Venue timeline.

Each reads the shared :class:`~cpp_scheduler.gui.eventmodel.EventFilterProxy` and repaints
when it signals a change; none holds data of its own beyond a layout cache.
"""
