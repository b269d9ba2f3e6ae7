"""Settings for Portal Współpracy, read from the environment (see ``.env.example``).

The embedded default (no environment at all) is SQLite with Celery tasks run
in-process, so ``make run`` needs no service. Production sets ``DATABASE_URL``
(PostgreSQL) and ``REDIS_URL`` (broker and cache).
"""

from datetime import date
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (see .env.example)."
        )
    SECRET_KEY = "development-only-not-secret"  # noqa: S105

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

# The municipality running this portal: shown in the header, the admin, PDFs, the
# privacy notice and the accessibility statement.
MUNICIPALITY_NAME = env("MUNICIPALITY_NAME", default="Gmina Radlin")
MUNICIPALITY_OFFICE = env("MUNICIPALITY_OFFICE", default="Urząd Miasta Radlin")
# The executive organ (organ wykonawczy) that announces competitions, in the nominative.
MUNICIPALITY_EXECUTIVE = env(
    "MUNICIPALITY_EXECUTIVE", default="Burmistrz Miasta Radlin"
)
MUNICIPALITY_ADDRESS = env(
    "MUNICIPALITY_ADDRESS", default="ul. Józefa Rymera 15, 44-310 Radlin"
)
# Who signs contracts for the municipality (name and office); empty: the executive.
MUNICIPALITY_REPRESENTATIVE = env("MUNICIPALITY_REPRESENTATIVE", default="")
# Contracts after open competitions: the number pattern ({number} sequential per year,
# {year}) and the shift between cost items allowed without an annex, unless the
# competition sets its own.
CONTRACT_NUMBER_PATTERN = env("CONTRACT_NUMBER_PATTERN", default="{number}/{year}/OPP")
CONTRACT_COST_SHIFT_PERCENT = env.int("CONTRACT_COST_SHIFT_PERCENT", default=10)
# Small grants (art. 19a): the statutory limits as they stand today.
SMALL_GRANT_MAX_AMOUNT = env.str("SMALL_GRANT_MAX_AMOUNT", default="10000.00")
SMALL_GRANT_MAX_DAYS = env.int("SMALL_GRANT_MAX_DAYS", default=90)
SMALL_GRANT_YEARLY_LIMIT = env.str("SMALL_GRANT_YEARLY_LIMIT", default="20000.00")
SMALL_GRANT_POOL_PERCENT = env.int("SMALL_GRANT_POOL_PERCENT", default=20)
SMALL_GRANT_COMMENT_DAYS = env.int("SMALL_GRANT_COMMENT_DAYS", default=7)
# Working days from receipt within which a worthwhile offer is published.
SMALL_GRANT_PUBLISH_WORKING_DAYS = env.int(
    "SMALL_GRANT_PUBLISH_WORKING_DAYS", default=7
)
# Whether anyone with a confirmed e-mail (not only a logged-in person) may comment.
SMALL_GRANT_ANONYMOUS_COMMENTS = env.bool(
    "SMALL_GRANT_ANONYMOUS_COMMENTS", default=False
)
MUNICIPALITY_EMAIL = env("MUNICIPALITY_EMAIL", default="urzad@radlin.example")
MUNICIPALITY_PHONE = env("MUNICIPALITY_PHONE", default="+48 32 000 00 00")
MUNICIPALITY_BIP_URL = env("MUNICIPALITY_BIP_URL", default="https://bip.radlin.example")
DPO_NAME = env("DPO_NAME", default="Inspektor Ochrony Danych")
DPO_EMAIL = env("DPO_EMAIL", default="iod@radlin.example")
DPO_PHONE = env("DPO_PHONE", default="")
# Accessibility statement (deklaracja dostępności): dates and the person to contact.
ACCESSIBILITY_PUBLISHED_ON = date.fromisoformat(
    env("ACCESSIBILITY_PUBLISHED_ON", default="2026-11-01")
)
ACCESSIBILITY_UPDATED_ON = date.fromisoformat(
    env("ACCESSIBILITY_UPDATED_ON", default="2026-11-27")
)
ACCESSIBILITY_CONTACT_NAME = env(
    "ACCESSIBILITY_CONTACT_NAME", default="Koordynator ds. dostępności"
)
ACCESSIBILITY_CONTACT_EMAIL = env(
    "ACCESSIBILITY_CONTACT_EMAIL", default="dostepnosc@radlin.example"
)
ACCESSIBILITY_CONTACT_PHONE = env(
    "ACCESSIBILITY_CONTACT_PHONE", default="+48 32 000 00 01"
)

