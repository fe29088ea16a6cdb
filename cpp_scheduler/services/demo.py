"""The demo program: a realistic season of the City Partnership Program to explore.

Five delegations (Lima, Kathmandu, Nairobi, Manila, Skopje), Bank staff in Washington and
Tokyo, city staff and speakers; a two-day conference at TDLC with parallel sessions; a
five-day study tour Tokyo - Yokohama - Kobe - Kitakyushu - Tokyo for the Lima delegation;
a site visit to Toyama; a monthly virtual peer-to-peer workshop that crosses the change
to summer time in North Macedonia, with one occurrence moved and one cancelled; and the
knowledge products these events use and produce.

The program is written below as data in Tokyo wall-clock times and loaded through the
program-file import, so it obeys every rule a file does. Every id is derived from a
stable name (uuid5), so loading twice creates nothing new, and records already present
are kept as the coordinator left them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from cpp_scheduler import timezones
from cpp_scheduler.model import PartnerCity, ThematicArea, Venue
from cpp_scheduler.model.base import stable_id
from cpp_scheduler.model.event import UID_DOMAIN
from cpp_scheduler.programfile import FORMAT, VERSION, apply_document, check_document
from cpp_scheduler.store import Database
from cpp_scheduler.store.seed import load_reference_data

DEMO_NAMESPACE = uuid.UUID("1d0ac450-597d-43f2-8b34-429f434d713e")
DEMO_SOURCE = Path("demo program")
TOKYO = timezones.TOKYO
VIDEO_LINK = "https://meet.example.org/tdlc/"


@dataclass(frozen=True)
class DemoSummary:
    """What loading the demo did: records created and records kept, per kind."""

    created: dict[str, int]
    kept: dict[str, int]

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    @property
    def total_kept(self) -> int:
        return sum(self.kept.values())


def demo_id(kind: str, name: str) -> str:
    """The id a demo record has in every database: derived from its kind and name."""
    return stable_id(kind, name, DEMO_NAMESPACE)


def load_demo(database: Database) -> DemoSummary:
    """Add the demo program to ``database``; what is already there is kept as it is."""
    with database.transaction() as session:
        load_reference_data(session)
    document = demo_document(ReferenceIds.read(database))
    check_document(DEMO_SOURCE, document)
    report = apply_document(database, document, DEMO_SOURCE, keep_existing=True)
    return DemoSummary(
        created={kind.kind: len(kind.created) for kind in report.kinds if kind.created},
        kept={kind.kind: kind.unchanged for kind in report.kinds if kind.unchanged},
    )


@dataclass(frozen=True)
class ReferenceIds:
    """The ids of the seeded reference data the demo refers to, as this database has them."""

    cities: dict[str, str]
    themes: dict[str, str]
    venues: dict[str, str]

    @classmethod
    def read(cls, database: Database) -> ReferenceIds:
        with database.session() as session:
            return cls(
                cities={c.name: c.id for c in session.scalars(select(PartnerCity))},
                themes={t.code: t.id for t in session.scalars(select(ThematicArea))},
                venues={v.name: v.id for v in session.scalars(select(Venue))},
            )


def _instant(day: date, clock: str, zone: str = TOKYO) -> str:
    local = datetime.combine(day, time.fromisoformat(clock))
    return timezones.to_utc(local, zone).strftime(timezones.INSTANT_FORMAT)


# -- people ---------------------------------------------------------------------------

DELEGATIONS: list[dict[str, Any]] = [
    {
        "name": "Peru: Ministry of Housing, Construction and Sanitation",
        "country": "PE",
        "zone": "America/Lima",
        "home_city": "Lima",
        "arrival": "2027-03-07",
        "departure": "2027-03-13",
        "languages": ["es"],
        "interpretation": "Spanish-Japanese consecutive",
        "notes": "Study tour on housing, compact growth and disaster-resilient construction.",
    },
    {
        "name": "Nepal: Kathmandu Metropolitan City",
        "country": "NP",
        "zone": "Asia/Kathmandu",
        "home_city": "Kathmandu",
        "arrival": "2027-02-14",
        "departure": "2027-02-18",
        "languages": ["ne", "en"],
        "interpretation": "",
        "notes": "Post-earthquake reconstruction and heritage-sensitive planning.",
    },
    {
        "name": "Kenya: Nairobi City County",
        "country": "KE",
        "zone": "Africa/Nairobi",
        "home_city": "Nairobi",
        "arrival": "2027-02-14",
        "departure": "2027-02-17",
        "languages": ["en", "sw"],
        "interpretation": "",
        "notes": "Solid waste management and green growth.",
    },
    {
        "name": "Philippines: Quezon City Government",
        "country": "PH",
        "zone": "Asia/Manila",
        "home_city": "Quezon City",
        "arrival": "2027-02-14",
        "departure": "2027-02-18",
        "languages": ["en", "fil"],
        "interpretation": "",
        "notes": "Flood and typhoon resilience, transit-oriented development.",
    },
    {
        "name": "North Macedonia: City of Skopje",
        "country": "MK",
        "zone": "Europe/Skopje",
        "home_city": "Skopje",
        "arrival": "2027-02-14",
        "departure": "2027-02-17",
        "languages": ["mk", "en"],
        "interpretation": "",
        "notes": "Seismic retrofitting of public buildings; joins the monthly series online.",
    },
]
PERU, NEPAL, KENYA, PHILIPPINES, MACEDONIA = (d["name"] for d in DELEGATIONS)

#: Who takes part, by delegation (or, outside delegations, by the zone the person works
#: in): (name, email at example.org, role, organisation).
PEOPLE: dict[str, list[tuple[str, str, str, str]]] = {
    PERU: [
        (
            "Rosa Elena Quispe Mamani",
            "rosa.quispe",
            "official",
            "Vice-Ministry of Housing and Urbanism",
        ),
        ("Jorge Luis Paredes Salazar", "jorge.paredes", "official", "Directorate of Urbanism"),
        ("Carmen Rosa Huamán Torres", "carmen.huaman", "official", "Programa Techo Propio"),
        (
            "Luis Alberto Chávez Rojas",
            "luis.chavez",
            "official",
            "Municipality of Metropolitan Lima",
        ),
        (
            "María Fernanda Vargas Castillo",
            "maria.vargas",
            "official",
            "National Housing Fund (Fondo MIVIVIENDA)",
        ),
        (
            "Ricardo Andrés Flores Medina",
            "ricardo.flores",
            "official",
            "National Building Code Unit",
        ),
        ("Ana Lucía Mendoza Rivera", "ana.mendoza", "official", "Municipality of Arequipa"),
        ("Pedro Pablo Gutiérrez León", "pedro.gutierrez", "official", "Municipality of Trujillo"),
    ],
    NEPAL: [
        ("Sita Kumari Shrestha", "sita.shrestha", "official", "Kathmandu Metropolitan City"),
        (
            "Bikash Raj Adhikari",
            "bikash.adhikari",
            "official",
            "Department of Urban Development and Building Construction",
        ),
        ("Anjana Maharjan", "anjana.maharjan", "official", "Kathmandu Metropolitan City"),
    ],
    KENYA: [
        ("Wanjiru Kamau", "wanjiru.kamau", "official", "Nairobi City County, Environment"),
        ("Otieno Odhiambo", "otieno.odhiambo", "official", "Nairobi City County, Urban Planning"),
        ("Achieng Mwangi", "achieng.mwangi", "official", "Nairobi Metropolitan Services"),
    ],
    PHILIPPINES: [
        (
            "Maria Cristina Dela Cruz",
            "cristina.delacruz",
            "official",
            "Quezon City Disaster Risk Reduction Office",
        ),
        ("Jose Miguel Santos", "jose.santos", "official", "Quezon City Planning and Development"),
        (
            "Liza Mae Reyes",
            "liza.reyes",
            "official",
            "Department of Human Settlements and Urban Development",
        ),
    ],
    MACEDONIA: [
        ("Elena Stojanovska", "elena.stojanovska", "official", "City of Skopje, Urban Planning"),
        ("Nikola Petrovski", "nikola.petrovski", "official", "City of Skopje, Crisis Management"),
    ],
    timezones.WASHINGTON: [
        (
            "Sarah Mitchell",
            "sarah.mitchell",
            "bank_staff",
            "World Bank, Urban, Disaster Risk Management, Resilience and Land",
        ),
        (
            "Daniel Okafor",
            "daniel.okafor",
            "bank_staff",
            "World Bank, Urban, Disaster Risk Management, Resilience and Land",
        ),
        (
            "Priya Raman",
            "priya.raman",
            "bank_staff",
            "World Bank, Latin America and Caribbean Urban Unit",
        ),
    ],
    TOKYO: [
        ("Keiko Tanaka", "keiko.tanaka", "bank_staff", "Tokyo Development Learning Center (TDLC)"),
        (
            "Hiroshi Nakamura",
            "hiroshi.nakamura",
            "bank_staff",
            "Tokyo Development Learning Center (TDLC)",
        ),
        (
            "Yuki Matsumoto",
            "yuki.matsumoto",
            "city_staff",
            "City of Kobe, Crisis Management Office",
        ),
        (
            "Takeshi Yamamoto",
            "takeshi.yamamoto",
            "city_staff",
            "City of Kitakyushu, Environment Bureau",
        ),
        ("Aya Morita", "aya.morita", "city_staff", "City of Toyama, Compact City Promotion Office"),
        (
            "Kenji Saito",
            "kenji.saito",
            "city_staff",
            "City of Yokohama, Climate Change Policy Headquarters",
        ),
        (
            "Naoko Fujii",
            "naoko.fujii",
            "speaker",
            "University of Tokyo, Department of Urban Engineering",
        ),
        (
            "Isabel Ortega",
            "isabel.ortega",
            "speaker",
            "Inter-American Development Bank, Asia Office",
        ),
        (
            "Miki Watanabe",
            "miki.watanabe",
            "interpreter",
            "Spanish-Japanese conference interpreter",
        ),
    ],
}
ORGANISER = "Keiko Tanaka"


# -- places ---------------------------------------------------------------------------

#: Venues in the partner cities: (name, Japanese name, city, address, hours, capacity,
#: latitude, longitude). Hours are the visiting hours the program may use. An address's
#: line in Japanese is what a taxi driver is shown.
CITY_VENUES: list[tuple[str, str, str, str, tuple[str, str], int, float, float]] = [
    (
        "Minato Mirai 21 Smart City Showcase",
        "みなとみらい21 スマートシティ・ショーケース",
        "Yokohama",
        (
            "Minato Mirai, Nishi-ku, Yokohama, Kanagawa 220-0012\n"
            "〒220-0012 神奈川県横浜市西区みなとみらい"
        ),
        ("09:00", "18:00"),
        40,
        35.4577,
        139.6320,
    ),
    (
        "Yokohama City Hall",
        "横浜市役所",
        "Yokohama",
        (
            "6-50-10 Honcho, Naka-ku, Yokohama, Kanagawa 231-0005\n"
            "〒231-0005 神奈川県横浜市中区本町6-50-10"
        ),
        ("08:30", "19:00"),
        60,
        35.4515,
        139.6330,
    ),
    (
        "Disaster Reduction and Human Renovation Institution (DRI)",
        "人と防災未来センター",
        "Kobe",
        (
            "1-5-2 Wakinohama-kaigandori, Chuo-ku, Kobe, Hyogo 651-0073\n"
            "〒651-0073 兵庫県神戸市中央区脇浜海岸通1-5-2"
        ),
        ("09:30", "17:30"),
        80,
        34.6985,
        135.2170,
    ),
    (
        "Kobe City Hall",
        "神戸市役所",
        "Kobe",
        ("6-5-1 Kano-cho, Chuo-ku, Kobe, Hyogo 650-8570\n〒650-8570 兵庫県神戸市中央区加納町6-5-1"),
        ("08:45", "19:00"),
        50,
        34.6894,
        135.1955,
    ),
    (
        "Kitakyushu Eco-Town Center",
        "北九州エコタウンセンター",
        "Kitakyushu",
        (
            "1-62 Kitaminato, Hibikino, Wakamatsu-ku, Kitakyushu, Fukuoka 808-0028\n"
            "〒808-0028 福岡県北九州市若松区北湊1-62"
        ),
        ("09:00", "17:00"),
        60,
        33.9333,
        130.7750,
    ),
    (
        "Kitakyushu Environment Museum",
        "北九州市環境ミュージアム",
        "Kitakyushu",
        (
            "2-2-1 Higashida, Yahatahigashi-ku, Kitakyushu, Fukuoka 805-0071\n"
            "〒805-0071 福岡県北九州市八幡東区東田2-2-1"
        ),
        ("09:00", "18:00"),
        50,
        33.8700,
        130.8110,
    ),
    (
        "Toyama Portram Depot (Toyama Light Rail)",
        "富山ライトレール ポートラム車両基地",
        "Toyama",
        ("Jonan, Toyama, Toyama 930-0000\n富山県富山市城南"),
        ("09:00", "17:00"),
        30,
        36.7220,
        137.2180,
    ),
    (
        "Toyama City Hall",
        "富山市役所",
        "Toyama",
        ("7-38 Shinsakuramachi, Toyama, Toyama 930-8510\n〒930-8510 富山県富山市新桜町7-38"),
        ("08:30", "17:30"),
        40,
        36.6959,
        137.2137,
    ),
]

STUDIO = "TDLC Videoconference Studio"
ROOM_A = "TDLC Meeting Room A"
ROOM_B = "TDLC Meeting Room B"


# -- the conference -------------------------------------------------------------------

CONFERENCE = "CPP Conference 2027: Cities Learning from Cities"
CONFERENCE_DAYS = (date(2027, 2, 15), date(2027, 2, 16))
IN_PERSON = [NEPAL, KENYA, PHILIPPINES, MACEDONIA]

#: (day, start, end, room, title, theme codes, speakers, delegations). The delegations
#: attend the conference as a whole; a session names them only when it is theirs alone.
SESSIONS: list[tuple[int, str, str, str, str, list[str], list[str], list[str]]] = [
    (
        0,
        "09:00",
        "10:15",
        ROOM_A,
        "Opening plenary: ten years of the City Partnership Program",
        ["urban-planning"],
        ["Sarah Mitchell", "Naoko Fujii"],
        [],
    ),
    (
        0,
        "10:45",
        "12:15",
        ROOM_A,
        "Compact city and transit: Toyama's light rail",
        ["compact-city", "transit-oriented-development"],
        ["Aya Morita"],
        [],
    ),
    (
        0,
        "10:45",
        "12:15",
        ROOM_B,
        "Capturing land value to finance urban transit",
        ["land-value-capture"],
        ["Isabel Ortega"],
        [],
    ),
    (
        0,
        "13:30",
        "15:00",
        ROOM_A,
        "Living with earthquakes: Kobe after 1995",
        ["seismic-risk", "reconstruction"],
        ["Yuki Matsumoto"],
        [],
    ),
    (
        0,
        "13:30",
        "15:00",
        ROOM_B,
        "From grey to green: the Kitakyushu Eco-Town",
        ["green-growth", "environmental-protection"],
        ["Takeshi Yamamoto"],
        [],
    ),
    (
        0,
        "15:30",
        "17:00",
        ROOM_A,
        "Smart city platforms: the Yokohama Smart City Project",
        ["smart-city"],
        ["Kenji Saito"],
        [],
    ),
    (
        0,
        "15:30",
        "17:00",
        ROOM_B,
        "Water and waste services for growing cities",
        ["water-and-waste"],
        ["Naoko Fujii"],
        [],
    ),
    (
        1,
        "09:00",
        "10:30",
        ROOM_A,
        "Financing resilience: municipal budgets and risk pools",
        ["municipal-finance", "disaster-risk-management"],
        ["Daniel Okafor"],
        [],
    ),
    (
        1,
        "09:00",
        "10:30",
        ROOM_B,
        "Inclusive cities for an ageing society",
        ["ageing-society"],
        ["Naoko Fujii"],
        [],
    ),
    (
        1,
        "11:00",
        "12:30",
        ROOM_A,
        "Delegations' action plans: Kathmandu and Quezon City",
        ["urban-management"],
        ["Hiroshi Nakamura"],
        [NEPAL, PHILIPPINES],
    ),
    (
        1,
        "11:00",
        "12:30",
        ROOM_B,
        "Delegations' action plans: Nairobi and Skopje",
        ["urban-management"],
        ["Isabel Ortega"],
        [KENYA, MACEDONIA],
    ),
    (
        1,
        "14:00",
        "15:30",
        ROOM_A,
        "Closing plenary: partnerships for the next round",
        ["urban-planning"],
        ["Keiko Tanaka", "Hiroshi Nakamura"],
        [],
    ),
]


# -- the study tour -------------------------------------------------------------------

TOUR = "Peru study tour: compact, resilient and smart cities"
TOUR_DAYS = [date(2027, 3, 8) + timedelta(days=n) for n in range(5)]

#: (day, heading)
TOUR_HEADINGS = [
    "Tokyo and Yokohama: opening and smart city",
    "Yokohama to Kobe",
    "Kobe: disaster risk management",
    "Kobe to Kitakyushu: green growth",
    "Kitakyushu to Tokyo: closing",
]

#: (day, origin, destination, mode, departure, arrival, notes). Durations follow the
#: travel-time table in resources/data/travel_times.json.
TOUR_LEGS: list[tuple[int, str, str, str, str, str, str]] = [
    (0, "Tokyo", "Yokohama", "rail", "12:30", "13:00", "JR Tokaido Line from Tokyo Station"),
    (
        1,
        "Yokohama",
        "Kobe",
        "rail",
        "12:40",
        "15:30",
        "Tokaido-Sanyo Shinkansen Nozomi from Shin-Yokohama to Shin-Kobe",
    ),
    (
        3,
        "Kobe",
        "Kitakyushu",
        "rail",
        "08:30",
        "10:30",
        "Sanyo Shinkansen from Shin-Kobe to Kokura",
    ),
    (
        4,
        "Kitakyushu",
        "Tokyo",
        "air",
        "13:00",
        "14:30",
        "Kitakyushu Airport to Haneda, then to TDLC by car",
    ),
]

#: (night of day n, hotel, locality, address)
TOUR_NIGHTS: list[tuple[int, str, str, str]] = [
    (
        0,
        "Hotel Minato Mirai Bayside",
        "Yokohama",
        ("2-3 Minatomirai, Nishi-ku, Yokohama\n神奈川県横浜市西区みなとみらい2-3"),
    ),
    (
        1,
        "Kobe Harborland Hotel",
        "Kobe",
        ("1-3 Higashikawasaki-cho, Chuo-ku, Kobe\n兵庫県神戸市中央区東川崎町1-3"),
    ),
    (
        2,
        "Kobe Harborland Hotel",
        "Kobe",
        ("1-3 Higashikawasaki-cho, Chuo-ku, Kobe\n兵庫県神戸市中央区東川崎町1-3"),
    ),
    (
        3,
        "Kokura Station Hotel",
        "Kitakyushu",
        ("1-1 Asano, Kokurakita-ku, Kitakyushu\n福岡県北九州市小倉北区浅野1-1"),
    ),
]

#: (day, start, end, kind, venue, title, theme codes)
TOUR_EVENTS: list[tuple[int, str, str, str, str, str, list[str]]] = [
    (
        0,
        "09:30",
        "11:30",
        "workshop",
        ROOM_B,
        "Study tour opening and briefing at TDLC",
        ["urban-planning"],
    ),
    (
        0,
        "14:00",
        "16:30",
        "site_visit",
        "Minato Mirai 21 Smart City Showcase",
        "Site visit: Minato Mirai 21 smart city showcase",
        ["smart-city"],
    ),
    (
        1,
        "09:30",
        "11:30",
        "workshop",
        "Yokohama City Hall",
        "Peer exchange with Yokohama's climate change policy team",
        ["smart-city", "green-growth"],
    ),
    (
        2,
        "09:30",
        "12:00",
        "site_visit",
        "Disaster Reduction and Human Renovation Institution (DRI)",
        "Site visit: Disaster Reduction and Human Renovation Institution",
        ["seismic-risk"],
    ),
    (
        2,
        "13:30",
        "17:00",
        "workshop",
        "Kobe City Hall",
        "Peer-to-peer workshop: resilient housing and reconstruction with the City of Kobe",
        ["seismic-risk", "reconstruction"],
    ),
    (
        3,
        "11:30",
        "15:30",
        "site_visit",
        "Kitakyushu Eco-Town Center",
        "Site visit: Kitakyushu Eco-Town recycling complex",
        ["green-growth"],
    ),
    (
        4,
        "09:00",
        "11:00",
        "site_visit",
        "Kitakyushu Environment Museum",
        "Site visit: Kitakyushu Environment Museum and the Higashida green district",
        ["environmental-protection"],
    ),
    (
        4,
        "15:30",
        "17:00",
        "workshop",
        ROOM_B,
        "Study tour wrap-up: the delegation's action plan",
        ["urban-planning"],
    ),
]


# -- the monthly series ---------------------------------------------------------------

SERIES = "Peer-to-peer workshop series: resilient cities (monthly)"
SERIES_FIRST = date(2027, 1, 20)
SERIES_RULE = "FREQ=MONTHLY;COUNT=6;BYDAY=3WE"
SERIES_HOURS = ("17:00", "18:30")
SERIES_DELEGATIONS = [NEPAL, KENYA, PHILIPPINES, MACEDONIA]
SERIES_CANCELLED = date(2027, 2, 17)
"""The delegations are in Japan for the conference that week."""
SERIES_MOVED = (date(2027, 5, 19), date(2027, 5, 20))
"""Kobe's officials attend the city council's session on the 19th."""


# -- knowledge products ---------------------------------------------------------------

#: (title, kind, published, url slug, cities, theme codes, event titles, summary)
PRODUCTS: list[tuple[str, str, str | None, str, list[str], list[str], list[str], str]] = [
    (
        "Compact City Development: Toyama's Light Rail and Land Use",
        "case_study",
        "2026-06-30",
        "toyama-compact-city",
        ["Toyama"],
        ["compact-city", "transit-oriented-development"],
        [
            "Site visit: Toyama Portram light rail and compact city policy",
            "Compact city and transit: Toyama's light rail",
        ],
        "How Toyama concentrated growth along its renewed tram and light-rail lines.",
    ),
    (
        "Learning from Kobe: Disaster Risk Management after the Great Hanshin-Awaji Earthquake",
        "knowledge_note",
        "2026-09-15",
        "kobe-drm",
        ["Kobe"],
        ["seismic-risk", "reconstruction"],
        [
            "Site visit: Disaster Reduction and Human Renovation Institution",
            "Peer-to-peer workshop: resilient housing and reconstruction with the City of Kobe",
            SERIES,
        ],
        "Building codes, community drills and reconstruction finance, twenty years on.",
    ),
    (
        "Kitakyushu Eco-Town: From Grey to Green",
        "video",
        "2026-03-20",
        "kitakyushu-eco-town",
        ["Kitakyushu"],
        ["green-growth", "environmental-protection"],
        [
            "Site visit: Kitakyushu Eco-Town recycling complex",
            "From grey to green: the Kitakyushu Eco-Town",
        ],
        "A twelve-minute film on the recycling industries of Hibikino.",
    ),
    (
        "Smart City Toolkit for Client Cities",
        "toolkit",
        None,
        "smart-city-toolkit",
        ["Yokohama"],
        ["smart-city"],
        [
            "Site visit: Minato Mirai 21 smart city showcase",
            "Smart city platforms: the Yokohama Smart City Project",
        ],
        "Steps, procurement models and data governance for a first smart city project.",
    ),
    (
        "City Partnership Program: Good Practices 2027",
        "good_practice_guide",
        None,
        "cpp-good-practices-2027",
        ["Kitakyushu", "Kobe", "Toyama", "Yokohama"],
        ["urban-planning", "urban-management", "disaster-risk-management"],
        [CONFERENCE],
        "Proceedings and good practices gathered at the 2027 conference.",
    ),
]


def demo_document(reference: ReferenceIds) -> dict[str, Any]:
    """The demo program as a program-file document."""
    builder = _Builder(reference)
    return builder.build()


class _Builder:
    def __init__(self, reference: ReferenceIds) -> None:
        self.ref = reference
        self.venue_ids = dict(reference.venues)
        self.venue_ids.update({name: demo_id("venue", name) for name, *_ in CITY_VENUES})
        self.venue_localities = {name: city for name, _, city, *_ in CITY_VENUES}
        self.venue_localities.update({STUDIO: "Tokyo", ROOM_A: "Tokyo", ROOM_B: "Tokyo"})
        self.people = {
            name: demo_id("participant", handle)
            for group in PEOPLE.values()
            for name, handle, *_ in group
        }
        self.events: list[dict[str, Any]] = []
        self.event_ids: dict[str, str] = {}

    def build(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "venues": self.venues(),
            "delegations": self.delegations(),
            "participants": self.participants(),
            "study_tours": [self.study_tour()],
        }
        self.conference()
        self.toyama_visit()
        self.videoconference()
        self.series()
        document["events"] = self.events
        document["knowledge_products"] = self.products()
        return document

    # -- reference and people ----------------------------------------------------------
    def venues(self) -> list[dict[str, Any]]:
        return [
            {
                "id": self.venue_ids[name],
                "name": name,
                "name_ja": name_ja,
                "locality": city,
                "city": self.ref.cities.get(city),
                "address": address,
                "opens_at": hours[0],
                "closes_at": hours[1],
                "capacity": capacity,
                "latitude": latitude,
                "longitude": longitude,
                "zone": TOKYO,
            }
            for name, name_ja, city, address, hours, capacity, latitude, longitude in CITY_VENUES
        ]

    def delegations(self) -> list[dict[str, Any]]:
        return [{"id": demo_id("delegation", d["name"]), **d} for d in DELEGATIONS]

    def participants(self) -> list[dict[str, Any]]:
        delegations = {d["name"] for d in DELEGATIONS}
        return [
            {
                "id": self.people[name],
                "name": name,
                "email": f"{handle}@example.org",
                "organisation": organisation,
                "role": role,
                "delegation": demo_id("delegation", home) if home in delegations else None,
                "zone": None if home in delegations else home,
            }
            for home, group in PEOPLE.items()
            for name, handle, role, organisation in group
        ]

    # -- events ------------------------------------------------------------------------
    def event(
        self,
        title: str,
        kind: str,
        day: date,
        hours: tuple[str, str],
        *,
        end_day: date | None = None,
        venue: str | None = None,
        city: str | None = None,
        mode: str = "face_to_face",
        status: str = "confirmed",
        themes: Sequence[str] = (),
        delegations: Sequence[str] = (),
        participants: Sequence[str] = (),
        **extra: Any,
    ) -> dict[str, Any]:
        event_id = demo_id("event", title)
        if city is None and venue is not None:
            locality = self.venue_localities[venue]
            city = locality if locality in self.ref.cities else None
        record: dict[str, Any] = {
            "id": event_id,
            "uid": f"{event_id}@{UID_DOMAIN}",
            "sequence": 0,
            "title": title,
            "kind": kind,
            "mode": mode,
            "status": status,
            "start": _instant(day, hours[0]),
            "end": _instant(end_day or day, hours[1]),
            "zone": TOKYO,
            "venue": self.venue_ids[venue] if venue else None,
            "city": self.ref.cities.get(city) if city else None,
            "organiser": self.people[ORGANISER],
            "themes": sorted(self.ref.themes[code] for code in themes),
            "delegations": sorted(demo_id("delegation", name) for name in delegations),
            "participants": sorted(self.people[name] for name in participants),
            **extra,
        }
        self.events.append(record)
        self.event_ids[title] = event_id
        return record

    def conference(self) -> None:
        first, last = CONFERENCE_DAYS
        parent = self.event(
            CONFERENCE,
            "conference",
            first,
            ("09:00", "15:30"),
            end_day=last,
            mode="hybrid",
            themes=[
                "urban-planning",
                "urban-service-provision",
                "urban-management",
                "disaster-risk-management",
                "municipal-finance",
                "social-development",
            ],
            delegations=[*IN_PERSON, PERU],
            participants=["Priya Raman"],
            video_link=VIDEO_LINK + "cpp-conference-2027",
            description=(
                "Two days at TDLC, Tokyo (10th floor, Uchisaiwaicho): plenaries in Meeting "
                "Room A, parallel tracks in Meeting Rooms A and B. Bank staff in Washington "
                "and the Peru delegation join online; Washington sees the first morning on "
                "Sunday evening."
            ),
        )
        for day, start, end, room, title, themes, speakers, delegations in SESSIONS:
            self.event(
                title,
                "conference",
                CONFERENCE_DAYS[day],
                (start, end),
                venue=room,
                mode="hybrid",
                themes=themes,
                delegations=delegations,
                participants=speakers,
                parent=parent["id"],
                video_link=parent["video_link"],
            )

    def toyama_visit(self) -> None:
        self.event(
            "Site visit: Toyama Portram light rail and compact city policy",
            "site_visit",
            date(2027, 2, 17),
            ("11:00", "15:00"),
            venue="Toyama Portram Depot (Toyama Light Rail)",
            status="tentative",
            themes=["compact-city", "transit-oriented-development"],
            delegations=[NEPAL, PHILIPPINES],
            participants=["Aya Morita", "Hiroshi Nakamura"],
            description="Depart Tokyo 08:00 by Hokuriku Shinkansen; back in Tokyo by 19:00.",
        )

    def videoconference(self) -> None:
        self.event(
            "Pre-tour briefing with the Peru delegation",
            "videoconference",
            date(2027, 2, 24),
            ("08:30", "09:30"),
            venue=STUDIO,
            mode="hybrid",
            themes=["urban-planning"],
            delegations=[PERU],
            participants=["Keiko Tanaka", "Priya Raman", "Miki Watanabe"],
            video_link=VIDEO_LINK + "peru-briefing",
            description="Lima joins at 18:30 the evening before; Washington at 18:30 too.",
        )

    def series(self) -> None:
        cancelled = _instant(SERIES_CANCELLED, SERIES_HOURS[0])
        moved_from, moved_to = SERIES_MOVED
        record = self.event(
            SERIES,
            "workshop",
            SERIES_FIRST,
            SERIES_HOURS,
            mode="virtual",
            city="Kobe",
            host_city=self.ref.cities["Kobe"],  # run from Kobe's city office
            themes=["disaster-risk-management", "seismic-risk"],
            delegations=SERIES_DELEGATIONS,
            participants=["Yuki Matsumoto", "Keiko Tanaka", "Hiroshi Nakamura"],
            video_link=VIDEO_LINK + "p2p-resilient-cities",
            recurrence_rule=SERIES_RULE,
            description=(
                "Third Wednesday of each month, 17:00 in Tokyo: 08:00 UTC. Skopje moves from "
                "09:00 to 10:00 when North Macedonia changes to summer time on 28 March."
            ),
        )
        record["changes"] = [
            {
                "id": demo_id("change", f"{SERIES}:{SERIES_CANCELLED}"),
                "recurrence_id": cancelled,
                "cancelled": True,
                "start": None,
                "end": None,
            },
            {
                "id": demo_id("change", f"{SERIES}:{moved_from}"),
                "recurrence_id": _instant(moved_from, SERIES_HOURS[0]),
                "cancelled": False,
                "start": _instant(moved_to, SERIES_HOURS[0]),
                "end": _instant(moved_to, SERIES_HOURS[1]),
            },
        ]

    def study_tour(self) -> dict[str, Any]:
        tour_id = demo_id("study tour", TOUR)
        day_ids = [demo_id("tour day", f"{TOUR}:{day}") for day in TOUR_DAYS]
        for day, start, end, kind, venue, title, themes in TOUR_EVENTS:
            self.event(
                title,
                kind,
                TOUR_DAYS[day],
                (start, end),
                venue=venue,
                themes=themes,
                delegations=[PERU],
                participants=["Keiko Tanaka", "Miki Watanabe"],
                tour_day=day_ids[day],
            )
        return {
            "id": tour_id,
            "title": TOUR,
            "delegation": demo_id("delegation", PERU),
            "start_date": TOUR_DAYS[0].isoformat(),
            "end_date": TOUR_DAYS[-1].isoformat(),
            "notes": "Eight officials; Spanish-Japanese interpreter throughout.",
            "days": [
                {"id": day_ids[n], "day": day.isoformat(), "title": TOUR_HEADINGS[n]}
                for n, day in enumerate(TOUR_DAYS)
            ],
            "legs": [
                {
                    "id": demo_id("travel leg", f"{TOUR}:{origin}-{destination}"),
                    "origin": origin,
                    "destination": destination,
                    "mode": mode,
                    "departure": _instant(TOUR_DAYS[day], departure),
                    "arrival": _instant(TOUR_DAYS[day], arrival),
                    "zone": TOKYO,
                    "notes": notes,
                }
                for day, origin, destination, mode, departure, arrival, notes in TOUR_LEGS
            ],
            "nights": [
                {
                    "id": demo_id("hotel night", f"{TOUR}:{TOUR_DAYS[day]}"),
                    "night_of": TOUR_DAYS[day].isoformat(),
                    "hotel": hotel,
                    "locality": locality,
                    "address": address,
                }
                for day, hotel, locality, address in TOUR_NIGHTS
            ],
        }

    def products(self) -> list[dict[str, Any]]:
        return [
            {
                "id": demo_id("knowledge product", title),
                "title": title,
                "kind": kind,
                "published": published,
                "url": f"https://www.example.org/cpp/{slug}",
                "summary": summary,
                "cities": sorted(self.ref.cities[city] for city in cities),
                "themes": sorted(self.ref.themes[code] for code in themes),
                "events": sorted(self.event_ids[event] for event in events),
            }
            for title, kind, published, slug, cities, themes, events, summary in PRODUCTS
        ]
