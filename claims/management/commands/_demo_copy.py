"""The demo newsroom's copy, written for Fact desk (facts from public reporting, words our own)."""

from datetime import date

KURSK_BODY = """\
Ukraine's president, Volodymyr Zelenskiy, acknowledged on Saturday that his troops were fighting inside Russia's Kursk region, calling the push a way to "restore justice" and to squeeze Moscow's army. The fighting has now gone on for six days, the deepest Ukrainian thrust onto Russian soil since the full-scale invasion of February 2022.

Russia's defense ministry said its air defences destroyed 14 Ukrainian drones and four Tochka-U missiles over the Kursk region overnight. General Valery Gerasimov, Russia's chief of the general staff, said the Ukrainian advance had been stopped.

Local authorities said falling debris from a downed missile struck an apartment block in the city of Kursk, injuring 13 people. More than 76,000 residents have been evacuated from border districts, according to the state news agency TASS.

Moscow has asked the United Nations to condemn the incursion."""

HEAT_BODY = """\
Emergency admissions at the city's hospitals rose 23 percent during last week's heatwave, the municipal health department said on Monday.

Mayor Ana Ruiz said all 40 public cooling centres had stayed open around the clock, and the water utility reported that demand reached a record 1.9 million cubic metres on Thursday.

Opposition councillors questioned whether the centres were staffed overnight. The council will review its heat plan next month."""

STORIES = {
    "kursk": {
        "headline": "Ukraine confirms its troops are fighting inside Russia's Kursk region",
        "body": KURSK_BODY,
        "desk": "World",
        "byline": "Rosa Reporter",
        "state": "published",
        "published": date(2024, 8, 11),
        "url": "https://news.factdesk.example/world/kursk-incursion",
    },
    "heat": {
        "headline": "Heatwave pushes hospital admissions up by nearly a quarter",
        "body": HEAT_BODY,
        "desk": "City",
        "byline": "Rosa Reporter",
        "state": "in_review",
    },
}

SOURCES = {
    "tass_evac": {
        "title": "Kursk region evacuates residents of border districts",
        "outlet": "TASS",
        "kind": "wire",
        "reliability": "C",
        "published": date(2024, 8, 11),
        "text": "More than 76,000 people have left border districts of the Kursk region, officials told TASS.",
    },
    "reuters_evac": {
        "title": "Russia widens Kursk evacuations as Ukrainian push continues",
        "outlet": "Reuters",
        "kind": "wire",
        "reliability": "B",
        "published": date(2024, 8, 14),
        "text": "The acting governor of Kursk said 121,000 people had now been moved out of areas near the border.",
    },
    "mod_statement": {
        "title": "Ministry of Defence daily briefing",
        "outlet": "Russian Ministry of Defence",
        "kind": "official",
        "reliability": "D",
        "published": date(2024, 8, 11),
        "text": "Air defence systems destroyed 14 unmanned aerial vehicles and four Tochka-U tactical missiles over Kursk region.",
    },
    "ua_staff": {
        "title": "General Staff evening update",
        "outlet": "Ukrainian General Staff",
        "kind": "official",
        "reliability": "C",
        "published": date(2024, 8, 12),
        "text": "Claims by the aggressor about the number of destroyed Ukrainian missiles do not match reality.",
    },
    "isw": {
        "title": "Russian offensive campaign assessment",
        "outlet": "Institute for the Study of War",
        "kind": "primary_document",
        "reliability": "B",
        "published": date(2024, 8, 12),
        "text": "Geolocated footage shows Ukrainian forces continued to advance in Kursk Oblast after Gerasimov's claim.",
    },
    "tass_injured": {
        "title": "Missile debris hits residential building in Kursk",
        "outlet": "TASS",
        "kind": "wire",
        "reliability": "C",
        "published": date(2024, 8, 11),
        "text": "Thirteen people were injured when fragments of a downed missile hit a residential building in Kursk.",
    },
    "reuters_injured": {
        "title": "Debris injures 13 in Kursk city, officials say",
        "outlet": "Reuters",
        "kind": "wire",
        "reliability": "B",
        "published": date(2024, 8, 11),
        "text": "Local officials said 13 people were hurt when debris fell on an apartment block in Kursk.",
    },
    "city_release": {
        "title": "Cooling centres open through the weekend",
        "outlet": "City press office",
        "kind": "official",
        "reliability": "C",
        "published": date(2024, 7, 20),
        "text": "All 40 cooling centres will remain open 24 hours a day until the heat warning ends.",
    },
}