INSTALLED_APPS = [
    # First, so that its ``runserver`` (links follow the address served) wraps
    # whitenoise's and staticfiles'.
    "cooperation.site",
    "cooperation.core.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_celery_beat",
    "simple_history",
    "csp",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    # The portal, in the order of its layers: shared machinery, the NGO registry,
    # the areas of cooperation (the site's own pages are listed first).
    "cooperation.core",
    "ngos",
    "cooperation.programme",
    "cooperation.nonfinancial",
    "cooperation.council",
    "grants",
    "consultations",
    "workshops",
    "cooperation.evaluation",
    "cooperation.api",
]

# Django's widget templates through Jinja2, the rest through Django's engine.
FORM_RENDERER = "cooperation.core.rendering.FormRenderer"

MIDDLEWARE = [
    # First: the moment a request arrived is what deadlines are checked against.
    "cooperation.core.middleware.RequestArrivalMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cooperation.accounts.middleware.StaffTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "cooperation.urls"
WSGI_APPLICATION = "cooperation.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cooperation.core.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections: the Polish text-search dictionary is loaded once per
    # connection, which is expensive.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "cooperation.User"
AUTHENTICATION_BACKENDS = [
    # Django's ModelBackend, with each person's permissions kept in the cache.
    "cooperation.core.auth_backends.PermissionsCacheBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "account-overview"
LOGOUT_REDIRECT_URL = "home"

# django-allauth: e-mail is the identity, confirmed before the first log-in.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "cooperation.accounts.forms.SignupNameForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# A password reset for an address without an account sends nothing, so a reset
# answers alike (and as fast) whether the address is known or not.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Reverse proxies in front of the portal that append the client's address to
# X-Forwarded-For (0: none, the connecting address is the client's). Log-in rate
# limits count per client address and per account: with the count wrong, everyone
# behind the proxy would share one address and one person's wrong passwords would
# lock the others out.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# Wrong passwords: 5 per account, and more per address, which an office's or a
# school's network shares between many people.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "30/5m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "20/h/ip,5/h/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_ADAPTER = "cooperation.accounts.adapter.AccountAdapter"
ACCOUNT_USER_DISPLAY = "cooperation.accounts.adapter.user_display"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", default="Portal Współpracy")

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One way of writing dates per language (cooperation/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["cooperation.formats"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files are served by the portal, each after a check of who may see it
# (cooperation/core/uploads.py); MEDIA_ROOT is never a public folder.
MEDIA_URL = "/pliki/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Behind nginx ("X-Accel-Redirect") or Apache/lighttpd ("X-Sendfile") the proxy sends
# the bytes of a file once the portal has allowed it; empty: the portal sends them.
MEDIA_SENDFILE_HEADER = env("MEDIA_SENDFILE_HEADER", default="")
# With X-Accel-Redirect: the proxy's internal location that maps to MEDIA_ROOT.
MEDIA_SENDFILE_PREFIX = env("MEDIA_SENDFILE_PREFIX", default="/protected-media/")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Rendered public pages are kept this many seconds for anonymous visitors (any
# change of the portal's data renders them again; 0 turns the cache off).
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=60)
# Expensive parts of pages (a directory's results, a programme's priorities, the
# comments of a consultation) are kept this many seconds for every visitor, logged in
# or not; a change of what they show renders them again (0 turns them off).
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=60)

# Cache, broker and background work. Redis is a help, never a condition: the cache
# answers as an empty cache while Redis is down (cooperation/core/cache_backend.py),
# sessions live in the database, and tasks that cannot be queued wait in the outbox
# for the periodic sweep.
REDIS_URL = env("REDIS_URL", default="")
# Seconds a connection to Redis or a command may take before it counts as an outage.
REDIS_TIMEOUT = env.float("REDIS_TIMEOUT", default=0.5)
# After a cache or broker failure, seconds during which a process does not try that
# Redis again: pages are rendered without the cache, tasks wait in the outbox.
REDIS_RETRY_SECONDS = env.float("REDIS_RETRY_SECONDS", default=30)
# Seconds a task may stay unacknowledged on the broker before it is handed to another
# worker (a worker killed mid-task); longer than the longest task.
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=1800)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cooperation.core.cache_backend.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            "RETRY_AFTER": REDIS_RETRY_SECONDS,
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT,
                "socket_timeout": REDIS_TIMEOUT,
            },
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = True
# A session is a database row, read through the cache: a Redis outage logs nobody
# out, and a copy outlives a change made during an outage by SESSION_CACHE_SECONDS.
SESSION_ENGINE = "cooperation.accounts.sessions"
SESSION_CACHE_SECONDS = env.int("SESSION_CACHE_SECONDS", default=60)
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
# The outbox is the source of truth; a task is acknowledged only when done, so one
# lost with a killed worker is handed out again after the visibility timeout, and
# the periodic sweep picks up what an emptied Redis forgot.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# A request must not hang on a broker outage: connecting and publishing give up
# within a second when the broker is refused, three when it does not answer
# (cooperation.core.background.enqueue logs it and does not try again for
# REDIS_RETRY_SECONDS), and the periodic sweeps pick up whatever was not queued.
# A worker keeps retrying to connect.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "socket_connect_timeout": REDIS_TIMEOUT,
    # Above the worker's 1-second BRPOP polls, short enough for a request.
    "socket_timeout": max(REDIS_TIMEOUT, 2.0),
    "max_retries": 1,
}

