"""The site's own pages: home, calendar feed, accessibility statement, privacy notice.

This is the only part of the portal that imports the apps it shows.
"""
