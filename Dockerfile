# Portal Współpracy: one image for web (gunicorn), worker and beat (Celery).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app

# WeasyPrint's libraries (Pango, HarfBuzz), fonts with Polish glyphs, MIME types
# for uploads and gettext for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        fonts-dejavu-core fontconfig shared-mime-info gettext \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system portal \
    && useradd --system --gid portal --home-dir /app --shell /usr/sbin/nologin portal

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY pyproject.toml README.md ./
COPY cooperation/__init__.py cooperation/__init__.py
COPY ngos/__init__.py ngos/__init__.py
COPY grants/__init__.py grants/__init__.py
COPY consultations/__init__.py consultations/__init__.py
COPY workshops/__init__.py workshops/__init__.py
# Only the dependencies stay installed: the code runs from /app, next to its
# templates, static files and translations.
RUN pip install . && pip uninstall -y portal-wspolpracy

COPY . .
RUN SECRET_KEY=build-only-not-secret python manage.py collectstatic --no-input -v 0 \
    && SECRET_KEY=build-only-not-secret python manage.py compilemessages --ignore '.venv' -v 0 \
    && mkdir -p /data/media \
    && chown -R portal:portal /data /app/staticfiles

USER portal
VOLUME ["/data/media"]
EXPOSE 8000
ENV MEDIA_ROOT=/data/media

CMD ["gunicorn", "cooperation.wsgi:application", "--bind", "0.0.0.0:8000", \
     "--workers", "3", "--access-logfile", "-", "--forwarded-allow-ips", "*"]
