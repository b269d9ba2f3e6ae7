"""The shared machinery every app builds on.

Base models and the user, the workflow and its audit trail, the notification outbox,
reminders, stored PDFs, the page cache, registries. It imports no app of the portal.
"""
