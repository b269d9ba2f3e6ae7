"""``runserver`` that tells where e-mails go and links them to the address it serves.

In development (``DEBUG`` on and no ``SITE_URL`` in the environment) the links in
e-mails, PDFs and the calendar feed follow the address and port the server was started
on, so they work whichever port is chosen.
"""

from __future__ import annotations

import os

from django.conf import settings
from whitenoise.runserver_nostatic.management.commands.runserver import (
    Command as WhiteNoiseRunserver,
)

from cooperation.site.firstrun import mail_destination


class Command(WhiteNoiseRunserver):
    def inner_run(self, *args, **options):
        if settings.DEBUG and "SITE_URL" not in os.environ:
            host = f"[{self.addr}]" if self._raw_ipv6 else self.addr
            if host == "0":
                host = "0.0.0.0"  # noqa: S104 - what the person asked to listen on
            settings.SITE_URL = f"{self.protocol}://{host}:{self.port}"
            if settings.SITE_URL not in settings.CSRF_TRUSTED_ORIGINS:
                settings.CSRF_TRUSTED_ORIGINS = [
                    *settings.CSRF_TRUSTED_ORIGINS,
                    settings.SITE_URL,
                ]
        self.stdout.write(f"Links in e-mails point to {settings.SITE_URL}")
        self.stdout.write(f"E-mails: {mail_destination()}.")
        super().inner_run(*args, **options)
