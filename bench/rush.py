"""``make bench``: the deadline rush against the running server.

:func:`deadline_rush` is called by the bench runner with the address of its gunicorn
and the environment of its database. It makes a competition whose offer deadline
is a few seconds away and ``count`` complete draft offers, each with a logged-in
representative (``python -m bench.rush prepare``, in the bench database),
then sends every offer's "submit" at once from its own thread: the sends are spread
evenly from 1.5 s before the deadline to 0.5 s after it. Each request carries the
moment it was sent in ``X-Request-Start``, as a reverse proxy stamps requests, so
the server (started with ``REQUEST_START_HEADER=X-Request-Start``) checks the
deadline against it. A second round sends no header: the server stamps a request
when a worker takes it, after it has waited in the listen queue.

Reported per round: how many were sent before the deadline, accepted, refused,
refused although sent before the deadline, accepted although sent after it
(``late_accepted``, always 0 when the portal is right), whether the numbers are
gapless and unique, and the latency percentiles of the requests.
"""

from __future__ import annotations

import json
import sys
from typing import Any


def deadline_rush(
    server_url: str,
    env: dict[str, str],
    *,
    count: int = 100,
    before: float = 1.5,
    after: float = 0.5,
) -> list[dict[str, Any]]:
    """Run the rush twice (with and without the proxy stamp); one result per round."""
    import http.client
    import subprocess
    import threading
    import time
    from pathlib import Path
    from urllib.parse import urlsplit

    base_dir = Path(__file__).resolve().parent.parent
    address = urlsplit(server_url)

    def django(*args: str) -> Any:
        result = subprocess.run(
            [sys.executable, "-m", "bench.rush", *args],
            cwd=base_dir,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(result.stdout + result.stderr)
        line = next(x for x in result.stdout.splitlines() if x.startswith("RUSH_JSON "))
        return json.loads(line[len("RUSH_JSON ") :])

    def one_round(label: str, stamped: bool) -> dict[str, Any]:
        # The offers are made first; the deadline is set when they are ready.
        plan = django("prepare", str(count), str(before + 2.0))
        deadline = plan["deadline"]
        first = deadline - before
        step = (before + after) / count
        outcomes: list[dict[str, Any]] = []
        lock = threading.Lock()

        def submit(entry: dict[str, Any], at: float) -> None:
            time.sleep(max(0.0, at - time.time()))
            sent = time.time()
            headers = {
                "Cookie": f"sessionid={entry['session']}; csrftoken={entry['csrf']}",
                "X-CSRFToken": entry["csrf"],
                "Content-Length": "0",
            }
            if stamped:
                headers["X-Request-Start"] = f"t={sent:.6f}"
            status = 0
            try:
                conn = http.client.HTTPConnection(
                    address.hostname or "127.0.0.1", address.port, timeout=120
                )
                conn.request("POST", entry["path"], headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
                conn.close()
            except OSError:
                status = 0
            with lock:
                outcomes.append(
                    {
                        "pk": entry["pk"],
                        "sent": sent,
                        "seconds": time.time() - sent,
                        "status": status,
                    }
                )

        threads = [
            threading.Thread(target=submit, args=(entry, first + (i + 0.5) * step))
            for i, entry in enumerate(plan["offers"])
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        stored = django("report", str(plan["competition"]))
        accepted = {int(pk) for pk, s in stored["offers"].items() if s != "draft"}
        on_time = [o for o in outcomes if o["sent"] <= deadline]
        late = [o for o in outcomes if o["sent"] > deadline]
        latencies = sorted(o["seconds"] for o in outcomes)

        def percentile(share: float) -> float:
            if not latencies:
                return 0.0
            index = min(len(latencies) - 1, int(share * len(latencies)))
            return round(latencies[index] * 1000, 1)

        return {
            "job": label,
            "sent": len(outcomes),
            "sent_on_time": len(on_time),
            "accepted": len(accepted),
            "refused": len(outcomes) - len(accepted),
            "on_time_refused": sum(o["pk"] not in accepted for o in on_time),
            "late_accepted": sum(o["pk"] in accepted for o in late),
            "numbers_gapless_unique": stored["numbers_ok"],
            "errors": sum(o["status"] != 302 for o in outcomes),
            "p50_ms": percentile(0.50),
            "p95_ms": percentile(0.95),
            "max_ms": percentile(1.0),
        }

    return [
        one_round("deadline rush, proxy stamp", True),
        one_round("deadline rush, no proxy", False),
    ]


def _prepare(count: int, lead: float) -> dict[str, Any]:
    """A competition closing ``lead`` seconds from now and ``count`` complete drafts."""
    import random
    from datetime import timedelta

    from django.middleware.csrf import _get_new_csrf_string
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from cooperation.core.models import User
    from grants.demo import demo_priority, fill_offer
    from grants.models import Competition, CompetitionStatus
    from grants.services import offer_create
    from ngos.models import Membership, Organisation, Representation, Representative

    rng = random.Random(count)
    now = timezone.now()
    competition = Competition.objects.create(
        title=f"Konkurs na wyścig z terminem {now:%H%M%S}",
        priority=demo_priority(timezone.localdate().year),
        status=CompetitionStatus.ANNOUNCED,
        task_type="Zadanie publiczne",
        public_funds=10_000_000,
        award_rules="Wsparcie",
        task_conditions="Radlin",
        selection_procedure="Komisja",
        offers_deadline=now + timedelta(days=1),
        announced_at=now - timedelta(days=30),
        task_start=timezone.localdate() + timedelta(days=30),
        task_end=timezone.localdate() + timedelta(days=200),
    )
    offers = []
    for i in range(count):
        tag = f"{competition.pk}-{i}"
        organisation = Organisation.objects.create(
            name=f"Stowarzyszenie wyścigowe {tag}",
            slug=f"wyscig-{tag}",
            legal_form=Organisation.LegalForm.ASSOCIATION,
            krs=f"{8_000_000_000 + competition.pk * 1000 + i:010d}",
            street="ul. Rybnicka 1",
            postal_code="44-310",
            city="Radlin",
            email=f"org-{tag}@bench.example",
            verified_at=now,
        )
        user = User.objects.create(
            username=f"rush-{tag}",
            email=f"rush-{tag}@bench.example",
            first_name="Anna",
            last_name=f"Wyścigowa {i}",
        )
        Membership.objects.create(
            user=user,
            organisation=organisation,
            role=Membership.Role.REPRESENTATIVE,
            status=Membership.Status.APPROVED,
        )
        # One member of the board signs alone: the submission is the signature.
        representation = Representation.objects.create(
            organisation=organisation,
            organ="Zarząd",
            manner="Każdy członek zarządu samodzielnie.",
        )
        Representative.objects.create(
            representation=representation,
            name=user.get_full_name(),
            function="Prezes Zarządu",
            user=user,
        )
        offer = offer_create(
            competition=competition, organisation=organisation, actor=user
        )
        fill_offer(offer, rng)
        client = Client()
        client.force_login(user)
        offers.append(
            {
                "pk": offer.pk,
                "path": reverse("grants:offer-submit", args=[offer.pk]),
                "session": client.cookies["sessionid"].value,
                "csrf": _get_new_csrf_string(),
            }
        )
    deadline = timezone.now() + timedelta(seconds=lead)
    Competition.objects.filter(pk=competition.pk).update(offers_deadline=deadline)
    return {
        "competition": competition.pk,
        "deadline": deadline.timestamp(),
        "offers": offers,
    }


def _report(competition_pk: int) -> dict[str, Any]:
    from grants.models import Offer

    rows = list(
        Offer.objects.filter(competition_id=competition_pk).values_list(
            "pk", "status", "sequence", "number"
        )
    )
    sequences = sorted(s for _pk, _st, s, _n in rows if s)
    numbers = [n for _pk, _st, _s, n in rows if n]
    return {
        "offers": {str(pk): status for pk, status, _s, _n in rows},
        "numbers_ok": sequences == list(range(1, len(sequences) + 1))
        and len(set(numbers)) == len(numbers) == len(sequences),
    }


if __name__ == "__main__":
    import django

    django.setup()
    command, *rest = sys.argv[1:]
    if command == "prepare":
        data = _prepare(int(rest[0]), float(rest[1]))
    else:
        data = _report(int(rest[0]))
    print("RUSH_JSON " + json.dumps(data))
