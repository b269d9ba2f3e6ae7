"""The portal's date formats per language (``FORMAT_MODULE_PATH``).

Templates, e-mails and PDFs name a format (``date:"DATE_FORMAT"``, ``DATETIME_FORMAT``,
``SHORT_DATE_FORMAT``) instead of spelling one out, so each language shows every
date one way: "13 grudnia 2026, 15:00" and "13 December 2026, 15:00". Input
formats and anything not set here come from Django's own locale.
"""
