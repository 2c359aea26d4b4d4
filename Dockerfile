# syntax=docker/dockerfile:1
# Build stage: the pinned dependencies, and the app installed in place (so Alembic finds
# alembic.ini and migrations/ beside the package).
FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /srv/openings
RUN python -m venv /opt/venv
COPY requirements.lock ./
RUN /opt/venv/bin/pip install --require-hashes -r requirements.lock
COPY pyproject.toml README.md alembic.ini ./
COPY app ./app
COPY migrations ./migrations
RUN /opt/venv/bin/pip install --no-deps -e .

# Runtime stage: the virtualenv and the source tree, run as an unprivileged user.
FROM python:3.11-slim AS runtime
ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
RUN groupadd --system --gid 10001 openings \
 && useradd --system --uid 10001 --gid openings --home-dir /srv/openings openings
WORKDIR /srv/openings
COPY --from=build /opt/venv /opt/venv
COPY --from=build /srv/openings /srv/openings
RUN mkdir -p /srv/openings/var && chown 10001:10001 /srv/openings/var
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"]
CMD ["openings", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
