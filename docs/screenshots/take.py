"""Take the README's screenshots of the desk's main screens, in real Chromium at 1366×768.

    .venv/bin/python docs/screenshots/take.py

Builds a throwaway SQLite database with the demo newsroom, serves it with runserver
on a free port, signs in as the demo editor and saves PNGs next to this file.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    db = Path(tempfile.mkdtemp()) / "screens.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "DEBUG": "1"}
    env.pop("REDIS_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "demo"], env=env, check=True, cwd=ROOT)
    port = free_port()
    server = subprocess.Popen([*manage, "runserver", f"127.0.0.1:{port}", "--noreload"], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        shoot(base, env)
    finally:
        server.terminate()
        server.wait(10)


def shoot(base: str, env: dict) -> None:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    os.environ.update({"DATABASE_URL": env["DATABASE_URL"], "DJANGO_SETTINGS_MODULE": "newsroom.settings"})
    import django

    django.setup()
    from claims.models import Claim, Claimant, Story

    story = Story.objects.get(headline__startswith="Ukraine confirms")
    figure = (Claim.objects.filter(mentions__story=story, evidence__observed_value__isnull=False)
              .distinct().first()) or Claim.objects.first()
    claimant = (Claimant.objects.filter(claims__verifications__state="approved").first()
                or figure.claimant or Claimant.objects.first())

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(f"{base}/accounts/login/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", "demo-password")
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/")
        shots = [
            ("dashboard", "/"),
            ("workspace", f"/stories/{story.pk}/?claim={figure.pk}"),
            ("claim", f"/claims/{figure.pk}/"),
            ("queue", "/queue/claims/"),
            ("claimant", f"/claimants/{claimant.pk}/"),
        ]
        for name, path in shots:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(HERE / f"{name}.png"))
            print("saved", HERE / f"{name}.png")
        browser.close()


if __name__ == "__main__":
    main()
