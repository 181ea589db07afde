"""The demo network's words: named partners, and the parts generated ones are made of.

Real Florentine institutions and associations appear by name (the hub works with them);
buyers, galleries, schools and suppliers abroad are invented, so no real firm is given
a history it never had. Emails of contact people use example.org/example.com.
"""
from __future__ import annotations

# (name, kind, country, city, website, status, since (year, month), tags)
NAMED = [
    ("City of Florence", "institution", "IT", "Firenze", "https://www.comune.fi.it", "active",
     (2016, 1), "public,owner,funding"),
    ("Artex", "trade_association", "IT", "Firenze", "https://www.artex.firenze.it", "active",
     (2016, 1), "crafts,management"),
    ("CNA Firenze", "trade_association", "IT", "Firenze", "https://www.cnafirenze.it", "active",
     (2016, 1), "crafts,management,training"),
    ("Confartigianato Firenze", "trade_association", "IT", "Firenze",
     "https://www.confartigianatofirenze.it", "active", (2016, 1), "crafts,management"),
    ("Regione Toscana", "institution", "IT", "Firenze", "https://www.regione.toscana.it",
     "active", (2016, 9), "public,funding"),
    ("Camera di Commercio di Firenze", "institution", "IT", "Firenze",
     "https://www.fi.camcom.gov.it", "active", (2017, 3), "public,export"),
    ("Città Metropolitana di Firenze", "institution", "IT", "Firenze",
     "https://www.cittametropolitana.fi.it", "active", (2017, 5), "public"),
    ("Accademia di Belle Arti di Firenze", "school_academy", "IT", "Firenze",
     "https://www.accademia.firenze.it", "active", (2016, 10), "training,trainees"),
    ("Istituto d'Arte di Porta Romana", "school_academy", "IT", "Firenze", None, "active",
     (2017, 2), "training,trainees"),
    ("Polimoda", "school_academy", "IT", "Firenze", "https://www.polimoda.com", "active",
     (2018, 4), "fashion,training"),
    ("Museo Novecento", "institution", "IT", "Firenze", "https://www.museonovecento.it",
     "active", (2019, 6), "exhibitions,culture"),
    ("CNA Prato", "trade_association", "IT", "Prato", None, "dormant", (2018, 1),
     "crafts,textile"),
    ("Confartigianato Siena", "trade_association", "IT", "Siena", None, "prospect", None,
     "crafts"),
    ("Unioncamere Toscana", "institution", "IT", "Firenze", "https://www.tos.camcom.it",
     "active", (2018, 11), "export,public"),
    ("Fondazione CR Firenze", "institution", "IT", "Firenze", "https://www.fondazionecrfirenze.it",
     "active", (2017, 10), "funding,culture"),
    ("Scuola del Cuoio", "school_academy", "IT", "Firenze", None, "active", (2019, 3),
     "leather,training"),
    ("Ceramica Montelupo Consorzio", "supplier", "IT", "Montelupo Fiorentino", None, "active",
     (2016, 6), "ceramics,materials"),
    ("Marmi Apuani Forniture", "supplier", "IT", "Carrara", None, "active", (2018, 2),
     "stone,materials"),
    ("Pelletterie del Valdarno", "supplier", "IT", "Montevarchi", None, "dormant", (2017, 9),
     "leather,materials"),
    ("Radio Toscana Cultura", "media", "IT", "Firenze", None, "active", (2019, 9),
     "press,culture"),
    ("Firenze Made in Tuscany", "media", "IT", "Firenze", None, "active", (2018, 5),
     "press,crafts"),
    ("Fondazione Cologni dei Mestieri d'Arte", "institution", "IT", "Milano",
     "https://www.fondazionecologni.it", "active", (2018, 3), "crafts,culture"),
    ("Confartigianato Imprese (national)", "trade_association", "IT", "Roma",
     "https://www.confartigianato.it", "active", (2017, 1), "crafts,policy"),
    ("CNA Nazionale", "trade_association", "IT", "Roma", "https://www.cna.it", "active",
     (2017, 1), "crafts,policy"),
    ("Artigianato Veneto Associato", "trade_association", "IT", "Venezia", None, "prospect",
     None, "crafts"),
    ("Associazione Ceramisti di Faenza", "trade_association", "IT", "Faenza", None, "active",
     (2020, 2), "ceramics"),
    ("Orafi Vicentini Consorzio", "trade_association", "IT", "Vicenza", None, "active",
     (2019, 11), "jewellery"),
]

# INNOCRAFTS: cities of art working on contemporary crafts with Florence (invented offices).
INNOCRAFTS = [
    ("Porto", "PT"), ("Valencia", "ES"), ("Tallinn", "EE"), ("Kraków", "PL"), ("Ljubljana", "SI"),
    ("Limoges", "FR"), ("Gothenburg", "SE"), ("Thessaloniki", "GR"), ("Pécs", "HU"),
    ("Aveiro", "PT"),
]