# Seconds after which a message claimed for sending and not recorded as sent (its
# worker died) is marked uncertain: it may have reached the mail server. Far longer
# than EMAIL_TIMEOUT.
NOTIFICATION_SENDING_TIMEOUT = env.int("NOTIFICATION_SENDING_TIMEOUT", default=600)
# Send uncertain messages again by themselves (the same Message-ID lets mail programs
# recognise a repeat) instead of leaving the choice to a clerk.
NOTIFICATION_UNCERTAIN_RESEND = env.bool("NOTIFICATION_UNCERTAIN_RESEND", default=False)
# The hour (Europe/Warsaw) from which the digest of the day (or week) before is
# built and sent.
NOTIFICATION_DIGEST_HOUR = env.int("NOTIFICATION_DIGEST_HOUR", default=7)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Portal Współpracy <portal@radlin.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 10

# Security. Production values come from the environment; ``check --deploy`` is
# clean with DEBUG off and SITE_URL on https.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# Preloading commits the whole domain to HTTPS for good: the municipality opts in.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = (["security.W008"] if not SECURE_SSL_REDIRECT else []) + (
    ["security.W021"] if not SECURE_HSTS_PRELOAD else []
)
# Nothing is loaded from another host: the portal works on a closed network.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
    },
}

# Rules of the Act that municipalities and amendments change: kept as settings so a
# deployment can follow its own resolutions without a code change.
PORTAL_RULES = {
    # art. 13 ust. 1: at least 21 days between publication and the offer deadline.
    "COMPETITION_MIN_DAYS": env.int("COMPETITION_MIN_DAYS", default=21),
    # Local consultation resolution (art. 5 ust. 5): minimum length of a consultation.
    "CONSULTATION_MIN_DAYS": env.int("CONSULTATION_MIN_DAYS", default=7),
    # Days after the end of a consultation by which the report is due.
    "CONSULTATION_REPORT_DAYS": env.int("CONSULTATION_REPORT_DAYS", default=30),
    # Reminder lead times, in days before the deadline.
    "OFFER_REMINDER_DAYS": env.list("OFFER_REMINDER_DAYS", cast=int, default=[3, 1]),
    "CONSULTATION_REMINDER_DAYS": env.int("CONSULTATION_REMINDER_DAYS", default=3),
    "SCORING_REMINDER_DAYS": env.int("SCORING_REMINDER_DAYS", default=2),
    # Days a clerk has to answer a demand for the reasons of a choice (art. 15 ust. 2j).
    "REASONS_ANSWER_DAYS": env.int("REASONS_ANSWER_DAYS", default=30),
    "REASONS_REMINDER_DAYS": env.int("REASONS_REMINDER_DAYS", default=3),
    # art. 12 ust. 2: an own-initiative proposal is answered within 1 month of its
    # arrival; the clerks are reminded this many days before.
    "PROPOSAL_ANSWER_MONTHS": env.int("PROPOSAL_ANSWER_MONTHS", default=1),
    "PROPOSAL_REMINDER_DAYS": env.int("PROPOSAL_REMINDER_DAYS", default=7),
    # Reports on contracts (art. 18): the representatives are reminded these many days
    # before a report is due, and once when it is this many days late (0: no reminder).
    "REPORT_REMINDER_DAYS": env.list("REPORT_REMINDER_DAYS", cast=int, default=[7, 1]),
    "REPORT_LATE_REMINDER_DAYS": env.int("REPORT_LATE_REMINDER_DAYS", default=1),
    # Local practice of lending: a lending agreement (umowa użyczenia) for a weekly
    # booking or one this many hours long, and at most this many dates in a series.
    "LENDING_AGREEMENT_HOURS": env.int("LENDING_AGREEMENT_HOURS", default=24),
    "LENDING_MAX_WEEKS": env.int("LENDING_MAX_WEEKS", default=52),
    # art. 41e ust. 1 (Dz.U. 2023 poz. 571): the executive creates the public benefit
    # council "na wspólny wniosek co najmniej 5 organizacji pozarządowych lub podmiotów
    # wymienionych w art. 3 ust. 3 [...] w terminie 2 miesięcy od dnia wpłynięcia
    # wniosku"; art. 41e ust. 3: "Kadencja [...] Rady Gminnej trwa 3 lata".
    "COUNCIL_REQUEST_MIN_ORGANISATIONS": env.int(
        "COUNCIL_REQUEST_MIN_ORGANISATIONS", default=5
    ),
    "COUNCIL_CREATION_MONTHS": env.int("COUNCIL_CREATION_MONTHS", default=2),
    "COUNCIL_TERM_YEARS": env.int("COUNCIL_TERM_YEARS", default=3),
    # art. 41i ust. 2: "Termin wyrażenia przez [...] Radę Gminną opinii wynosi 14 dni od
    # dnia doręczenia [...] projektu programu współpracy oraz projektu strategii".
    "COUNCIL_OPINION_DAYS": env.int("COUNCIL_OPINION_DAYS", default=14),
}