CLAIMS = {
    "evacuated": {
        "story": "kursk",
        "quote": "More than 76,000 residents have been evacuated from border districts",
        "claimant": "TASS",
        "kind": "quantity",
        "quantity": {"value": 76000, "unit": "person", "bound": "at_least", "as_of": date(2024, 8, 11)},
        "evidence": [
            {
                "source": "tass_evac",
                "stance": "supports",
                "accept": True,
                "value": 76000,
                "excerpt": "More than 76,000 people have left border districts",
            },
            {
                "source": "reuters_evac",
                "stance": "updates",
                "accept": True,
                "value": 121000,
                "excerpt": "121,000 people had now been moved out",
            },
        ],
    },
    "drones": {
        "story": "kursk",
        "quote": "Russia's defense ministry said its air defences destroyed 14 Ukrainian drones and four Tochka-U missiles over the Kursk region overnight",
        "claimant": "Russia's defense ministry",
        "kind": "quantity",
        "quantity": {"value": 14, "unit": "drone", "bound": "exact"},
        "evidence": [
            {
                "source": "mod_statement",
                "stance": "supports",
                "accept": True,
                "excerpt": "destroyed 14 unmanned aerial vehicles and four Tochka-U tactical missiles",
            },
            {"source": "ua_staff", "stance": "contradicts", "accept": True, "excerpt": "do not match reality"},
        ],
    },
    "halted": {
        "story": "kursk",
        "quote": "General Valery Gerasimov, Russia's chief of the general staff, said the Ukrainian advance had been stopped",
        "claimant": "General Valery Gerasimov",
        "kind": "event",
        "evidence": [
            {
                "source": "isw",
                "stance": "contradicts",
                "accept": True,
                "excerpt": "Ukrainian forces continued to advance in Kursk Oblast",
            },
        ],
        "verdict": {
            "rating": "mostly_false",
            "rationale": "Footage geolocated by independent analysts shows Ukrainian units still gaining ground "
            "after the general spoke; the advance had slowed, not stopped.",
        },
    },
    "injured": {
        "story": "kursk",
        "quote": "injuring 13 people",
        "claimant": "Local authorities",
        "kind": "quantity",
        "text": "Missile debris struck an apartment block in Kursk, injuring 13 people",
        "quantity": {"value": 13, "unit": "person", "bound": "exact"},
        "evidence": [
            {"source": "tass_injured", "stance": "supports", "accept": True, "excerpt": "Thirteen people were injured"},
            {"source": "reuters_injured", "stance": "supports", "accept": True, "excerpt": "13 people were hurt"},
        ],
    },
    "six_days": {
        "story": "kursk",
        "quote": "The fighting has now gone on for six days",
        "kind": "quantity",
        "quantity": {"value": 6, "unit": "day", "bound": "exact"},
        "assignee": "checker",
    },
    "admissions": {
        "story": "heat",
        "quote": "Emergency admissions at the city's hospitals rose 23 percent during last week's heatwave",
        "claimant": "Municipal health department",
        "kind": "quantity",
        "quantity": {"value": 23, "unit": "percent", "bound": "exact"},
    },
    "cooling": {
        "story": "heat",
        "quote": "Mayor Ana Ruiz said all 40 public cooling centres had stayed open around the clock",
        "claimant": "Mayor Ana Ruiz",
        "kind": "quantity",
        "quantity": {"value": 40, "unit": "cooling centre", "bound": "exact"},
        "evidence": [
            {
                "source": "city_release",
                "stance": "supports",
                "score": 0.71,
                "reason": "Shares the figure 40 cooling centres; same claimant's office",
                "excerpt": "All 40 cooling centres will remain open 24 hours a day",
            },
        ],
    },
}
