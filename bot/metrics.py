"""Every number the bot exports for Prometheus, defined in one place.

The metrics live in prometheus-client's process-wide registry, like loggers: each layer that
knows an outcome records it where it happens (the adapter for interactions and REST calls,
the delivery and check-in services for posts, storage for database errors). Recording is a
label look-up and an add; the endpoint that serves them (`/metrics`) is only opened when
`METRICS_PORT` is set.
"""

from __future__ import annotations

from typing import Final

from prometheus_client import Counter, Gauge, Histogram

# Interactions: a slash command, an autocomplete, a button press or a submitted form.
KIND_COMMAND: Final = "command"
KIND_AUTOCOMPLETE: Final = "autocomplete"
KIND_COMPONENT: Final = "component"
KIND_MODAL: Final = "modal"

ANSWERED: Final = "answered"  # the first response was the answer
DEFERRED: Final = "deferred"  # acknowledged first, answered in a follow-up
REFUSED: Final = "refused"  # input or permission refused, with a short message
FAILED: Final = "failed"  # an error (the database down, a bug), or never acknowledged
SHED: Final = "shed"  # overloaded: answered "I'm busy" at once, nothing done or stored
EXPIRED: Final = "expired"  # overloaded past Discord's 3 s: no response could arrive in time

INTERACTIONS = Counter(
    "cooldown_interactions",
    "Interactions handled, by kind (command, autocomplete, component, modal), name and outcome "
    "(answered, deferred, refused, failed; shed and expired when the bot was overloaded).",
    ["kind", "name", "outcome"],
)

# Discord drops an interaction not acknowledged within 3 s: the buckets are dense below that.
ACKNOWLEDGEMENT_SECONDS = Histogram(
    "cooldown_interaction_ack_seconds",
    "From an interaction's creation (its snowflake) to the bot's first response, as Discord "
    "confirmed it.",
    buckets=(0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 5.0),
)

ACTIVE_SESSIONS = Gauge(
    "cooldown_active_sessions", "Timed sessions this process runs now, paused ones included."
)

REST_REQUESTS = Counter(
    "cooldown_rest_requests",
    "REST calls to Discord (or the proxy), by method, route template and HTTP status "
    "('error' when no answer came: refused, dropped, timed out).",
    ["method", "route", "status"],
)

RATE_LIMITED = Counter(
    "cooldown_rest_rate_limited",
    "429 answers, by route template and scope (user, global, shared; 'unknown' when the "
    "answer said nothing, as proxies do).",
    ["route", "scope"],
)

OUTBOX_POSTS = Counter(
    "cooldown_outbox_posts",
    "Posts the bot makes on its own, by kind (session, card, group, checkin, organiser) and "
    "outcome (sent, retried, failed).",
    ["kind", "outcome"],
)

CHECKIN_POSTS = Counter(
    "cooldown_checkin_posts",
    "Weekly check-in posts, by outcome (posted; failed: Discord refused it or it ran out of "
    "time; missed: the database was down for the whole grace window).",
    ["outcome"],
)

DATABASE_ERRORS = Counter(
    "cooldown_database_errors",
    "Times the database could not be reached (DatabaseUnavailable), by operation "
    "(read, write, migrate, ping).",
    ["operation"],
)

# Series of a closed set of labels start at 0, so that a rate or an alert sees them before the
# first event rather than no series at all.
for _outcome in ("posted", "failed", "missed"):
    CHECKIN_POSTS.labels(_outcome)
for _operation in ("read", "write", "migrate", "ping"):
    DATABASE_ERRORS.labels(_operation)
