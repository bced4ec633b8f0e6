"""Fact desk settings: one module, read from the environment.

Every variable names its embedded default next to it, so a first `make run`
needs no configuration at all (SQLite under var/, jobs run in-process).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _fetch_allow_private(value: str):
    value = value.strip()
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    return [net.strip() for net in value.split(",") if net.strip() and value.lower() not in {"0", "false", "no", "off"}]


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# DEBUG: unset → on, so a newcomer's first `make run` works; production sets DEBUG=0.
DEBUG = env_bool("DEBUG", True)

# SECRET_KEY: unset → a fixed development key, refused when DEBUG is off.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off, Fact desk refuses to start without one: "
            "export SECRET_KEY to a long random string (for example the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-7f3a9c2e1b8d4f60a5e2c7b9d1f3a8e6"

# ALLOWED_HOSTS: unset → local addresses only.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "claims.middleware.OddQueryGuard",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so that it sees the final authentication outcome (django-axes' rule).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# DATABASE_URL: unset → SQLite in var/db.sqlite3. Production and CI use PostgreSQL.
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several threads (runserver, in-process jobs) write to one file: wait instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["CONN_MAX_AGE"] = 0
IS_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")
if IS_POSTGRES:
    # Full-text search in the claim queue (SearchVector/SearchQuery); SQLite uses substring match.
    INSTALLED_APPS.append("django.contrib.postgres")

# Pasted sources may be up to 500,000 characters; JSON-escaped that can pass Django's 2.5 MB default.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (claims/login_guard.py): five failures lock a username+address pair for an
# hour; twenty from one address across any usernames (a password spray) lock the address.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "claims.login_guard.LoginGuardHandler"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "claims.proxies.client_ip"

# TRUSTED_PROXIES: unset → none; X-Forwarded-For is believed only for hops added by these
# networks (comma-separated, e.g. "10.0.0.0/8,172.16.0.0/12"): the API's anonymous throttle and
# the login lockouts count the client's address, not one a caller typed (claims/proxies.py).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns per request without it
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
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

# Strict CSP: scripts and styles only from our own static files; the public
# fact-check page's JSON-LD block is allowed by its per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Production hardening; all of it follows DEBUG so `check --deploy` is clean with DEBUG off.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # the container healthcheck speaks plain HTTP
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = 0 if DEBUG else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# REDIS_URL: unset → jobs run in-process right after commit and the cache is local
# memory; set → Celery broker, result backend and shared cache.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
# The claim finder on one story gets its own budget: a story it cannot finish fails the attempt.
CELERY_TASK_ANNOTATIONS = {
    "claims.tasks.suggest_claims_for_story": {
        "soft_time_limit": float(os.environ.get("FACTDESK_SUGGEST_TIME_LIMIT", "60")),
        "time_limit": float(os.environ.get("FACTDESK_SUGGEST_TIME_LIMIT", "60")) + 30,
    },
}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
# A broker that is down must not hang an editor's request: fail fast, the outbox keeps the job.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 0,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    # A message a killed worker held is delivered again after this long (seconds); keep it
    # above the longest task time limit. Abandoned messages are looked for every
    # interval × throttle seconds.
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600")),
    "unacked_restore_interval": int(os.environ.get("CELERY_UNACKED_RESTORE_INTERVAL", "10")),
    "unacked_restore_throttle": int(os.environ.get("CELERY_UNACKED_RESTORE_THROTTLE", "10")),
}
CELERY_BEAT_SCHEDULE = {
    "sweep-outbox": {"task": "claims.tasks.sweep_outbox", "schedule": 30.0},
    "poll-feeds": {"task": "claims.tasks.poll_feeds", "schedule": 300.0},
}

# A Redis that is down or hangs must not hold requests: the cache (the API throttle's counts)
# gives up within these seconds and the throttle counts per process (claims/api/throttling.py).
REDIS_CACHE_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# EMAIL_BACKEND: unset → the console with DEBUG on, SMTP (EMAIL_HOST, EMAIL_PORT …) with DEBUG off.
_mail_backend = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend"
)
MAILERS = {"default": {"BACKEND": _mail_backend, "OPTIONS": {}}}
if _mail_backend.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": 10,
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "factdesk@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Fact desk's own rules (domain.md: "the thresholds are settings") ---
FACTDESK = {
    # Independent supporting sources needed for `supported` (one graded A suffices).
    "SUPPORT_MIN_SOURCES": int(os.environ.get("FACTDESK_SUPPORT_MIN_SOURCES", "2")),
    # Reliability grades that make a single source enough for `supported`.
    "SUPPORT_SINGLE_GRADES": "A",
    # Grades whose contradiction alone refutes a claim.
    "REFUTE_GRADES": "ABC",
    # The organisation named as ClaimReview author.
    "PUBLISHER_NAME": os.environ.get("FACTDESK_PUBLISHER_NAME", "Fact desk newsroom"),
    "PUBLISHER_URL": os.environ.get("FACTDESK_PUBLISHER_URL", "https://factdesk.example"),
    # Absolute base of the public fact-check pages (ClaimReview `url`/`@id`); unset → the request's host.
    "PUBLIC_BASE_URL": os.environ.get("FACTDESK_PUBLIC_BASE_URL", ""),
    # API throttling per token/user (ninja rate syntax, e.g. "600/m"); anonymous clients by address.
    "API_RATE": os.environ.get("FACTDESK_API_RATE", "1200/m"),
    "API_ANON_RATE": os.environ.get("FACTDESK_API_ANON_RATE", "300/m"),
    # The claim finder stops reading a story after this many seconds (it keeps what it found and logs where it
    # stopped): a 5,000-word story takes under half a second, so only pathological copy ever reaches it.
    "FINDER_TIME_BUDGET_SECONDS": float(os.environ.get("FACTDESK_FINDER_TIME_BUDGET_SECONDS", "10")),
    # Background jobs (the outbox): attempts handed to a worker before a job is recorded as
    # failed and listed for editors; the wait after the first failed attempt (doubling after each).
    "JOB_MAX_ATTEMPTS": int(os.environ.get("FACTDESK_JOB_MAX_ATTEMPTS", "5")),
    "JOB_BACKOFF_SECONDS": float(os.environ.get("FACTDESK_JOB_BACKOFF_SECONDS", "30")),
    # Outgoing webhooks: attempts before a delivery is marked failed, first retry delay (seconds).
    "WEBHOOK_MAX_ATTEMPTS": int(os.environ.get("FACTDESK_WEBHOOK_MAX_ATTEMPTS", "6")),
    "WEBHOOK_BACKOFF_SECONDS": int(os.environ.get("FACTDESK_WEBHOOK_BACKOFF_SECONDS", "30")),
    # Outgoing fetches may reach loopback/private addresses only when this is on (tests):
    # unset → never; "1" → any; or a comma-separated list of networks ("127.0.0.0/8").
    "FETCH_ALLOW_PRIVATE": _fetch_allow_private(os.environ.get("FACTDESK_FETCH_ALLOW_PRIVATE", "")),
    # Seconds per socket operation; a whole fetch (connect, headers, body, redirects) gets twice this.
    "FETCH_TIMEOUT": float(os.environ.get("FACTDESK_FETCH_TIMEOUT", "10")),
    # The most a page, feed or upload may be (decompressed, for a gzip answer).
    "FETCH_MAX_BYTES": int(os.environ.get("FACTDESK_FETCH_MAX_BYTES", str(5 * 1024 * 1024))),
    # Fetches that may pass later (timeouts, 5xx, connection errors) are retried this many
    # times, waiting 2, 4, 8 … seconds.
    "FETCH_MAX_RETRIES": int(os.environ.get("FACTDESK_FETCH_MAX_RETRIES", "4")),
    # Syndication: MinHash over word shingles; copies above this estimated Jaccard share a group.
    "SYNDICATION_SHINGLE_WORDS": 3,
    "SYNDICATION_THRESHOLD": float(os.environ.get("FACTDESK_SYNDICATION_THRESHOLD", "0.5")),
    # A reworded copy (same figures and names in the same order, other words) joins the group when
    # its fact print scores this much against a recent source's (claims/fact_print.py), with at
    # least SYNDICATION_FACT_MIN_FIGURES figures in that order. Measured on the real pairs in
    # tests/jobs/syndication_cases/: separate reports of one event reach 0.55, grouped copies 0.80.
    "SYNDICATION_FACT_THRESHOLD": float(os.environ.get("FACTDESK_SYNDICATION_FACT_THRESHOLD", "0.7")),
    "SYNDICATION_FACT_MIN_FIGURES": 3,
    "SYNDICATION_FACT_FIGURE_WEIGHT": 2.0,
    # Only sources this recent are compared (wire copies run within days of each other).
    "SYNDICATION_WINDOW_DAYS": int(os.environ.get("FACTDESK_SYNDICATION_WINDOW_DAYS", "30")),
    # Matcher (claims/matching): proposals at or above
    # MATCH_MIN_SCORE (editors' suggestion threshold in the desk overrides it), at most
    # MATCH_MAX_PER_SOURCE per source.
    # Candidates: the closest claims by embedding, and those sharing the source's names;
    # of those, the closest by embedding get the full (figure, place, stance) reading.
    "MATCH_CANDIDATES": 50,
    "MATCH_NAMED_CANDIDATES": 30,
    "MATCH_SCORED": 60,
    "MATCH_MIN_SCORE": float(os.environ.get("FACTDESK_MATCH_MIN_SCORE", "0.4")),
    "MATCH_MAX_PER_SOURCE": 6,
    # Relevance of a passage to a claim (embedding cosine + 0.2 × share of the claim's words):
    # FIGURE_FLOOR to look there for a figure whose cue names the claim's measure, NEAR to
    # consider the source at all, ABOUT for a bare number or a denial to count,
    # CONTEXT to propose context, RESTATES to support a claim without a figure.
    "MATCH_FIGURE_FLOOR": 0.3,
    "MATCH_NEAR": 0.5,
    "MATCH_ABOUT": 0.6,
    "MATCH_CONTEXT": 0.72,
    "MATCH_RESTATES": 0.8,
    # A source published this many days before the claim's date reports an earlier event or
    # period (last year's quarter, last month's storm): on real copy no such pair was a stance.
    "MATCH_STALE_DAYS": 30,
    # Another fact-checker's review bears on a claim only when the claim it rated (its
    # claimReviewed) is this close to the claim: its rating is on that claim, not its topic.
    "REVIEW_MATCH_MIN": float(os.environ.get("FACTDESK_REVIEW_MATCH_MIN", "0.6")),
}
