"""Word lists for demo and scale data: names, workshops, equipment, staff notes, cities.

Invented combinations of common names; any likeness to a real workshop is a coincidence.
"""
from __future__ import annotations

# What the spaces hold, as the hubs would list it.
LAB_EQUIPMENT = (
    "workbench, sink, three-phase power (400 V)",
    "two workbenches, extraction hood, compressed air",
    "large cutting table, sink, north-light windows",
    "workbench, dust extraction, three-phase power (400 V), storage rack",
    "sink, ventilation, lockable cabinet, wall shelving",
    "workbench, task lighting, lockable cabinet",
)
BENCH_EQUIPMENT = (
    "jeweller's bench, flex-shaft motor, gas-oxygen torch, bench pin, loupe lamp",
    "jeweller's bench, flex-shaft motor, micro torch, ring mandrel, drawplate",
    "jeweller's bench, flex-shaft motor, gas-oxygen torch, doming block, swage block",
)
POTTERY = ("2 electric kilns (1,300 °C), 8 potter's wheels, slab roller, glaze booth, "
           "clay-trap sink, drying racks")
CONFERENCE = ("projector and 3 m screen, PA system with 2 wireless microphones, "
              "video-conference camera, Wi-Fi, 60 stackable chairs")
COFFEE_SHOP = "espresso machine, bar counter, display shelving for craft products, 30 seats"
SHOP = "glass display cases, counter, exhibition walls with track lighting"

# ISO country code -> (female given names, male given names, surnames).
PEOPLE: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "IT": (
        ("Giulia", "Francesca", "Chiara", "Elena", "Sara", "Martina", "Valentina", "Alessia",
         "Federica", "Silvia", "Irene", "Caterina", "Beatrice", "Margherita", "Lucia",
         "Benedetta", "Anna", "Costanza", "Ilaria", "Marta", "Camilla", "Giovanna"),
        ("Marco", "Lorenzo", "Matteo", "Andrea", "Francesco", "Tommaso", "Niccolò", "Pietro",
         "Jacopo", "Filippo", "Giovanni", "Leonardo", "Duccio", "Gabriele", "Stefano",
         "Alessandro", "Riccardo", "Simone", "Davide", "Emanuele"),
        ("Rossi", "Bianchi", "Bartolini", "Innocenti", "Cecchi", "Fantini", "Lotti", "Mugnai",
         "Bandini", "Sarti", "Guerrini", "Parenti", "Nardi", "Pieraccini", "Baldini", "Franchi",
         "Gori", "Lapini", "Martelli", "Ricci", "Santini", "Vannucci", "Bellini", "Conti",
         "Esposito", "Ferrara", "Galli", "Mancini", "Neri", "Puccetti", "Tesi", "Dell'Aglio",
         "Del Bene", "Morandi", "Frosini", "Giannini", "Mazzoni", "Papini", "Tozzi",
         "Vitali"),
    ),
    "FR": (("Camille", "Léa", "Manon", "Chloé", "Juliette", "Margaux"),
           ("Julien", "Thomas", "Antoine", "Hugo", "Mathieu", "Étienne"),
           ("Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Girard", "Roux", "Fontaine")),
    "DE": (("Anna", "Lena", "Katharina", "Johanna", "Sophie", "Franziska"),
           ("Lukas", "Jonas", "Felix", "Maximilian", "Tobias", "Matthias"),
           ("Müller", "Schmidt", "Weber", "Wagner", "Becker", "Hoffmann", "Krause", "Vogel")),
    "ES": (("Lucía", "Carmen", "Marta", "Paula", "Elena", "Nuria"),
           ("Javier", "Pablo", "Álvaro", "Daniel", "Sergio", "Jordi"),
           ("García", "Fernández", "López", "Martínez", "Sánchez", "Romero", "Navarro", "Vidal")),
    "PT": (("Inês", "Beatriz", "Mariana", "Joana", "Rita"),
           ("João", "Tiago", "Miguel", "Rui", "Duarte"),
           ("Silva", "Santos", "Ferreira", "Pereira", "Costa", "Oliveira", "Sousa")),
    "GB": (("Emily", "Charlotte", "Hannah", "Olivia", "Rosie", "Imogen"),
           ("Oliver", "James", "Harry", "Thomas", "William", "Samuel"),
           ("Smith", "Taylor", "Brown", "Walker", "Hughes", "Clarke", "Wright", "Hall")),
    "US": (("Emma", "Abigail", "Madison", "Hannah", "Rachel", "Megan"),
           ("Ethan", "Noah", "Caleb", "Daniel", "Ryan", "Nathan"),
           ("Johnson", "Miller", "Davis", "Anderson", "Thompson", "Baker", "Carter", "Reyes")),
    "JP": (("Yuki", "Aiko", "Haruka", "Mei", "Sakura", "Naomi"),
           ("Kenji", "Takumi", "Haruto", "Daiki", "Ren", "Sota"),
           ("Tanaka", "Suzuki", "Takahashi", "Watanabe", "Ito", "Nakamura", "Kobayashi")),
    "CN": (("Fang", "Na", "Jing", "Yan", "Min", "Xiu"),
           ("Wei", "Qiang", "Lei", "Yang", "Jun", "Hao"),
           ("Wang", "Li", "Zhang", "Liu", "Chen", "Zhao")),
    "TW": (("Mei-Ling", "Hsin-Yi", "Pei-Chun", "Yu-Ting", "Shu-Fen"),
           ("Chia-Hao", "Wei-Lun", "Chun-Wei", "Cheng-Han", "Yu-Hsiang"),
           ("Chen", "Lin", "Huang", "Chang", "Wu", "Tsai")),
    "ZA": (("Thandiwe", "Lerato", "Naledi", "Anneke", "Zanele"),
           ("Sipho", "Thabo", "Pieter", "Kagiso", "Lwazi"),
           ("Nkosi", "Dlamini", "van der Merwe", "Botha", "Mokoena", "Naidoo")),
    "BR": (("Ana Clara", "Beatriz", "Larissa", "Fernanda", "Camila"),
           ("Rafael", "Gustavo", "Felipe", "Thiago", "Bruno"),
           ("Souza", "Almeida", "Carvalho", "Ribeiro", "Barbosa", "Lima")),
    "NL": (("Sanne", "Femke", "Lotte", "Eva", "Anouk"),
           ("Daan", "Bram", "Joris", "Sem", "Thijs"),
           ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "de Jong")),
    "PL": (("Agnieszka", "Katarzyna", "Zofia", "Magdalena", "Ewa"),
           ("Piotr", "Tomasz", "Michał", "Krzysztof", "Paweł"),
           ("Nowak", "Kowalska", "Wiśniewska", "Wójcik", "Kamińska", "Lewandowska")),
    "CZ": (("Tereza", "Lucie", "Kateřina", "Barbora", "Veronika"),
           ("Jakub", "Ondřej", "Tomáš", "Petr", "Vojtěch"),
           ("Novotná", "Svobodová", "Dvořáková", "Černá", "Procházková")),
    "KR": (("Ji-woo", "Seo-yeon", "Min-ji", "Ha-eun", "Soo-ah"),
           ("Min-jun", "Ji-ho", "Hyun-woo", "Seung-min", "Jae-won"),
           ("Kim", "Lee", "Park", "Choi", "Jung", "Kang")),
}