# Invented organisations abroad: (country, cities, kind, name patterns).
ABROAD = [
    ("CN", ("Shanghai", "Beijing", "Jingdezhen", "Shenzhen", "Hangzhou"), "b2b_buyer",
     ("{city} Lantern Craft Trading", "{city} Silk Road Design Imports", "Jade Bridge {city}",
      "{city} Artisan Goods Co.")),
    ("CN", ("Shanghai", "Beijing", "Guangzhou"), "gallery_retailer",
     ("Gallery Yun {city}", "{city} Porcelain House")),
    ("US", ("New York", "San Francisco", "Chicago", "Los Angeles", "Santa Fe", "Boston"),
     "b2b_buyer",
     ("Hudson & Arno Imports", "{city} Makers Supply", "Atlantic Craft Buyers {city}")),
    ("US", ("New York", "Santa Fe", "Seattle", "Miami"), "gallery_retailer",
     ("{city} Contemporary Craft Gallery", "The Bench Gallery {city}", "Object Studio {city}")),
    ("JP", ("Kyoto", "Tokyo", "Kanazawa", "Osaka"), "gallery_retailer",
     ("Kogei House {city}", "{city} Urushi & Metal Gallery")),
    ("JP", ("Tokyo", "Osaka"), "b2b_buyer", ("{city} Select Imports",)),
    ("FR", ("Paris", "Lyon"), "gallery_retailer", ("Galerie Atelier {city}",)),
    ("DE", ("Munich", "Berlin", "Hamburg"), "gallery_retailer",
     ("Handwerk Forum {city}", "Schmuck Galerie {city}")),
    ("DE", ("Frankfurt",), "b2b_buyer", ("Rhein Design Einkauf",)),
    ("GB", ("London", "Edinburgh"), "gallery_retailer", ("{city} Craft Collective",)),
    ("NL", ("Amsterdam",), "b2b_buyer", ("Canal Makers Trade",)),
    ("BE", ("Brussels",), "media", ("Craft Europe Magazine",)),
    ("ES", ("Barcelona",), "school_academy", ("Escola d'Oficis {city}",)),
    ("KR", ("Seoul",), "gallery_retailer", ("Seoul Craft Atelier",)),
    ("TW", ("Taipei",), "school_academy", ("Taipei Metalsmith School",)),
    ("ZA", ("Cape Town",), "school_academy", ("Cape Jewellery Academy",)),
    ("SG", ("Singapore",), "b2b_buyer", ("Lion City Design Buyers",)),
    ("CH", ("Geneva",), "b2b_buyer", ("Léman Watch & Jewel Buyers",)),
    ("DK", ("Copenhagen",), "gallery_retailer", ("Nordic Hands Gallery",)),
]

TUSCAN_EXTRA = [
    ("{city} Artigiani Riuniti", "trade_association"), ("Bottega Scuola {city}", "school_academy"),
    ("{city} Forniture per Artigiani", "supplier"), ("Galleria d'Arte Applicata {city}",
                                                     "gallery_retailer"),
    ("Pro Loco {city}", "institution"), ("Gazzetta di {city}", "media"),
]
TUSCAN_CITIES = ("Prato", "Pistoia", "Siena", "Arezzo", "Pisa", "Lucca", "Empoli", "Livorno",
                 "Grosseto", "Sesto Fiorentino", "Scandicci", "Impruneta")
ITALIAN_CITIES = ("Milano", "Roma", "Bologna", "Torino", "Napoli", "Venezia", "Genova",
                  "Bari", "Perugia", "Vicenza")

FIRST_NAMES = {
    "IT": ("Giulia", "Marco", "Elena", "Luca", "Chiara", "Matteo", "Sara", "Paolo", "Anna",
           "Franco"),
    "CN": ("Li", "Wang", "Mei", "Chen", "Xiu", "Jun"),
    "JP": ("Aiko", "Haruto", "Yuki", "Ren", "Sakura"),
    "other": ("Emma", "Lucas", "Sophie", "Daniel", "Maria", "Jonas", "Olivia", "Pedro", "Eva"),
}
SURNAMES = {
    "IT": ("Rossi", "Bianchi", "Conti", "Ricci", "Marino", "Greco", "Bruno", "Galli", "Fabbri"),
    "CN": ("Zhang", "Liu", "Huang", "Zhou", "Wu", "Xu"),
    "JP": ("Tanaka", "Sato", "Suzuki", "Watanabe", "Ito"),
    "other": ("Smith", "Müller", "Dubois", "García", "Novak", "Jensen", "Silva", "Kowalski"),
}
ROLES = ("Director", "Project officer", "Buyer", "Curator", "Head of training",
         "Communication officer", "International relations", "Owner")
LANGUAGES = {"IT": "Italian", "CN": "Chinese", "JP": "Japanese", "FR": "French", "DE": "German",
             "ES": "Spanish", "PT": "Portuguese"}
PHONE_PREFIX = {"IT": "+39 055", "CN": "+86 21", "US": "+1 212", "JP": "+81 75", "FR": "+33 1",
                "DE": "+49 89", "GB": "+44 20"}

SUMMARIES = {
    "meeting": ("Met to plan the next joint activity", "Review of the year together",
                "Meeting on the spring programme", "Discussed a new collection with artisans"),
    "call": ("Call about samples and prices", "Checked availability for the autumn",
             "Call on next steps", "Follow-up call after the fair"),
    "email": ("Sent the artisans' catalogue", "Shared the course programme",
              "Sent photos of new work", "Asked for feedback on the last order"),
    "trade_fair": ("Met at Artigianato e Palazzo", "Met at the Homi fair in Milan",
                   "Met at Maison&Objet", "Met at the Canton Fair", "Met at NY NOW"),
    "visit": ("Visited the laboratories with a delegation", "Studio visit with two buyers",
              "Visit to the pottery workshop"),
    "mou_signed": ("Signed a memorandum of understanding", "Renewed the cooperation agreement"),
    "joint_project": ("Joint project kick-off", "INNOCRAFTS study visit",
                      "Joint exhibition opening", "Co-designed a training course"),
}