# The arrival of a request (what deadlines are checked against) is stamped by the
# portal; behind a reverse proxy that sets this header on every request (and
# overwrites any sent by the client) the proxy's stamp is taken instead.
REQUEST_START_HEADER = env("REQUEST_START_HEADER", default="")
# A proxy stamp older than this many seconds is a clock fault and is ignored.
REQUEST_START_MAX_AGE = env.int("REQUEST_START_MAX_AGE", default=300)

# Limits on what people send (cooperation/limits.py): characters per text field,
# megabytes per upload, and writes per person ("count/period", period in s, m, h, d).
TEXT_MAX_LENGTH = env.int("TEXT_MAX_LENGTH", default=20_000)
COMMENT_MAX_LENGTH = env.int("COMMENT_MAX_LENGTH", default=10_000)
DRAFT_MAX_LENGTH = env.int("DRAFT_MAX_LENGTH", default=300_000)
UPLOAD_MAX_MB = env.int("UPLOAD_MAX_MB", default=10)
# A .docx is a zip: the sum of its parts' uncompressed sizes is checked before parsing.
DOCX_MAX_UNCOMPRESSED_MB = env.int("DOCX_MAX_UNCOMPRESSED_MB", default=50)
RATE_LIMITS = {
    "comment": env("RATE_LIMIT_COMMENTS", default="20/10m"),
    "autosave": env("RATE_LIMIT_AUTOSAVE", default="300/10m"),
    "write": env("RATE_LIMIT_WRITES", default="60/10m"),
}

# Tests may turn "service missing" skips into failures (CI does).
PORTAL_REQUIRE_SERVICES = env.bool("PORTAL_REQUIRE_SERVICES", default=False)

# The open-data API (``/api/v1/``, cooperation/core/api.py): read-only, public records
# only. Requests a minute per client address without a token, and per token (tokens
# are issued by an administrator in the administration).
API_RATE_ANONYMOUS = env("API_RATE_ANONYMOUS", default="120/min")
API_RATE_TOKEN = env("API_RATE_TOKEN", default="1200/min")
API_PAGE_SIZE = env.int("API_PAGE_SIZE", default=50)
API_MAX_PAGE_SIZE = env.int("API_MAX_PAGE_SIZE", default=500)
# The licence of the open data (the bulk downloads and the API), as a URL.
OPEN_DATA_LICENCE_URL = env(
    "OPEN_DATA_LICENCE_URL",
    default="https://creativecommons.org/publicdomain/zero/1.0/",
)
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication"
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "cooperation.api.schema.PortalAutoSchema",
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Portal Współpracy — API",
    "DESCRIPTION": "Open data of the cooperation of the municipality with NGOs.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": False,
    # Each model's choices under their own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "CompetitionStatusEnum": "grants.models.CompetitionStatus",
        "OfferStatusEnum": "grants.models.OfferStatus",
        "ConsultationStatusEnum": "consultations.models.ConsultationStatus",
        "EventStatusEnum": "workshops.models.EventStatus",
        "ProgrammeStatusEnum": "cooperation.programme.models.ProgrammeStatus",
    },
}