# Written surname first, as these makers sign their work ("Wang Fang").
SURNAME_FIRST = frozenset({"CN"})

# Craft sector -> workshop or brand names; {given} and {surname} are the maker's.
WORKSHOPS: dict[str, tuple[str, ...]] = {
    "ceramics": ("Ceramiche {surname}", "Terra e Fuoco di {given}", "Studio Argilla {surname}",
                 "{surname} Ceramics", "Maioliche {surname}", "Grès {given}"),
    "jewellery": ("{given} {surname} Gioielli", "Oreficeria {surname}", "Atelier {given}",
                  "{surname} Jewellery", "Argento Vivo di {given}", "Smalti {surname}"),
    "leather": ("Pelletteria {surname}", "Cuoio {given}", "{surname} Leather Goods",
                "Borse {surname}", "Calzoleria {surname}"),
    "textile": ("Tessiture {surname}", "Il Telaio di {given}", "{surname} Textiles",
                "Filo e Trama {surname}", "Ricami {given}"),
    "wood": ("Falegnameria {surname}", "Intagli {surname}", "{given} Woodworks",
             "Ebanisteria {surname}"),
    "glass": ("Vetreria {surname}", "Vetri d'Arte {given}", "{surname} Glass Studio",
              "Vetrate {surname}"),
    "paper": ("Carte Marmorizzate {surname}", "Cartiera {given}", "{surname} Paper Studio"),
    "restoration": ("Restauri {surname}", "Studio di Restauro {surname}", "Dorature {surname}",
                    "{given} {surname} Conservation"),
    "design": ("{surname} Design Studio", "Studio {given} {surname}", "Officina {surname}",
               "Forma {given}"),
    "metalwork": ("Ferro Battuto {surname}", "Bronzi {surname}", "{surname} Metalworks",
                  "Ottoni {given}"),
    "stone": ("Pietre Dure {surname}", "Commesso {surname}", "Marmi {given}"),
    "bookbinding": ("Legatoria {surname}", "{given} Bookbinding", "Rilegature {surname}"),
    "fashion": ("Sartoria {surname}", "Atelier {given} {surname}", "Modisteria {given}",
                "Maglieria {surname}"),
    "musical instruments": ("Liuteria {surname}", "{surname} Violins", "Archetti {given}"),
    "printmaking": ("Stamperia {surname}", "Calcografia {given}", "{surname} Print Studio",
                    "Xilografie {surname}"),
    "other": ("Bottega {surname}", "Studio {given}", "Laboratorio {surname}"),
}

