"""Messages of third-party packages that the portal translates or corrects.

``makemessages`` only collects strings from the portal's own code, so the
msgids below are listed here to keep them in ``locale/``: the portal's
catalogue comes first (``LOCALE_PATHS``) and overrides the packages' own.
Nothing imports this module.
"""

from django.utils.translation import gettext_noop

STRINGS = [
    # Django: the Polish catalogue capitalises the names of weekdays, which Polish
    # writes in lower case except at the start of a sentence ("w niedzielę, 13
    # grudnia"); a template capitalises a date that opens a line (``capfirst``).
    gettext_noop("Monday"),
    gettext_noop("Tuesday"),
    gettext_noop("Wednesday"),
    gettext_noop("Thursday"),
    gettext_noop("Friday"),
    gettext_noop("Saturday"),
    gettext_noop("Sunday"),
    # django-allauth: the Polish catalogue spells "Wprowadź" with a wrong letter.
    gettext_noop("Enter your password:"),
    gettext_noop("Enter Password Reset Code"),
    # django-allauth's e-mails: "Witamy z <site>!" does not read well with the
    # portal's name.
    gettext_noop("Please Confirm Your Email Address"),
    gettext_noop("Hello from %(site_name)s!"),
    gettext_noop("Thank you for using %(site_name)s!\n%(site_domain)s"),
    # django-celery-beat has no Polish catalogue: the administration's section for
    # scheduled jobs.
    gettext_noop("Periodic Tasks"),
    gettext_noop("periodic task"),
    gettext_noop("periodic tasks"),
    gettext_noop("periodic task track"),
    gettext_noop("periodic task tracks"),
    gettext_noop("interval"),
    gettext_noop("intervals"),
    gettext_noop("clocked"),
    gettext_noop("crontab"),
    gettext_noop("crontabs"),
    gettext_noop("solar event"),
    gettext_noop("solar events"),
    gettext_noop("Enabled"),
    gettext_noop("Description"),
    gettext_noop("Task (registered)"),
    gettext_noop("Task (custom)"),
    gettext_noop("Interval Schedule"),
    gettext_noop("Crontab Schedule"),
    gettext_noop("Solar Schedule"),
    gettext_noop("Clocked Schedule"),
    gettext_noop("Schedule"),
    gettext_noop("Arguments"),
    gettext_noop("Positional Arguments"),
    gettext_noop("Keyword Arguments"),
    gettext_noop("Start Datetime"),
    gettext_noop("Last Run Datetime"),
    gettext_noop("Total Run Count"),
    gettext_noop("One-off Task"),
    gettext_noop("Short Description For This Task"),
    gettext_noop("Number of Periods"),
    gettext_noop("Interval Period"),
    gettext_noop("Clock Time"),
    gettext_noop("Enable selected tasks"),
    gettext_noop("Disable selected tasks"),
    gettext_noop("Run selected tasks"),
    gettext_noop("Toggle activity of selected tasks"),
    gettext_noop("Days"),
    gettext_noop("Hours"),
    gettext_noop("Minutes"),
    gettext_noop("Seconds"),
    gettext_noop("Last Modified"),
    # Django REST framework's Polish catalogue writes its tokens' plural name with a
    # capital letter.
    gettext_noop("Token"),
    gettext_noop("Tokens"),
]
