"""The documents people hold in their hands: a delegation's itinerary, a conference's
programme, a day's run sheet.

Each is read from the program in one session into plain frozen values, then written as
HTML (every piece of text escaped) in sections a renderer may keep on one page. Nothing
here imports Qt: the command line and the tests check the content as it is, and
``cpp_scheduler.gui.printing`` turns it into a PDF or sends it to a printer.
"""