NOTES = (
    "Prefers to be called in the morning; the laboratory is closed on Mondays.",
    "Interested in the next B2B mission with the buyers from Shanghai.",
    "Teaches the Saturday wheel-throwing course in the pottery workshop.",
    "Asked for a larger laboratory on the ground floor when one is free.",
    "Deposit returned in full when leaving.",
    "Takes part in the Christmas market every year.",
    "Needs the freight lift booked for kiln deliveries.",
    "Mentor for two young makers in the incubation programme.",
    "Exhibited at the INNOCRAFTS study visit.",
    "Shares equipment with the neighbouring laboratory by agreement.",
)

# Whoever runs a hub's coffee-shop; each name starts with "Caffè " (seed_hubs.runs_the_cafe).
CAFES = ("Caffè delle Arti {surname}", "Caffè dei Mestieri di {given}",
         "Caffè Bottega {surname}", "Caffè Artigiano di {given}")
CAFE_NOTE = "Runs the coffee-shop; sells the tenants' small pieces on commission."

LEASE_NOTES = (
    "Rent reduced for the first six months under the incubation programme.",
    "Includes a storage cage in the basement.",
    "Three-phase power upgrade paid by the tenant, to be refunded on leaving.",
    "Deposit paid in two instalments.",
    "One assistant may work in the space; no sub-letting.",
    "Asked for first refusal on the neighbouring space.",
    "Renewed on the same terms after the first year.",
    "Opens the workshop to visitors on the first Saturday of the month.",
)
VISITOR_LEASE_NOTE = "Visiting artist: a short bench lease during the residency."

# Bookings: (what, shortest and longest length in half hours, fewest and most places).
CONFERENCE_EVENTS = (
    (("Tenants' monthly meeting", "Board meeting of the hub",
      "Meeting with the city's economic development office", "B2B meeting with visiting buyers",
      "INNOCRAFTS project partners' meeting", "Meeting with the craft associations"),
     2, 4, 10, 25),
    (("Seminar: pricing handmade work", "Seminar: exporting crafts to the USA",
      "Seminar: intellectual property for makers", "Online seminar: selling crafts online",
      "Seminar: sustainable materials in the workshop",
      "Seminar: EU funding for small craft businesses"), 6, 16, 20, 60),
    (("Presentation of a new collection", "Book presentation: the crafts of the city",
      "Presentation of the course programme", "Press presentation",
      "Portfolio review for young makers"), 2, 5, 15, 60),
)
POTTERY_USES = (
    (("Open studio",), 2, 8, 1, 3),
    (("Open studio",), 2, 6, 1, 2),
    (("Kiln firing: bisque", "Kiln firing: glaze"), 2, 8, 1, 2),
    (("Glazing session",), 2, 4, 1, 4),
    (("Wheel-throwing course", "Hand-building course", "Raku evening"), 4, 6, 6, 12),
)
BENCH_USES = ("Bench day", "Stone setting", "Soldering and assembly", "Polishing and finishing",
              "Wax carving", "Enamelling tests", "Repairs for a client", "Casting preparation")

# (city, ISO country) where copies of each hub are placed by the scale data.
CRAFT_CITIES = (
    ("Bologna", "IT"), ("Faenza", "IT"), ("Venezia", "IT"), ("Napoli", "IT"),
    ("Torino", "IT"), ("Milano", "IT"), ("Deruta", "IT"), ("Caltagirone", "IT"),
    ("Vietri sul Mare", "IT"), ("Lecce", "IT"), ("Cremona", "IT"), ("Fabriano", "IT"),
    ("Carrara", "IT"), ("Volterra", "IT"), ("Montelupo Fiorentino", "IT"), ("Siena", "IT"),
    ("Lucca", "IT"), ("Perugia", "IT"), ("Matera", "IT"), ("Palermo", "IT"),
    ("València", "ES"), ("Barcelona", "ES"), ("Sevilla", "ES"), ("Lisboa", "PT"),
    ("Porto", "PT"), ("Limoges", "FR"), ("Lyon", "FR"), ("Marseille", "FR"),
    ("Nürnberg", "DE"), ("Leipzig", "DE"), ("Delft", "NL"), ("Stoke-on-Trent", "GB"),
    ("Kraków", "PL"), ("Praha", "CZ"),
)
JEWELLERY_CITIES = (
    ("Valenza", "IT"), ("Arezzo", "IT"), ("Vicenza", "IT"), ("Torre del Greco", "IT"),
    ("Roma", "IT"), ("Milano", "IT"), ("Napoli", "IT"), ("Venezia", "IT"),
    ("Pforzheim", "DE"), ("Idar-Oberstein", "DE"), ("Hanau", "DE"),
    ("Jablonec nad Nisou", "CZ"), ("Amsterdam", "NL"), ("Barcelona", "ES"),
    ("Lisboa", "PT"), ("Paris", "FR"), ("Birmingham", "GB"), ("Kraków", "PL"),
)
