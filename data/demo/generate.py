#!/usr/bin/env python3
"""Generate Vigía's synthetic demo corpus: ``data/demo/posts.jsonl``.

Every record is invented for this project. Texts are assembled from hand-written
fragments (openers, claims, details, closings, hashtags, emoji) in Spanish,
Portuguese, English, French and Haitian Creole; no real post, article or data set
sentence is used and no real person is named. Handles, phone numbers (always with
555), e-mail addresses (example.org) and every domain (``*.demo.invalid``) are fake.

The generator is deterministic: a fixed seed and the standard library only, so
running it twice writes a byte-identical file.

    python data/demo/generate.py            # writes data/demo/posts.jsonl
    python data/demo/generate.py -o out.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import unicodedata
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

SEED = 20260304
N_BASE = 2630          # ordinary records; the four spikes add ~370 more
START = date(2025, 6, 1)
END = date(2026, 10, 31)
UTC_START = datetime(2025, 6, 1, tzinfo=timezone.utc)
UTC_END = datetime(2026, 10, 31, 23, 59, 59, tzinfo=timezone.utc)
OUT = Path(__file__).resolve().parent / "posts.jsonl"
MODEL = "demo-author-intent"
MODEL_VERSION = "1"

MYTHS = ("crime_insecurity", "jobs_wages", "welfare_burden", "disease", "invasion_numbers",
         "no_contribution", "culture_integration", "illegality_fake_refugees",
         "remittances_drain", "regularization_pull")
TARGETS = ("venezuelans", "haitians", "nicaraguans", "colombians", "bolivians", "peruvians",
           "cubans", "ecuadorians", "central_americans", "extracontinental", "migrants")


# --------------------------------------------------------------------------- helpers

def pick(rng: random.Random, seq):
    return seq[rng.randrange(len(seq))]


def wpick(rng: random.Random, weights: dict):
    keys = list(weights)
    total = float(sum(weights.values()))
    r = rng.random() * total
    acc = 0.0
    for key in keys:
        acc += weights[key]
        if r < acc:
            return key
    return keys[-1]


def slugify(text: str, sep: str = "-") -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", sep, text).strip(sep)


def tagify(text: str) -> str:
    """'Santo Domingo' -> 'SantoDomingo' (accents kept, as people write hashtags)."""
    return "".join(w[:1].upper() + w[1:] for w in re.split(r"[\s'’\-()]+", text) if w)


def cap(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1:]
        if ch not in "¿¡«\"'“ ":
            return text
    return text


def end_sentence(text: str, mark: str = ".") -> str:
    text = text.rstrip()
    if not text or text[-1] in ".!?…:":
        return text
    return text + mark


def join_parts(parts: list[str]) -> str:
    """Join fragments; capitalise after a sentence end, keep lowercase after ':' or ','."""
    out = ""
    for part in parts:
        part = (part or "").strip()
        if not part:
            continue
        if not out:
            out = cap(part)
            continue
        last = out.rstrip()[-1]
        if last in ".!?…" or not last.isascii() and not last.isalpha() and last not in "»”":
            part = cap(part)
        else:
            part = decap(part)
        out = out.rstrip() + " " + part
    return out


_LOWER_VOCAB: set[str] = set()


def _collect_vocab(obj) -> None:
    if isinstance(obj, str):
        _LOWER_VOCAB.update(w for w in re.findall(r"[^\W\d_]+", obj) if w.islower())
    elif isinstance(obj, dict):
        for value in obj.values():
            _collect_vocab(value)
    elif isinstance(obj, (list, tuple)):
        for value in obj:
            _collect_vocab(value)


def decap(text: str) -> str:
    """Lowercase a fragment's first word when it is an ordinary word (never a proper noun)."""
    m = re.search(r"[^\W\d_]+", text)
    if not m or m.start() > 2 or not m.group()[0].isupper() or m.group().isupper() and len(m.group()) > 1:
        return text
    if m.group().lower() not in _LOWER_VOCAB:
        return text
    i = m.start()
    return text[:i] + text[i].lower() + text[i + 1:]


_ES_FIX = ((re.compile(r"\bde el\b"), "del"), (re.compile(r"\ba el\b"), "al"),
           (re.compile(r"\bDe el\b"), "Del"), (re.compile(r"\bA el\b"), "Al"))
_PT_FIX = ((re.compile(r"\bde a\b"), "da"), (re.compile(r"\bde o\b"), "do"),
           (re.compile(r"\bem a\b"), "na"), (re.compile(r"\bem o\b"), "no"),
           (re.compile(r"\bpor a\b"), "pela"), (re.compile(r"\bpor o\b"), "pelo"),
           (re.compile(r"\ba a\b"), "à"), (re.compile(r"\ba o\b"), "ao"),
           (re.compile(r"\bde os\b"), "dos"), (re.compile(r"\bem os\b"), "nos"),
           (re.compile(r"\b(de|em|a) (Rio de Janeiro|Recife)\b"),
            lambda m: {"de": "do", "em": "no", "a": "ao"}[m.group(1)] + " " + m.group(2)))
_FR_FIX = ((re.compile(r"\bde les\b"), "des"), (re.compile(r"\bà les\b"), "aux"),
           (re.compile(r"\bde le\b"), "du"), (re.compile(r"\bà le\b"), "au"),
           (re.compile(r"\bde (?=[aeéèiouyAEÉIOU]|Ha)"), "d'"))


def fix_grammar(text: str, lang: str) -> str:
    fixes = {"es": _ES_FIX, "pt": _PT_FIX, "fr": _FR_FIX}.get(lang, ())
    for pattern, repl in fixes:
        text = pattern.sub(repl, text)
    text = re.sub(r" {2,}", " ", text)
    text = re.sub(r" ([,.;])", r"\1", text)
    return text.strip()


class Ctx(dict):
    """Template context; a missing key is a bug in the fragments, so fail loudly."""

    def __missing__(self, key):
        raise KeyError(f"template field {key!r} not in context")


def fill(template: str, ctx: Ctx) -> str:
    return template.format_map(ctx)


# --------------------------------------------------------------------------- geography

COUNTRIES = ("CO", "PE", "CL", "EC", "AR", "BR", "DO", "CR", "PA", "MX")

# (city, weight). Real cities; the corpus' events in them are invented.
CITIES = {
    "CO": [("Bogotá", 30), ("Cúcuta", 16), ("Medellín", 14), ("Barranquilla", 9), ("Cali", 8),
           ("Bucaramanga", 5), ("Cartagena", 5), ("Riohacha", 4), ("Maicao", 3), ("Ipiales", 3),
           ("Necoclí", 3), ("Villa del Rosario", 3), ("Arauca", 2), ("Santa Marta", 3), ("Pasto", 2)],
    "PE": [("Lima", 45), ("Tumbes", 10), ("Trujillo", 8), ("Piura", 7), ("Arequipa", 7),
           ("Chiclayo", 6), ("Tacna", 6), ("Callao", 6), ("Cusco", 3), ("Puno", 2)],
    "CL": [("Santiago", 45), ("Arica", 10), ("Iquique", 9), ("Antofagasta", 9), ("Alto Hospicio", 4),
           ("Calama", 5), ("Valparaíso", 5), ("Concepción", 4), ("Colchane", 3), ("Temuco", 3),
           ("La Serena", 3)],
    "EC": [("Quito", 34), ("Guayaquil", 30), ("Huaquillas", 9), ("Tulcán", 8), ("Cuenca", 6),
           ("Machala", 5), ("Manta", 4), ("Ibarra", 4), ("Lago Agrio", 2)],
    "AR": [("Buenos Aires", 45), ("Córdoba", 10), ("Rosario", 8), ("Mendoza", 6), ("La Plata", 7),
           ("San Salvador de Jujuy", 6), ("Salta", 5), ("La Quiaca", 4), ("Mar del Plata", 4),
           ("Posadas", 3)],
    "BR": [("São Paulo", 26), ("Boa Vista", 16), ("Pacaraima", 8), ("Manaus", 9),
           ("Rio de Janeiro", 9), ("Curitiba", 6), ("Porto Alegre", 5), ("Florianópolis", 4),
           ("Chapecó", 4), ("Belo Horizonte", 4), ("Brasília", 4), ("Cuiabá", 3), ("Recife", 2)],
    "DO": [("Santo Domingo", 38), ("Santiago de los Caballeros", 14), ("Dajabón", 12),
           ("Elías Piña", 5), ("Jimaní", 4), ("Higüey", 5), ("Punta Cana", 5), ("La Romana", 4),
           ("San Pedro de Macorís", 4), ("Puerto Plata", 4), ("Montecristi", 3)],
    "CR": [("San José", 40), ("Upala", 10), ("Los Chiles", 8), ("Liberia", 8), ("Alajuela", 8),
           ("Heredia", 7), ("Limón", 5), ("Puntarenas", 4), ("Ciudad Quesada", 5), ("Cartago", 5)],
    "PA": [("Ciudad de Panamá", 45), ("Colón", 8), ("David", 9), ("Metetí", 8), ("Yaviza", 5),
           ("La Chorrera", 6), ("Santiago de Veraguas", 5), ("Puerto Obaldía", 4), ("Chepo", 4)],
    "MX": [("Ciudad de México", 30), ("Tapachula", 20), ("Tijuana", 12), ("Monterrey", 8),
           ("Guadalajara", 7), ("Ciudad Juárez", 7), ("Puebla", 4), ("Villahermosa", 4),
           ("Oaxaca", 4), ("Ciudad Hidalgo", 4)],
}

STD_OFFSET = {"CO": -5, "PE": -5, "EC": -5, "PA": -5, "AR": -3, "BR": -3, "DO": -4,
              "CR": -6, "MX": -6, "CL": -4}
CITY_OFFSET = {"Boa Vista": -4, "Pacaraima": -4, "Manaus": -4, "Cuiabá": -4}
US_DST_CITIES = {"Tijuana": -8, "Ciudad Juárez": -7}   # these follow the US DST calendar


def _nth_sunday(year: int, month: int, n: int) -> date:
    d = date(year, month, 1)
    d += timedelta(days=(6 - d.weekday()) % 7)
    return d + timedelta(weeks=n - 1)


def utc_offset_hours(country: str, place: str | None, local: datetime) -> int:
    day = local.date()
    if place in US_DST_CITIES:
        y = day.year
        dst = _nth_sunday(y, 3, 2) <= day < _nth_sunday(y, 11, 1)
        return US_DST_CITIES[place] + (1 if dst else 0)
    if place in CITY_OFFSET:
        return CITY_OFFSET[place]
    if country == "CL":  # continental Chile: UTC-3 from early September to early April
        y = day.year
        summer = day >= _nth_sunday(y, 9, 1) or day < _nth_sunday(y, 4, 1)
        return -3 if summer else -4
    return STD_OFFSET[country]


# Border crossings and transit points, per country, as written in each language.
BORDERS = {
    "es": {
        "CO": ["el puente Simón Bolívar", "el puente Atanasio Girardot", "Paraguachón", "Rumichaca",
               "Necoclí", "las trochas de Villa del Rosario", "el puente José Antonio Páez"],
        "PE": ["el CEBAF de Tumbes", "Aguas Verdes", "Tumbes", "Desaguadero", "Santa Rosa, en Tacna"],
        "CL": ["Chacalluta", "Colchane", "Pisiga", "la frontera norte", "el complejo fronterizo de Chacalluta"],
        "EC": ["Huaquillas", "Rumichaca", "el puente internacional de Huaquillas", "Tulcán"],
        "AR": ["La Quiaca", "Aguas Blancas", "Clorinda", "Puerto Iguazú"],
        "BR": ["Pacaraima", "Boa Vista"],
        "DO": ["Dajabón", "Elías Piña", "Jimaní", "Pedernales", "el puente fronterizo de Dajabón"],
        "CR": ["Peñas Blancas", "Upala", "Los Chiles", "Paso Canoas", "la zona norte"],
        "PA": ["el Darién", "Bajo Chiquito", "Lajas Blancas", "Paso Canoas", "Puerto Obaldía",
               "la selva del Darién", "Metetí"],
        "MX": ["Tapachula", "el río Suchiate", "Ciudad Hidalgo", "Tijuana", "Ciudad Juárez",
               "la frontera sur"],
    },
    "pt": {"BR": ["Pacaraima", "a fronteira com a Venezuela", "Assis Brasil", "Corumbá",
                  "o posto de triagem de Pacaraima", "o aeroporto de Guarulhos"]},
    "en": {
        "CO": ["the Simón Bolívar bridge", "Necoclí", "Rumichaca", "Cúcuta"],
        "PE": ["the Tumbes border post", "Tumbes"], "CL": ["Chacalluta", "Colchane"],
        "EC": ["Huaquillas", "Rumichaca"], "AR": ["La Quiaca"], "BR": ["Pacaraima"],
        "DO": ["Dajabón", "Elías Piña", "Jimaní"], "CR": ["Peñas Blancas", "Paso Canoas"],
        "PA": ["the Darién Gap", "Bajo Chiquito", "Lajas Blancas", "the Darién jungle"],
        "MX": ["Tapachula", "the Suchiate river", "Tijuana", "Ciudad Juárez"],
    },
    "fr": {
        "CO": ["Necoclí", "Cúcuta"], "PE": ["Tumbes"], "CL": ["Colchane", "Chacalluta"],
        "EC": ["Huaquillas"], "AR": ["La Quiaca"], "BR": ["Pacaraima"],
        "DO": ["Dajabón", "Elías Piña", "Jimaní", "Ouanaminthe"], "CR": ["Peñas Blancas"],
        "PA": ["le Darién", "la jungle du Darién", "Lajas Blancas"], "MX": ["Tapachula", "Tijuana"],
    },
    "ht": {
        "DO": ["Dajabón", "Wanament", "Elías Piña", "Jimaní", "fwontyè a"], "CL": ["Chacalluta", "Colchane"],
        "BR": ["Pacaraima"], "MX": ["Tapachula"], "PA": ["Darién"], "CO": ["Necoclí"],
        "PE": ["Tumbes"], "EC": ["Huaquillas"], "AR": ["La Quiaca"], "CR": ["Peñas Blancas"],
    },
}

COUNTRY_NAME = {
    "es": {"CO": "Colombia", "PE": "Perú", "CL": "Chile", "EC": "Ecuador", "AR": "Argentina",
           "BR": "Brasil", "DO": "República Dominicana", "CR": "Costa Rica", "PA": "Panamá",
           "MX": "México"},
    "pt": {"CO": "Colômbia", "PE": "Peru", "CL": "Chile", "EC": "Equador", "AR": "Argentina",
           "BR": "Brasil", "DO": "República Dominicana", "CR": "Costa Rica", "PA": "Panamá",
           "MX": "México"},
    "en": {"CO": "Colombia", "PE": "Peru", "CL": "Chile", "EC": "Ecuador", "AR": "Argentina",
           "BR": "Brazil", "DO": "the Dominican Republic", "CR": "Costa Rica", "PA": "Panama",
           "MX": "Mexico"},
    "fr": {"CO": "la Colombie", "PE": "le Pérou", "CL": "le Chili", "EC": "l'Équateur",
           "AR": "l'Argentine", "BR": "le Brésil", "DO": "la République dominicaine",
           "CR": "le Costa Rica", "PA": "le Panama", "MX": "le Mexique"},
    "ht": {"CO": "Kolonbi", "PE": "Pewou", "CL": "Chili", "EC": "Ekwatè", "AR": "Ajantin",
           "BR": "Brezil", "DO": "Dominikani", "CR": "Kosta Rika", "PA": "Panama", "MX": "Meksik"},
}

LOCALS = {
    "es": {"CO": "colombianos", "PE": "peruanos", "CL": "chilenos", "EC": "ecuatorianos",
           "AR": "argentinos", "BR": "brasileños", "DO": "dominicanos", "CR": "ticos",
           "PA": "panameños", "MX": "mexicanos"},
    "pt": {"BR": "brasileiros"},
    "en": {c: "locals" for c in COUNTRIES},
    "fr": {"DO": "Dominicains", "CL": "Chiliens", "BR": "Brésiliens", "MX": "Mexicains",
           "PA": "Panaméens", "CO": "Colombiens", "PE": "Péruviens", "EC": "Équatoriens",
           "AR": "Argentins", "CR": "Costariciens"},
    "ht": {"DO": "Dominiken", "CL": "Chilyen", "BR": "Brezilyen", "MX": "Meksiken", "PA": "Panameyen",
           "CO": "Kolonbyen", "PE": "Pewouvyen", "EC": "Ekwatoryen", "AR": "Ajanten", "CR": "Kostarisyen"},
}

# Regularization programmes and health services, as the press of each country names them.
PROGRAMMES = {
    "CO": ["el Permiso por Protección Temporal (PPT)", "el PPT", "el Estatuto Temporal de Protección (ETPV)"],
    "PE": ["el Carné de Permiso Temporal de Permanencia (CPP)", "el CPP"],
    "CL": ["el empadronamiento biométrico", "el proceso de regularización"],
    "EC": ["el proceso de regularización migratoria", "la visa de residencia temporal de excepción"],
    "AR": ["la residencia por criterio Mercosur", "el trámite de radicación"],
    "DO": ["el Plan Nacional de Regularización", "los permisos de trabajo temporales"],
    "CR": ["la categoría especial temporal", "el trámite de refugio"],
    "PA": ["el proceso de regularización migratoria", "el permiso de trabajo para extranjeros"],
    "MX": ["la tarjeta de visitante por razones humanitarias", "el trámite de refugio ante la COMAR"],
    "BR": ["a Operação Acolhida", "a interiorização", "a autorização de residência", "o visto humanitário"],
}
HEALTH = {
    "CO": ["la EPS", "el SISBÉN"], "PE": ["el SIS"], "CL": ["FONASA", "el Cesfam"],
    "EC": ["el IESS"], "AR": ["una obra social"], "DO": ["el SeNaSa"], "CR": ["la Caja", "el EBAIS"],
    "PA": ["la Caja de Seguro Social"], "MX": ["el IMSS"], "BR": ["o SUS", "a UBS do bairro"],
}

# National football teams: off-topic posts that name a neighbour's team are hard negatives.
TEAMS_ES = {"CO": ["la Selección Colombia", "la Tricolor"], "PE": ["la Blanquirroja", "la selección peruana"],
            "CL": ["la Roja", "la selección chilena"], "EC": ["la Tri", "la selección ecuatoriana"],
            "AR": ["la Albiceleste", "la Scaloneta"], "DO": ["la selección dominicana", "los Quisqueyanos"],
            "CR": ["la Sele", "la selección tica"], "PA": ["la Marea Roja", "la selección panameña"],
            "MX": ["el Tri", "la selección mexicana"], "BR": ["la Canarinha"]}
RIVALS_ES = ["la Vinotinto", "la Verde boliviana", "la selección de Haití", "Nicaragua", "la Albirroja",
             "Uruguay", "Brasil", "la selección de Venezuela", "Honduras", "Cuba"]

WEEKDAYS = {
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "pt": ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "ht": ["lendi", "madi", "mèkredi", "jedi", "vandredi", "samdi", "dimanch"],
}

# Group names per language (plural, no article). Slurs are used only where the
# gazetteer says they circulate, and only in a minority of hateful posts.
GROUPS = {
    "es": {"venezuelans": "venezolanos", "haitians": "haitianos", "nicaraguans": "nicaragüenses",
           "colombians": "colombianos", "bolivians": "bolivianos", "peruvians": "peruanos",
           "cubans": "cubanos", "ecuadorians": "ecuatorianos", "central_americans": "centroamericanos",
           "extracontinental": "migrantes africanos y asiáticos", "migrants": "migrantes"},
    "pt": {"venezuelans": "venezuelanos", "haitians": "haitianos", "nicaraguans": "nicaraguenses",
           "colombians": "colombianos", "bolivians": "bolivianos", "peruvians": "peruanos",
           "cubans": "cubanos", "ecuadorians": "equatorianos", "central_americans": "centro-americanos",
           "extracontinental": "imigrantes africanos e asiáticos", "migrants": "imigrantes"},
    "en": {"venezuelans": "Venezuelans", "haitians": "Haitians", "nicaraguans": "Nicaraguans",
           "colombians": "Colombians", "bolivians": "Bolivians", "peruvians": "Peruvians",
           "cubans": "Cubans", "ecuadorians": "Ecuadorians", "central_americans": "Central Americans",
           "extracontinental": "African and Asian migrants", "migrants": "migrants"},
    "fr": {"venezuelans": "Vénézuéliens", "haitians": "Haïtiens", "nicaraguans": "Nicaraguayens",
           "colombians": "Colombiens", "bolivians": "Boliviens", "peruvians": "Péruviens",
           "cubans": "Cubains", "ecuadorians": "Équatoriens", "central_americans": "Centraméricains",
           "extracontinental": "migrants africains et asiatiques", "migrants": "migrants"},
    "ht": {"venezuelans": "Venezyelyen yo", "haitians": "Ayisyen yo", "nicaraguans": "Nikaragweyen yo",
           "colombians": "Kolonbyen yo", "bolivians": "Bolivyen yo", "peruvians": "Pewouvyen yo",
           "cubans": "Kiben yo", "ecuadorians": "Ekwatoryen yo", "central_americans": "moun Amerik santral yo",
           "extracontinental": "migran afriken yo", "migrants": "migran yo"},
}
HATE_GROUP_ES = {"migrants": "extranjeros"}
SLURS = {  # (country, target) -> slur (plural), Spanish only
    ("CO", "venezuelans"): "venecos", ("PE", "venezuelans"): "venecos", ("EC", "venezuelans"): "venecos",
    ("CL", "venezuelans"): "venecos", ("AR", "bolivians"): "bolitas", ("CL", "peruvians"): "peruchos",
    ("AR", "peruvians"): "peruchos", ("CR", "nicaraguans"): "nicas",
}
SLUR_SG = {"venecos": "veneco", "bolitas": "bolita", "peruchos": "perucho", "nicas": "nica"}

# Which groups people write about, per country.
TARGET_W = {
    "CO": {"venezuelans": 72, "migrants": 14, "extracontinental": 6, "haitians": 5, "cubans": 3},
    "PE": {"venezuelans": 75, "migrants": 13, "colombians": 6, "haitians": 3, "ecuadorians": 3},
    "CL": {"venezuelans": 50, "haitians": 15, "peruvians": 10, "colombians": 8, "bolivians": 7, "migrants": 10},
    "EC": {"venezuelans": 60, "colombians": 20, "migrants": 12, "cubans": 4, "haitians": 4},
    "AR": {"bolivians": 35, "venezuelans": 25, "peruvians": 15, "migrants": 20, "colombians": 5},
    "BR": {"venezuelans": 45, "haitians": 22, "bolivians": 10, "migrants": 15, "extracontinental": 8},
    "DO": {"haitians": 85, "venezuelans": 7, "migrants": 8},
    "CR": {"nicaraguans": 70, "venezuelans": 10, "migrants": 12, "colombians": 3, "cubans": 5},
    "PA": {"venezuelans": 28, "migrants": 25, "extracontinental": 15, "colombians": 12, "haitians": 8,
           "cubans": 7, "central_americans": 5},
    "MX": {"central_americans": 35, "venezuelans": 20, "haitians": 18, "migrants": 12, "cubans": 8,
           "extracontinental": 7},
}

MYTH_W_BASE = {"crime_insecurity": 22, "jobs_wages": 14, "welfare_burden": 14, "disease": 5,
               "invasion_numbers": 12, "no_contribution": 7, "culture_integration": 8,
               "illegality_fake_refugees": 10, "remittances_drain": 3, "regularization_pull": 5}
MYTH_W_COUNTRY = {
    "CL": {"crime_insecurity": 35},
    "CO": {"crime_insecurity": 25, "regularization_pull": 10},
    "PE": {"crime_insecurity": 30},
    "EC": {"crime_insecurity": 30},
    "DO": {"invasion_numbers": 25, "illegality_fake_refugees": 20, "welfare_burden": 20, "crime_insecurity": 10,
           "remittances_drain": 6},
    "CR": {"welfare_burden": 25, "jobs_wages": 22, "crime_insecurity": 18},
    "MX": {"illegality_fake_refugees": 25, "invasion_numbers": 15},
    "PA": {"disease": 10, "invasion_numbers": 20, "illegality_fake_refugees": 20},
    "AR": {"welfare_burden": 30, "jobs_wages": 15},
    "BR": {"welfare_burden": 18, "jobs_wages": 18, "disease": 8},
}


def myth_weights(country: str) -> dict:
    w = dict(MYTH_W_BASE)
    w.update(MYTH_W_COUNTRY.get(country, {}))
    return w


# Sampling design for ordinary records.
PLATFORM_SHARE = {"news": 25, "x": 20, "facebook": 15, "youtube": 10, "mastodon": 8, "bluesky": 8,
                  "telegram": 8, "reddit": 6}
PLATFORM_LANG = {
    "news": {"es": 57, "pt": 23, "en": 12, "fr": 6, "ht": 2},
    "x": {"es": 60, "pt": 23, "en": 7, "fr": 2, "ht": 8},
    "facebook": {"es": 55, "pt": 21, "en": 2, "fr": 3, "ht": 19},
    "mastodon": {"es": 52, "pt": 33, "en": 10, "fr": 3, "ht": 2},
    "bluesky": {"es": 57, "pt": 28, "en": 10, "fr": 2, "ht": 3},
    "telegram": {"es": 59, "pt": 18, "en": 2, "fr": 3, "ht": 18},
    "reddit": {"es": 67, "pt": 18, "en": 12, "fr": 1, "ht": 2},
    "youtube": {"es": 62, "pt": 23, "en": 3, "fr": 2, "ht": 10},
}
LANG_COUNTRY = {
    "es": {"CO": 30, "PE": 15, "CL": 12, "EC": 9, "AR": 11, "DO": 7, "CR": 5, "PA": 4, "MX": 7},
    "pt": {"BR": 1},
    "en": {"PA": 18, "DO": 16, "CO": 16, "MX": 14, "CR": 10, "BR": 6, "CL": 6, "PE": 6, "AR": 4, "EC": 4},
    "fr": {"DO": 50, "CL": 15, "BR": 15, "MX": 8, "PA": 6, "CO": 6},
    "ht": {"DO": 48, "CL": 28, "BR": 18, "MX": 6},
}
PLATFORM_KIND = {
    "news": {"neutral": 68, "counter": 14, "hateful": 4, "offtopic": 14},
    "x": {"neutral": 27, "counter": 20, "hateful": 38, "offtopic": 15},
    "facebook": {"neutral": 29, "counter": 16, "hateful": 40, "offtopic": 15},
    "mastodon": {"neutral": 40, "counter": 35, "hateful": 8, "offtopic": 17},
    "bluesky": {"neutral": 38, "counter": 32, "hateful": 12, "offtopic": 18},
    "telegram": {"neutral": 28, "counter": 10, "hateful": 47, "offtopic": 15},
    "reddit": {"neutral": 37, "counter": 20, "hateful": 28, "offtopic": 15},
    "youtube": {"neutral": 21, "counter": 18, "hateful": 46, "offtopic": 15},
}
LANG_HATE_FACTOR = {"es": 1.0, "pt": 1.0, "en": 0.35, "fr": 0.15, "ht": 0.0}
OFFTOPIC_HATE_SHARE = 0.2   # of off-topic records: hateful, but not about migration


# =========================================================================== fragments
# Placeholders: {grp} group (plural), {grp2} a second group, {city}, {city2}, {border},
# {country}, {locals}, {prog}, {health}, {yrs}, {n}, {nd}, {nm}, {nh}, {temp}, {age},
# {weekday}, {team}, {rival}, {slur}, {city_tag}, {locals_tag}.

ES = {
    "local": {
        "CO": ["Parce,", "Uy no,", "Vea pues,", "Hágame el favor:", "Qué pena,"],
        "PE": ["Causa,", "Oe,", "Asu,", "Habla,", "A ver, pe:"],
        "CL": ["Weón,", "Oye,", "Qué lata,", "Cachai,", "Ya po,"],
        "EC": ["Chuta,", "Ve,", "Ñaño,", "Achachay,"],
        "AR": ["Che,", "Posta,", "Mirá,", "Che, en serio:", "Boludo,"],
        "DO": ["Diablo,", "Manito,", "Qué vaina,", "Ombe,", "Mi gente,"],
        "CR": ["Mae,", "Diay,", "Qué sal,", "Upe,"],
        "PA": ["Ayala,", "Ofi,", "Qué xopá,", "Chuleta,"],
        "MX": ["Güey,", "No manches,", "Neta,", "Órale,", "A ver,"],
    },
    # ---- hateful (xenophobic) posts
    "hate_open": [
        "Ya no se aguanta más.", "Lo digo sin miedo:", "Hay que decirlo claro:", "Nadie lo quiere decir, pero",
        "Abran los ojos:", "Vivo en {city} y lo veo todos los días:", "Basta de buenismo.", "Cada día peor.",
        "¿Y todavía nos dicen xenófobos?", "No es odio, es la realidad:", "Lo vi con mis propios ojos:",
        "Llevo años diciéndolo:", "Mientras el gobierno mira para otro lado,",
        "Esto es lo que pasa cuando se abren las fronteras:", "Mi barrio ya no es el mismo.",
        "Otra vez lo mismo en {city}.", "Estoy harta.", "Estoy harto.", "Perdón, pero", "Verdad incómoda:",
        "Digan lo que quieran, pero", "En {city} todos sabemos que", "La gente de {city} ya se cansó:",
        "Que nadie se haga el loco:", "Me van a borrar el comentario, pero", "Lo que nadie dice en la tele:",
        "", "", "", "",
    ],
    "hate_claims": {
        "crime_insecurity": [
            "desde que llegaron los {grp} la delincuencia en {city} se disparó",
            "los {grp} vinieron a robar, no a trabajar",
            "detrás de cada asalto en el barrio hay {grp}, todos lo sabemos",
            "los {grp} trajeron el sicariato y las extorsiones a {city}",
            "ya no se puede salir de noche por culpa de los {grp}",
            "las cárceles están llenas de {grp} y nadie dice nada",
            "los {grp} andan en moto robando celulares y la policía no hace nada",
            "con tantos {grp} sueltos uno ya no sabe en quién confiar",
            "cada vez que hay un robo en {city} resulta que eran {grp}",
            "los {grp} son delincuentes, los que trabajan son la excepción",
        ],
        "jobs_wages": [
            "los {grp} trabajan por la mitad del sueldo y nos dejan sin empleo a los {locals}",
            "en las obras ya solo contratan {grp} porque cobran menos",
            "a mi hermano lo despidieron y pusieron a dos {grp} que cobran nada",
            "los {grp} tiran los salarios al piso",
            "los ambulantes {grp} están quebrando al comerciante de {city}",
            "primero el trabajo para los {locals}, después para los {grp}",
            "los {grp} aceptan cualquier paga y los patrones felices",
            "en {city} ya no hay trabajo para los {locals}, todo se lo quedan los {grp}",
        ],
        "welfare_burden": [
            "los {grp} se llevan los subsidios mientras los {locals} hacemos fila",
            "en el hospital de {city} atienden primero a los {grp} y uno esperando horas",
            "los {grp} vienen a parir gratis en nuestros hospitales",
            "los colegios están llenos de hijos de {grp} y no hay cupo para los nuestros",
            "pagamos impuestos para mantener a los {grp}",
            "los {grp} viven de bonos y ayudas, a ellos nunca se les acaba",
            "a los {grp} les dan todo gratis y al {locals_sg} pobre nada",
            "los {grp} colapsan {health} y después nadie sabe por qué no hay citas",
        ],
        "disease": [
            "los {grp} trajeron enfermedades que ya estaban erradicadas",
            "nadie controla si los {grp} que cruzan por {border} vienen enfermos",
            "los albergues de {grp} son un foco de infecciones",
            "volvieron la sarna y la tuberculosis desde que llegaron los {grp}",
            "los {grp} llegan sin vacunar y después nos contagian a todos",
        ],
        "invasion_numbers": [
            "esto ya no es migración, es una invasión de {grp}",
            "en unos años los {grp} van a ser más que los {locals}",
            "por {border} entran {grp} por miles todos los días y nadie los cuenta",
            "nos están reemplazando, cada día hay más {grp} en {city}",
            "{country} se llenó de {grp}, ya no parece nuestro país",
            "llegan en oleadas y ya son más que nosotros en algunos barrios de {city}",
            "con las fronteras abiertas esto es una avalancha de {grp}",
        ],
        "no_contribution": [
            "los {grp} no aportan nada, solo consumen",
            "los {grp} no pagan impuestos, no cotizan, no aportan nada",
            "díganme una sola cosa buena que hayan traído los {grp}",
            "los {grp} son unos parásitos que viven a costa de los que trabajamos",
            "los {grp} viven en la informalidad y no le dejan nada al país",
        ],
        "culture_integration": [
            "los {grp} no se adaptan a nuestras costumbres y encima exigen",
            "los {grp} ponen la música a todo volumen toda la noche, no respetan a nadie",
            "los {grp} nunca se van a integrar, tienen otra cultura",
            "los {grp} quieren imponer sus costumbres en nuestro país",
            "los {grp} se creen dueños de {city} y no respetan a los vecinos",
        ],
        "illegality_fake_refugees": [
            "los {grp} entran por trochas, son ilegales y punto",
            "esos no son refugiados, son {grp} buscando vivir gratis",
            "la mitad de los {grp} tiene papeles falsos",
            "los {grp} que piden refugio mienten, solo quieren los beneficios",
            "ilegal es ilegal: todos los {grp} sin papeles deberían irse",
            "los {grp} cruzan por {border} como si fuera su casa, sin ningún control",
        ],
        "remittances_drain": [
            "los {grp} ganan aquí y mandan todo a su país, la plata se va",
            "las remesas de los {grp} se están llevando los dólares del país",
            "los {grp} llenan las casas de cambio para mandar plata afuera y aquí no gastan nada",
        ],
        "regularization_pull": [
            "con {prog} vienen más {grp}, es un imán",
            "regularizar a los {grp} es premiar a los que entraron ilegalmente",
            "cada vez que anuncian {prog} llegan miles de {grp} más",
            "los papeles gratis para los {grp} son una invitación a que venga todo el mundo",
        ],
    },
    "hate_specific": [
        ("venezuelans", "crime_insecurity", None, "los {grp} trajeron el Tren de Aragua a {country} y ahora nadie está seguro"),
        ("venezuelans", "crime_insecurity", None, "cada banda que cae tiene {grp} adentro, no es casualidad"),
        ("venezuelans", "regularization_pull", ["CO"], "con el PPT les regalaron papeles a los {grp} y ahora vienen más"),
        ("venezuelans", "welfare_burden", ["CO"], "los {grp} tienen SISBÉN y los colombianos pobres haciendo fila"),
        ("venezuelans", "jobs_wages", None, "los {grp} de las apps de reparto cobran nada y nadie más consigue trabajo"),
        ("haitians", "invasion_numbers", ["DO"], "los {grp} quieren quedarse con la isla entera"),
        ("haitians", "invasion_numbers", ["DO"], "la fusión con Haití ya empezó y el gobierno no dice nada"),
        ("haitians", "illegality_fake_refugees", ["DO"], "los {grp} cruzan el río Masacre como si nada, la frontera es un colador"),
        ("haitians", "welfare_burden", ["DO"], "las maternidades de {city} están llenas de parturientas {grp} y las dominicanas esperando"),
        ("haitians", "jobs_wages", ["DO"], "en las construcciones ya solo trabajan {grp} y el dominicano no consigue ni una chiripa"),
        ("haitians", "culture_integration", ["DO", "CL"], "los {grp} ni siquiera quieren aprender el idioma"),
        ("nicaraguans", "welfare_burden", ["CR"], "los {grp} se llevan los cupos de los EBAIS y la Caja está quebrada"),
        ("nicaraguans", "jobs_wages", ["CR"], "los {grp} se quedan con el brete en las fincas y a los ticos nadie los contrata"),
        ("nicaraguans", "crime_insecurity", ["CR"], "en La Carpio ya vieron cómo está eso desde que se llenó de {grp}"),
        ("bolivians", "welfare_burden", ["AR"], "los {grp} vienen a atenderse gratis en los hospitales y a estudiar gratis en la facultad"),
        ("bolivians", "jobs_wages", ["AR"], "los talleres de costura de los {grp} no pagan impuestos y funden al comerciante argentino"),
        ("peruvians", "jobs_wages", ["CL"], "los {grp} se apoderaron del comercio del centro de {city}"),
        ("peruvians", "culture_integration", ["CL", "AR"], "los {grp} ya se tomaron el barrio, hasta los letreros cambiaron"),
        ("central_americans", "illegality_fake_refugees", ["MX"], "las caravanas de {grp} entran por el Suchiate sin ningún control"),
        ("central_americans", "crime_insecurity", ["MX"], "en Tapachula ya no se puede vivir con tantos {grp} en la calle"),
        ("extracontinental", "disease", ["PA", "CO", "MX"], "nadie sabe qué enfermedades traen los {grp} que cruzan la selva"),
        ("extracontinental", "illegality_fake_refugees", ["PA", "CO", "MX"], "los {grp} que cruzan el Darién no son refugiados, vienen de todo el mundo sin papeles"),
        ("colombians", "crime_insecurity", ["EC", "CL"], "los {grp} trajeron el sicariato y el microtráfico"),
        ("colombians", "crime_insecurity", ["EC"], "desde que llegaron los {grp} a {city} las extorsiones se multiplicaron"),
        ("cubans", "regularization_pull", ["PA", "MX", "CR"], "a los {grp} les dan todo y por eso siguen llegando"),
    ],
    "hate_generic": [
        "los {grp} son una plaga y hay que sacarlos ya",
        "que se vayan todos los {grp}, aquí no los queremos",
        "los {grp} son flojos, sucios y escandalosos",
        "los {grp} no son bienvenidos en {city}",
        "me da asco ver a los {grp} en cada esquina de {city}",
        "expulsión inmediata para todos los {grp}, sin excepciones",
        "cierren la frontera y devuelvan a los {grp} por donde vinieron",
        "a los {grp} hay que mandarlos de vuelta en buses, a todos",
        "no más {grp} en {country}",
        "los {grp} son gente sin educación y sin valores",
        "yo no le arriendo a {grp} ni aunque me paguen el doble",
        "los {grp} son una vergüenza, que los saquen de {city}",
        "los {grp} son todos iguales, no se salva ninguno",
        "que deporten a los {grp} hoy mismo, sin juicio ni nada",
    ],
    "hate_detail": [
        "Ayer le robaron el celular a mi prima en el paradero.", "Y el gobierno sigue regalando papeles.",
        "Los medios nunca lo van a mostrar.", "Después nos tratan de racistas por decir la verdad.",
        "Mi mamá ya no sale sola de la casa.", "En la fila del hospital eran puros {grp}.",
        "En mi cuadra ya hay casas con diez personas por cuarto.",
        "Los políticos viven en barrios cerrados, ellos no lo sufren.", "Y encima exigen derechos.",
        "Pregúntenle a cualquier taxista de {city}.", "Todo el barrio lo comenta.",
        "El que diga lo contrario no vive aquí.", "Hace {yrs} años esto no pasaba.",
        "Ya ni en el parque se puede estar tranquilo.", "Mi vecino perdió el negocio por esto.",
        "Lo vi ayer en el centro de {city}.", "Y las autoridades de brazos cruzados.",
    ],
    "hate_close": [
        "¡Fuera!", "Deportación ya.", "Cierren la frontera de una vez.", "{country} para los {locals}.",
        "Que el gobierno haga algo.", "Después no digan que no avisamos.", "Compartan antes de que lo borren.",
        "Ya basta.", "No más.", "El que no esté de acuerdo que se los lleve a su casa.", "A su país, todos.",
        "Que se devuelvan por donde vinieron.", "Despierten.", "¿Hasta cuándo?", "", "", "",
    ],
    "hate_also": ["Y los {grp2} igual.", "Lo mismo con los {grp2}.", "Y ni hablar de los {grp2}."],
    "hate_tags": ["#DeportaciónYa", "#FronteraCerrada", "#NoMásIlegales", "#PrimeroLos{locals_tag}",
                  "#FueraIlegales", "#CierreDeFronteras", "#PrimeroLosNuestros"],
    # ---- counter-speech
    "counter_open": [
        "Hablemos con datos.", "Otra vez circula este mito.", "Antes de compartir, piénsalo.", "No, no es cierto.",
        "Lo repito las veces que haga falta:", "Para quienes dicen lo contrario:",
        "Desmintiendo lo que circula en grupos de WhatsApp:", "Hilo corto 🧵", "Vivo en {city} y tengo vecinos {grp}:",
        "Como hija de migrantes, lo digo claro:", "Mi abuelo también fue migrante.",
        "Me da vergüenza lo que leo hoy en redes.", "Recordatorio:", "Dato mata relato:",
        "Trabajo en un albergue en {city} y lo veo cada día:", "Soy docente y en mi salón hay niños de cinco países:",
        "", "", "", "",
    ],
    "counter_rebut": {
        "crime_insecurity": [
            "los datos de la fiscalía muestran que la gran mayoría de los delitos los cometen nacionales",
            "un delito lo comete una persona, no una nacionalidad",
            "los estudios sobre migración y delito en la región no encuentran que los {grp} delincan más que los {locals}",
            "las principales víctimas de las bandas criminales son muchas veces los propios migrantes",
            "generalizar sobre los {grp} por un caso que sale en las noticias solo alimenta el odio",
            "culpar a todos los {grp} por lo que hace una banda es injusto y no nos da más seguridad",
        ],
        "jobs_wages": [
            "los {grp} suelen ocupar trabajos que nadie quiere y muchos crean sus propios negocios",
            "los salarios bajos los decide quien no paga lo justo, no los {grp}",
            "la migración ayuda a cubrir vacíos en el agro, la construcción y los cuidados",
            "cuando los {grp} tienen papeles cotizan a la seguridad social y baja la informalidad",
            "la economía no es una torta fija: más trabajadores también significa más consumo y más empleo",
        ],
        "welfare_burden": [
            "la mayoría de los {grp} trabaja y paga impuestos cada vez que compra algo",
            "atender a una embarazada o a un niño en urgencias es un derecho humano, no un privilegio",
            "los colegios recibieron a niños {grp} y eso es inversión en el futuro del país",
            "los estudios muestran que los migrantes usan los servicios de salud menos de lo que se cree",
            "los hospitales colapsan por falta de inversión, no por los {grp}",
        ],
        "disease": [
            "no hay evidencia de que los {grp} traigan enfermedades; las vacunas en frontera protegen a todos",
            "asociar a los migrantes con enfermedades es un viejo prejuicio que ya hizo mucho daño en la historia",
            "la salud pública mejora cuando todos, migrantes incluidos, pueden vacunarse y consultar a tiempo",
        ],
        "invasion_numbers": [
            "los {grp} son una minoría de la población; hablar de invasión es mentir con miedo",
            "las cifras oficiales están publicadas y no se parecen en nada a la «invasión» de los grupos de WhatsApp",
            "muchos {grp} están de paso o ya se fueron; los números que circulan están inflados",
            "llamar «invasión» a familias que huyen de una crisis deshumaniza a personas concretas",
        ],
        "no_contribution": [
            "los {grp} abren negocios, pagan IVA en cada compra y sostienen sectores enteros",
            "en {city} hay panaderías, peluquerías y talleres de {grp} que dan empleo a {locals}",
            "hay médicos, enfermeras e ingenieros {grp} trabajando en {country}",
            "los {grp} pagan arriendo, transporte y comida aquí: su dinero se mueve en la economía local",
        ],
        "culture_integration": [
            "la cultura de un país siempre se ha enriquecido con la gente que llega",
            "la comida, la música y las palabras que trajeron otras migraciones ya son parte de lo nuestro",
            "integrarse lleva tiempo, y es mucho más fácil cuando no te discriminan",
            "los hijos de los {grp} ya hablan como cualquier niño de {city}",
        ],
        "illegality_fake_refugees": [
            "pedir refugio es un derecho reconocido, no un delito",
            "ninguna persona es ilegal; estar en situación irregular es una falta administrativa, no un crimen",
            "muchos {grp} quieren regularizarse, pero los trámites son lentos y caros",
            "quien huye de una crisis no elige por dónde cruzar: decir «falsos refugiados» es desconocer sus historias",
        ],
        "remittances_drain": [
            "las remesas salen del salario de quien ya trabajó y gastó aquí en arriendo, comida y transporte",
            "mandar plata a la familia no le quita nada al país; el trabajo y el consumo se quedan aquí",
        ],
        "regularization_pull": [
            "regularizar permite saber quién está en el país y que todos paguen impuestos: es más seguridad, no menos",
            "{prog} no provocó una nueva ola; ordenó la situación de quienes ya estaban aquí",
            "sin papeles la gente queda a merced de los abusos; con papeles ganamos todos",
        ],
    },
    "counter_specific": [
        ("haitians", "jobs_wages", ["DO"], "los {grp} levantan las construcciones y cosechan el arroz y el guineo que comemos"),
        ("haitians", None, ["DO"], "ningún niño debería quedarse sin acta de nacimiento por el origen de sus padres"),
        ("venezuelans", "regularization_pull", ["CO"], "el PPT permitió que muchos {grp} trabajen con contrato y coticen"),
        ("venezuelans", "no_contribution", None, "muchos {grp} son médicos, maestras e ingenieros que hoy trabajan en lo que pueden"),
        ("nicaraguans", "jobs_wages", ["CR"], "sin los {grp} no hay cosecha de café ni de piña en este país"),
        ("nicaraguans", "welfare_burden", ["CR"], "los {grp} cotizan a la Caja como cualquier trabajador asalariado"),
        ("bolivians", "no_contribution", ["AR"], "la colectividad boliviana levantó quintas, ferias y barrios enteros en el conurbano"),
        ("peruvians", "culture_integration", ["CL"], "la cocina peruana ya es parte de la vida de {city}"),
        ("central_americans", "crime_insecurity", ["MX"], "los {grp} que pasan por Tapachula huyen de la violencia, no la traen"),
        ("extracontinental", None, ["PA"], "quienes cruzan el Darién arriesgan la vida y merecen un trato digno, vengan de donde vengan"),
    ],
    "counter_general": [
        "ninguna persona es ilegal", "migrar no es un delito, discriminar sí hace daño",
        "detrás de cada migrante hay una historia, una familia, una vida",
        "la xenofobia no nos hace más seguros, nos hace peores", "mis vecinos {grp} son gente trabajadora y solidaria",
        "si ves un mensaje de odio no lo compartas: denúncialo", "todos venimos de alguna migración",
        "no permitamos que el odio contra los {grp} se normalice",
        "defender a los {grp} de la discriminación también es defender la democracia",
        "hoy en {city} hubo una feria de integración con comida, música y mucha gente",
        "nadie deja su país por gusto", "el odio se aprende, y también se puede desaprender",
        "lo que le pasa a los {grp} hoy le pasó a nuestros abuelos ayer",
        "los discursos de odio terminan en violencia contra personas reales",
    ],
    "counter_slur": [
        "decirle «{slur_sg}» a alguien no es un chiste, es discriminación",
        "cada vez que alguien escribe «{slur}» como insulto se normaliza el desprecio",
        "no digas «{slur}»: di {grp}, así de simple",
        "me cansé de leer «{slur}» en los comentarios de cualquier noticia",
    ],
    "counter_close": [
        "Compartir odio no es gratis.", "Infórmate antes de compartir.", "Más empatía, menos odio.",
        "Nadie elige dónde nace.", "La solidaridad nos hace más fuertes.", "Cuidémonos entre todos.",
        "Si no sabes, pregunta; no repitas.", "Nos vemos en la feria del sábado.", "", "", "",
    ],
    "counter_tags": ["#XenofobiaCero", "#SomosMigrantes", "#NadieEsIlegal", "#MigrarNoEsDelito",
                     "#SinOdio", "#Solidaridad", "#DatoMataRelato", "#XenofobiaCero"],
    # ---- neutral posts about migration
    "neutral_open": ["", "", "", "", "Pregunta:", "Dato:", "📢 Atención:", "Para quien le sirva:", "Ojo:",
                     "Buenas,", "Comparto:", "Desde {city}:", "Información útil:", "Consulta:", "Hoy en {city}:"],
    "neutral_body": [
        "hoy la fila en {border} empezó antes de las cinco de la mañana",
        "¿alguien sabe cuánto se está demorando {prog}? Hice el trámite hace {nm} meses",
        "mañana hay jornada de vacunación gratuita para familias migrantes en {city}",
        "en el noticiero dijeron que sigue llegando gente por {border}",
        "la alcaldía de {city} abrió inscripciones a cursos de oficios, también para migrantes",
        "leí un informe sobre cómo viven los {grp} en {city}: arriendos caros, trabajo informal y poca atención en salud",
        "interesante conversatorio hoy en la universidad sobre migración y mercado laboral",
        "¿dónde se puede convalidar un título profesional extranjero en {country}? Pregunto por una amiga",
        "el consulado anunció nuevos horarios de atención para pasaportes",
        "según la radio, hoy cerraron temporalmente el paso en {border} por las lluvias",
        "muchos {grp} siguen esperando respuesta a su solicitud de refugio",
        "¿alguien conoce una organización en {city} que asesore gratis a migrantes en temas laborales?",
        "en el bus conversé con un señor que cruzó por {border} hace {nd} días con sus dos hijos",
        "el debate de anoche en el concejo de {city} fue sobre migración y espacio público",
        "en {city} se ven cada vez más emprendimientos de {grp}: peluquerías, panaderías, talleres",
        "la escuela del barrio tiene este año estudiantes de cinco nacionalidades",
        "subió otra vez el pasaje de {city} a {border}",
        "¿alguien sabe si para afiliarse a {health} piden el documento vigente?",
        "el informe trimestral de migración sale la próxima semana, habrá que leerlo con calma",
        "mucho movimiento hoy en la terminal de {city}, familias enteras con maletas y colchones",
        "hay una charla gratuita sobre derechos laborales para trabajadores migrantes el {weekday} en {city}",
        "pregunta seria: ¿cuántos {grp} viven realmente en {city}? Cada medio da una cifra distinta",
        "mi vecina llegó hace {yrs} años y hoy trabaja de enfermera en una clínica de {city}",
        "el mercado de {city} tiene ahora puestos de comida de media Sudamérica",
        "la parroquia de {city} está recibiendo ropa de abrigo y alimentos no perecibles para el albergue",
        "¿alguien hizo el trámite de {prog} sin abogado? ¿Qué documentos les pidieron?",
        "hoy en clase hablamos de migración y los chicos contaron las historias de sus abuelos",
        "me llamó la atención cuántos {grp} trabajan en reparto por aplicación en {city}",
        "en {city} abrieron un punto de orientación para personas en tránsito cerca de la terminal",
        "un amigo que trabaja en {border} dice que esta semana el flujo bajó bastante",
        "el alquiler de cuartos en {city} está por las nubes, para migrantes y para todos",
        "están buscando voluntarios para el comedor que atiende a caminantes en {city2}",
        "la biblioteca de {city} tiene ahora un rincón con libros donados por familias de {grp}",
        "el canal local hizo un reportaje sobre los {grp} que llegaron a {city} hace {yrs} años",
    ],
    "neutral_specific": [
        ("venezuelans", None, "en {city} ya hay areperas en casi cada cuadra"),
        ("venezuelans", None, "mi compañera de trabajo es de Maracaibo y hoy nos trajo tequeños para todos"),
        ("venezuelans", ["CO"], "la entrega de documentos del PPT en {city} sigue con citas para dentro de {nm} semanas"),
        ("venezuelans", ["PE"], "en Tumbes piden el pasaporte o la cédula para entrar, aunque muchos llegan sin nada"),
        ("haitians", ["DO"], "el mercado binacional de Dajabón abrió hoy con mucho movimiento"),
        ("haitians", ["CL"], "en {city} hay cada vez más cursos de español para vecinos {grp}"),
        ("nicaraguans", ["CR"], "empezó la cosecha de café y los productores dicen que faltan trabajadores"),
        ("nicaraguans", ["CR"], "los buses desde Peñas Blancas venían llenos esta mañana"),
        ("central_americans", ["MX"], "en Tapachula las filas frente a la COMAR siguen larguísimas"),
        ("extracontinental", ["PA"], "en Lajas Blancas llegaron esta semana familias de varios continentes"),
        ("bolivians", ["AR"], "la feria boliviana de {city} estuvo llena este domingo"),
        ("peruvians", ["CL"], "en el barrio hay una picada peruana con el mejor lomo saltado de {city}"),
        ("colombians", ["EC"], "muchos {grp} en {city} esperan la renovación de su visa de refugio"),
    ],
    "neutral_slur": [  # "nica" used without contempt (Costa Rica): hard case for the classifiers
        "en la finca de mi tío casi todos los recolectores son {slur}, gente muy trabajadora",
        "los {slur} del barrio organizaron una mejenga el domingo y quedamos todos invitados",
        "mi cuñada es {slur_sg} y hoy hizo un vigorón buenísimo para toda la familia",
    ],
    "neutral_close": ["", "", "", "¿Alguien tiene más información?", "Gracias de antemano.",
                      "Comparto por si a alguien le sirve.", "Seguiremos atentos.", "Veremos qué pasa.",
                      "Cualquier dato sirve.", "Pasen la voz.", "Les cuento cómo me va.",
                      "Más información en los canales oficiales."],
    "neutral_tags": ["#Migración", "#Frontera", "#Refugio", "#{city_tag}", "#MovilidadHumana", "#Migrantes"],
    # ---- off-topic posts
    "off_body": [
        "otra vez se fue la luz en mi barrio de {city}, tercera vez en la semana",
        "el precio del arroz y del aceite subió otra vez, así no se puede",
        "anuncian lluvias fuertes para mañana en {city}, lleven paraguas",
        "el tráfico en {city} hoy estuvo imposible, dos horas para llegar al trabajo",
        "¿alguien recomienda un lugar para almorzar rico y barato en el centro de {city}?",
        "salieron las entradas para el concierto del sábado y se agotaron en una hora",
        "por fin terminé la tesis, ahora a dormir una semana entera",
        "la obra de la avenida principal de {city} lleva {yrs} años y nada",
        "calor insoportable hoy en {city}, {temp} grados a la sombra",
        "mi perro se comió el control remoto, ¿alguien sabe arreglar eso?",
        "arrancó la feria del libro en {city}, recomienden novelas",
        "subió el pasaje del transporte público y el sueldo sigue igual",
        "¿alguien más vio el final de la novela? No lo puedo creer",
        "hoy cumple años mi abuela, {age} años y sigue bailando",
        "se cayó la app del banco justo el día de pago, qué desastre",
        "qué atardecer tan lindo hoy en {city}",
        "recomiendo el café nuevo que abrieron cerca del parque central de {city}",
        "¿alguien sabe si mañana hay clases? Dicen que anuncian paro de transporte",
        "me robaron la bici afuera del supermercado, cuidado en {city}",
        "los arriendos en {city} están imposibles, ni con dos sueldos alcanza",
        "el nuevo metro de {city} va a estar listo en {yrs} años, dicen",
        "hoy hice pan casero por primera vez y salió una piedra",
        "se viene el fin de semana largo y las carreteras ya están llenas",
        "la fila del banco hoy daba la vuelta a la manzana",
        "me encanta el olor a tierra mojada después de la lluvia en {city}",
    ],
    "off_football": [
        "qué partidazo el de anoche, {team} jugó como nunca",
        "{team} contra {rival} este {weekday}, ya tengo la camiseta lista",
        "{rival} le ganó a {team} y ya nadie cree en el técnico",
        "el árbitro del partido de {team} contra {rival} debería estar suspendido de por vida",
        "se viene la eliminatoria ante {rival} y yo ya estoy nervioso",
        "empate de {team} con {rival}, un bodrio de partido",
    ],
    "off_hate": [
        "las mujeres no saben nada de fútbol, que se dediquen a otra cosa",
        "¿una mujer de presidenta? Que vuelvan a la cocina",
        "las periodistas deportivas están ahí por bonitas, no saben ni qué es un fuera de juego",
        "por eso las mujeres no deberían manejar, casi me choca una en {city}",
        "el alcalde de {city} es una rata corrupta, ojalá se pudra en la cárcel",
        "los concejales de {city} son unas sanguijuelas, basura de gente",
        "esa ministra es una bruta que no sirve para nada, que se largue",
        "los políticos de este país son todos unos parásitos, habría que sacarlos a patadas",
        "los hinchas del equipo rival son unos animales, no merecen ni entrar al estadio",
        "las feministas son unas histéricas, ninguna sirve para nada",
        "ese diputado es un cerdo asqueroso, que lo metan preso y boten la llave",
    ],
    "off_close": ["", "", "", "Qué país.", "Así estamos.", "En fin.", "Buen día a todos.", "Ni modo."],
    "off_tags": ["#Fútbol", "#{city_tag}", "#Clima", "#Eliminatorias", "#FinDeSemana"],
    "reply_open": {
        "hateful": ["Exacto,", "Totalmente de acuerdo.", "Eso mismo digo yo.", "Tal cual.", "Así es,", "Y eso no es nada:"],
        "counter": ["No es así.", "Eso es falso.", "Con respeto, te equivocas:", "¿Fuente?", "Cuidado con lo que compartes:",
                    "No generalices."],
        "neutral": ["Buena pregunta.", "Según entiendo,", "A mí me pasó lo mismo.", "Gracias por el dato.", "Justo eso pregunté ayer:"],
        "offtopic": ["Jajaja", "Jajaja tal cual.", "Igualito aquí.", "Uff,", "Jaja qué risa,"],
        "hateful_vs": ["Qué va,", "Eso es puro cuento,", "Ustedes viven en otro mundo:", "Sigan defendiéndolos, pero", "Mentira,"],
        "counter_ok": ["Exacto.", "Gracias por decirlo.", "Muy de acuerdo:", "Así es.", "Totalmente."],
    },
    "pii": ["Escríbanme al {phone} si necesitan ayuda con el trámite.", "Más información al correo {email}.",
            "Cualquier cosa me escriben a {email}.", "@{mention} mira esto.", "WhatsApp de la fundación: {phone}.",
            "Gracias @{mention} por el dato.", "Llamen al {phone}, atienden hasta las 6.", "Mi número por si acaso: {phone}."],
    "tg_hate_prefix": ["🔴 ATENCIÓN", "⚠️ DIFUNDIR", "🚨 URGENTE", "🔴 LO QUE NO TE CUENTAN"],
    "tg_info_prefix": ["📌 Información", "📢 Aviso", "ℹ️ Dato útil", "🗓️ Agenda"],
}

LOCALS_SG_ES = {"CO": "colombiano", "PE": "peruano", "CL": "chileno", "EC": "ecuatoriano", "AR": "argentino",
                "BR": "brasileño", "DO": "dominicano", "CR": "tico", "PA": "panameño", "MX": "mexicano"}

# News: each topic has titles, leads and body sentences; `countries` limits where it runs.
ES_NEWS = {
    "topics": [
        {"countries": None,
         "titles": ["Avanza la entrega de {prog} en {city}", "Migrantes en {city} denuncian demoras en {prog}",
                    "Gobierno amplía el plazo para {prog}", "Nueva jornada de atención para {prog} en {city}",
                    "Lo que hay que saber sobre {prog}"],
         "leads": ["Cientos de personas hicieron fila desde la madrugada en {city} para avanzar en {prog}.",
                   "Organizaciones de apoyo a migrantes en {city} reportan retrasos de varios meses en {prog}.",
                   "La autoridad migratoria habilitó nuevos puntos de atención en {city} para {prog}.",
                   "Familias de {grp} acudieron este {weekday} a una jornada de orientación sobre {prog} en {city}."],
         "body": ["Según los organizadores, la mayoría de los solicitantes son {grp} que llevan más de {yrs} años en el país.",
                  "Los trámites son gratuitos y las autoridades pidieron desconfiar de intermediarios que cobran por ellos.",
                  "Varias personas dijeron a este medio que el documento les permitiría firmar un contrato formal.",
                  "«Sin papeles no podemos abrir una cuenta ni alquilar un cuarto», contó una madre que esperaba con sus dos hijos.",
                  "La entidad recordó que las citas se asignan únicamente por los canales oficiales.",
                  "Expertos señalan que la regularización facilita el acceso a la salud y la afiliación a la seguridad social.",
                  "En la última jornada se atendieron unas {n} solicitudes, según cifras preliminares."]},
        {"countries": None,
         "titles": ["Aumenta el paso de personas por {border}", "Largas filas en {border} durante el fin de semana",
                    "Reabren el paso por {border} tras {nd} días de cierre", "Autoridades refuerzan controles en {border}",
                    "Así amaneció {border} este {weekday}"],
         "leads": ["El movimiento de personas por {border} aumentó en los últimos días, según reportes de las autoridades locales.",
                   "Decenas de familias esperaron durante horas este {weekday} para cruzar por {border}.",
                   "Tras {nd} días de cierre por trabajos de mantenimiento, el paso por {border} volvió a funcionar con normalidad.",
                   "Las autoridades anunciaron un refuerzo de los controles migratorios y sanitarios en {border}."],
         "body": ["Entre quienes cruzan hay trabajadores que van y vienen a diario, comerciantes y familias con niños pequeños.",
                  "Voluntarios de la zona reparten agua, alimentos y kits de higiene a quienes esperan.",
                  "Los transportistas de la zona aseguran que el movimiento es mayor que el del mes pasado.",
                  "Parte de las personas que llegan siguen camino hacia {city2} o hacia otros países de la región.",
                  "Las autoridades estimaron que unas {n} personas cruzaron durante la jornada.",
                  "Los puestos de salud instalados en el lugar atendieron sobre todo casos de deshidratación y cansancio."]},
        {"countries": None,
         "titles": ["Estudio analiza la inserción laboral de migrantes en {city}",
                    "Feria de empleo en {city} abre vacantes para nacionales y migrantes",
                    "Trabajadores migrantes en {city}: entre la informalidad y el emprendimiento",
                    "Empresas de {city} piden agilizar permisos de trabajo para extranjeros"],
         "leads": ["Un estudio de una universidad local analizó las condiciones de trabajo de los {grp} en {city}.",
                   "Más de {n} personas asistieron este {weekday} a una feria de empleo en {city} abierta a nacionales y migrantes.",
                   "La mayoría de los {grp} que viven en {city} trabaja en comercio, servicios y construcción, según un nuevo informe.",
                   "Gremios empresariales de {city} pidieron agilizar los permisos de trabajo para personas extranjeras."],
         "body": ["El informe señala que buena parte de los trabajadores migrantes no tiene contrato ni seguridad social.",
                  "Los autores advierten que muchos profesionales no pueden ejercer porque no logran convalidar sus títulos.",
                  "Los sectores con más vacantes fueron logística, atención al cliente y agroindustria.",
                  "Según el estudio, la formalización aumentaría los aportes a la seguridad social y mejoraría los salarios de todos.",
                  "Varios emprendedores migrantes contaron que empezaron con ventas ambulantes antes de abrir un local.",
                  "La investigación se basó en encuestas a {n} hogares durante el último año."]},
        {"countries": None,
         "titles": ["Hospital de {city} amplía la atención a población migrante", "Jornada de vacunación gratuita en {city}",
                    "Gestantes migrantes en {city}: el reto de los controles prenatales",
                    "Salud mental, la deuda pendiente con los migrantes en {city}"],
         "leads": ["El principal hospital de {city} habilitó un nuevo horario de consulta para población migrante y comunidades de acogida.",
                   "Una jornada de vacunación gratuita se realizará este {weekday} en {city}, abierta a toda la población sin importar su nacionalidad.",
                   "Organizaciones de salud alertan que muchas gestantes migrantes en {city} llegan al parto sin controles previos.",
                   "Profesionales de la salud de {city} advierten sobre el impacto emocional del desplazamiento en las familias de {grp}."],
         "body": ["La iniciativa cuenta con el apoyo de organismos de cooperación internacional.",
                  "Las autoridades sanitarias recordaron que la atención de urgencias está garantizada para todas las personas.",
                  "Se aplicarán vacunas del esquema regular para niños y refuerzos para adultos.",
                  "Los responsables del programa señalaron que la prevención reduce los costos para el sistema de salud.",
                  "Para acceder basta con presentar un documento de identidad, aunque no esté vigente.",
                  "En los primeros días se atendieron cerca de {n} consultas."]},
        {"countries": None,
         "titles": ["Colegios de {city} reciben más estudiantes extranjeros",
                    "Convalidar títulos: el trámite que frena a profesionales migrantes",
                    "Docentes de {city} se capacitan para aulas con estudiantes de varios países"],
         "leads": ["Las escuelas públicas de {city} registran este año un aumento de estudiantes de otros países.",
                   "Profesionales {grp} en {city} denuncian que la convalidación de sus títulos puede tardar más de un año.",
                   "Un programa de formación prepara a docentes de {city} para trabajar en aulas con niños de distintas nacionalidades."],
         "body": ["Las secretarías de educación recordaron que ningún niño puede quedar sin cupo por su situación migratoria.",
                  "Los docentes destacan la integración entre estudiantes, aunque piden más apoyo psicosocial.",
                  "Entre los profesionales afectados hay médicos, enfermeras, ingenieros y docentes.",
                  "La falta de documentos de estudios previos es una de las principales barreras, según las familias.",
                  "Algunas universidades ofrecen asesoría gratuita para completar los trámites."]},
        {"countries": ["DO", "CL", "MX", "PA", "PE"],
         "titles": ["Autoridades reportan nuevas deportaciones por {border}",
                    "Organizaciones piden garantías en los operativos migratorios de {city}",
                    "Operativos migratorios en {city}: lo que se sabe"],
         "leads": ["Un grupo de personas fue trasladado este {weekday} hacia {border}, según fuentes oficiales.",
                   "Organizaciones de derechos humanos pidieron garantías de debido proceso en los operativos migratorios de {city}.",
                   "La autoridad migratoria informó que realizó nuevos operativos en {city} durante la semana."],
         "body": ["Las organizaciones denuncian que entre los detenidos hay personas con trámites de regularización en curso.",
                  "Las autoridades aseguraron que los procedimientos se realizan conforme a la ley.",
                  "Familiares de los detenidos se concentraron frente a las oficinas de migración para pedir información.",
                  "Abogados voluntarios ofrecen orientación gratuita a las familias afectadas.",
                  "Según cifras oficiales, en lo que va del mes fueron trasladadas unas {n} personas."]},
        {"countries": ["PA", "CR", "MX", "CO"],
         "titles": ["Continúa el tránsito de migrantes por {border}", "Albergues de {city} atienden a personas en tránsito",
                    "Lanchas, selva y albergues: la ruta de quienes cruzan {border}", "Cambia el flujo migratorio en {border}"],
         "leads": ["El tránsito de personas migrantes por {border} se mantiene, aunque con cambios en su composición.",
                   "Los albergues de {city} atienden a familias que llegan agotadas tras días de camino.",
                   "Cada mañana salen embarcaciones con personas migrantes que continúan su ruta desde {border}.",
                   "Autoridades y organizaciones humanitarias observan un cambio en el flujo de personas por {border}."],
         "body": ["Entre las personas atendidas hay niños, adultos mayores y mujeres embarazadas.",
                  "Los trabajadores humanitarios reportan casos de deshidratación, heridas en los pies e infecciones.",
                  "Algunas familias cuentan que viajan hacia el norte y otras que regresan hacia el sur.",
                  "Las estaciones de recepción ofrecen alimentación, atención médica y orientación sobre la ruta.",
                  "Las comunidades locales han visto crecer los negocios de transporte, alimentación y hospedaje.",
                  "Organismos internacionales alertan sobre los riesgos de trata y de extorsión en la ruta."]},
        {"countries": None,
         "titles": ["Comedor comunitario en {city} atiende a familias migrantes", "Campaña de donaciones para albergues en {city}",
                    "Vecinos de {city} organizan ayuda para caminantes"],
         "leads": ["Un comedor comunitario de {city} sirve cada día cerca de {n} platos de comida a familias migrantes y vecinos.",
                   "Una campaña de donaciones busca reunir ropa, alimentos y artículos de aseo para los albergues de {city}.",
                   "Vecinos de {city} se organizaron para ofrecer agua y comida a las personas que pasan caminando por la ciudad."],
         "body": ["El comedor funciona gracias a voluntarios y a donaciones de comerciantes de la zona.",
                  "Los organizadores dicen que la demanda creció en los últimos meses.",
                  "Los puntos de recolección estarán abiertos hasta el {weekday}.",
                  "Entre quienes ayudan hay migrantes que llegaron hace años y hoy colaboran con los recién llegados.",
                  "La parroquia del sector presta su salón para almacenar las donaciones."]},
        {"countries": None,
         "titles": ["Congreso debate cambios a la ley de migración", "Concejo de {city} discute un plan de integración para migrantes",
                    "Gobierno presenta nueva política migratoria", "Expertos analizan la política migratoria de {country}"],
         "leads": ["El Congreso inició el debate de un proyecto que modifica varios artículos de la ley de migración.",
                   "El concejo de {city} discutió este {weekday} un plan municipal de integración para población migrante.",
                   "El gobierno presentó los lineamientos de su nueva política migratoria para los próximos años.",
                   "Académicos y organizaciones sociales analizaron en un foro los desafíos de la política migratoria de {country}."],
         "body": ["El proyecto incluye cambios en los plazos de los trámites y en las sanciones administrativas.",
                  "Organizaciones sociales pidieron que el texto incorpore un enfoque de derechos humanos.",
                  "Los concejales coincidieron en la necesidad de datos más precisos sobre la población migrante.",
                  "El debate continuará la próxima semana en comisión.",
                  "Los expertos advirtieron que las medidas puramente restrictivas suelen empujar a la irregularidad."]},
        {"countries": None,
         "titles": ["Festival intercultural reúne a comunidades migrantes en {city}", "Emprendedores migrantes abren mercado en {city}",
                    "Radio comunitaria de {city} estrena programa hecho por migrantes"],
         "leads": ["Música, comida y danzas de varios países llenaron este fin de semana un parque de {city}.",
                   "Un grupo de emprendedores migrantes y locales inauguró un mercado de productos en {city}.",
                   "Una radio comunitaria de {city} estrenó un programa producido por jóvenes migrantes."],
         "body": ["Los organizadores estimaron la asistencia en más de {n} personas.",
                  "El mercado funcionará todos los fines de semana en el centro de la ciudad.",
                  "Las familias participantes destacaron la importancia de compartir sus tradiciones.",
                  "La iniciativa recibió el apoyo de la alcaldía y de organizaciones de la sociedad civil."]},
    ],
    "quotes": ["Necesitamos más recursos para atender a todas las familias",
               "La mayoría solo quiere trabajar y tener sus papeles en regla",
               "Estamos haciendo lo posible con el personal que tenemos",
               "Hay que evitar que la desinformación se convierta en odio",
               "La coordinación entre instituciones todavía es insuficiente",
               "No se trata de números, se trata de personas",
               "El flujo cambia cada semana y tenemos que adaptarnos",
               "Pedimos a la ciudadanía informarse por canales oficiales",
               "La integración es una tarea de todos, no solo del Estado"],
    "speakers": ["dijo una vocera de una organización humanitaria", "afirmó un funcionario de la alcaldía de {city}",
                 "señaló una investigadora de una universidad local", "explicó el coordinador de un albergue de la zona",
                 "comentó un comerciante del sector", "indicó una defensora de derechos humanos",
                 "sostuvo un representante de la autoridad migratoria", "aseguró una líder comunitaria"],
    "background": ["{country} acoge a una de las mayores comunidades de {grp} de la región.",
                   "La llegada de {grp} a {city} se intensificó en los últimos años.",
                   "Muchas de las personas atendidas llevan varios años en el país, según organizaciones locales.",
                   "La región es uno de los principales corredores migratorios del continente."],
    "closings": ["Las autoridades anunciaron que entregarán un nuevo balance la próxima semana.",
                 "Este medio consultó a la autoridad migratoria, que no respondió antes del cierre de esta edición.",
                 "El tema será evaluado en una mesa técnica con participación de organizaciones sociales.",
                 "Organizaciones de la sociedad civil pidieron reforzar la atención en la zona.",
                 "Se espera que la situación se mantenga durante las próximas semanas.",
                 "La información oficial puede consultarse en los canales de las entidades competentes."],
    # fact-checks and explainers (counter-speech in the press)
    "myth_short": {
        "crime_insecurity": "los {grp} estén detrás del aumento de la delincuencia",
        "jobs_wages": "los {grp} les quiten el empleo a los {locals}",
        "welfare_burden": "los {grp} colapsen los hospitales y los colegios",
        "disease": "los {grp} traigan enfermedades",
        "invasion_numbers": "haya una «invasión» de {grp}",
        "no_contribution": "los {grp} no aporten a la economía",
        "culture_integration": "los {grp} no quieran integrarse",
        "illegality_fake_refugees": "los {grp} que piden refugio sean «falsos refugiados»",
        "remittances_drain": "las remesas de los {grp} desangren la economía",
        "regularization_pull": "regularizar a los {grp} atraiga a más migrantes",
    },
    "fact_titles": ["Es falso que {myth}", "Verificación: no hay pruebas de que {myth}",
                    "Mito y realidad: no es cierto que {myth}", "Los datos desmienten que {myth}"],
    "fact_leads": ["En redes sociales circula un mensaje que asegura que «{claim}».",
                   "Un video compartido miles de veces en {city} afirma que «{claim}».",
                   "Varios grupos de mensajería difunden desde hace días la afirmación de que «{claim}».",
                   "Una publicación viral en {city} sostiene que «{claim}»."],
    "fact_verdict": ["La afirmación es falsa.", "Se trata de una generalización sin sustento.",
                     "Los datos disponibles no respaldan esa afirmación.", "Es un mito que reaparece cada cierto tiempo."],
    "fact_expert": ["Especialistas consultados por este medio coinciden en que generalizar a partir de casos aislados alimenta la discriminación.",
                    "Los registros oficiales disponibles no respaldan esa idea.",
                    "Organizaciones que trabajan con población migrante advierten que este tipo de mensajes se multiplica tras cada hecho mediático.",
                    "Investigadores recuerdan que los datos deben leerse en proporción a la población total."],
    "fact_close": ["Antes de compartir un contenido, verifique la fuente.",
                   "Esta verificación forma parte de una alianza de medios contra la desinformación.",
                   "Si recibe este mensaje, no lo reenvíe."],
    "campaign_titles": ["Campaña contra la xenofobia llega a {city}",
                        "Periodistas de {city} se capacitan en cobertura responsable de la migración",
                        "Opinión: la xenofobia no nos hace más seguros",
                        "Jóvenes de {city} lanzan una campaña contra los discursos de odio"],
    "campaign_body": ["La campaña #XenofobiaCero recorrerá colegios, universidades y mercados de {city} durante el mes.",
                      "El taller para periodistas abordó el lenguaje responsable y el uso de datos verificados al informar sobre migración.",
                      "Los organizadores recomendaron evitar términos como «ilegales» o «avalancha» al hablar de personas migrantes.",
                      "Las actividades incluyen murales, obras de teatro y conversatorios con familias migrantes y de acogida.",
                      "Según sus promotores, el objetivo es responder a los mensajes de odio con información y empatía.",
                      "Los participantes practicaron cómo responder en redes a mitos frecuentes sin amplificarlos.",
                      "Una encuesta reciente mostró que muchos jóvenes han visto mensajes xenófobos en sus redes.",
                      "«Nadie es ilegal; las personas tienen derechos estén donde estén», afirmó una de las organizadoras."],
    # opinion columns repeating myths (fringe outlets)
    "opinion_titles": ["Opinión: {country} no puede recibir a todo el mundo", "Columna: la frontera en {border} está fuera de control",
                       "Editorial: ¿hasta cuándo?", "Opinión: primero los {locals}", "Columna: el precio de las fronteras abiertas"],
    "opinion_open": ["Es hora de decirlo sin eufemismos:", "Los vecinos de {city} lo saben bien:",
                     "Ningún gobierno se atreve a reconocerlo, pero", "La realidad en las calles de {city} es evidente:"],
    "opinion_extra": ["Las autoridades siguen sin responder a los reclamos de la ciudadanía.",
                      "La paciencia de los {locals} tiene un límite.",
                      "Mientras tanto, los servicios públicos se deterioran cada día.",
                      "Los discursos políticamente correctos no resuelven nada."],
    "opinion_call": ["Es urgente cerrar la frontera y expulsar a quienes no cumplen la ley.",
                     "El país necesita deportaciones masivas y un control migratorio de verdad.",
                     "Primero hay que pensar en los nuestros."],
    # off-topic news
    "off_topics": [
        {"titles": ["Lluvias causan inundaciones en varios barrios de {city}", "Alerta por lluvias intensas en {city}"],
         "body": ["Las fuertes lluvias de la noche del {weekday} dejaron calles anegadas y cortes de energía en {city}.",
                  "Los organismos de emergencia atendieron decenas de llamadas por árboles caídos.",
                  "El servicio meteorológico prevé que las precipitaciones continúen durante el fin de semana.",
                  "Las autoridades pidieron a los conductores evitar las zonas bajas de la ciudad.",
                  "No se reportaron personas heridas."]},
        {"titles": ["{team_t} prepara el partido ante {rival}", "{team_t} sufre pero saca un empate ante {rival}"],
         "body": ["El cuerpo técnico trabajó este {weekday} en la definición del equipo titular.",
                  "El partido se disputará ante un estadio que promete estar lleno.",
                  "La hinchada volvió a cuestionar la falta de gol del equipo.",
                  "El técnico destacó la actitud de los jugadores jóvenes.",
                  "La próxima fecha será fuera de casa, ante un rival directo."]},
        {"titles": ["Suben los precios de los alimentos básicos en {country}", "Inflación golpea el bolsillo de las familias de {city}"],
         "body": ["El precio del arroz, el aceite y los huevos volvió a subir en el último mes.",
                  "Los comerciantes de los mercados de {city} aseguran que las ventas cayeron.",
                  "Los economistas atribuyen el alza a los costos de transporte y al clima.",
                  "Las familias buscan alternativas en ferias y compras al por mayor."]},
        {"titles": ["Inauguran nueva ciclovía en {city}", "Obras viales cambian el tránsito en el centro de {city}"],
         "body": ["La nueva ciclovía tiene varios kilómetros y conecta el centro con los barrios del sur.",
                  "Las obras se extenderán durante {nm} meses, según la alcaldía.",
                  "Los conductores deberán usar desvíos señalizados en horas punta.",
                  "Comerciantes de la zona piden que los trabajos se aceleren."]},
        {"titles": ["Festival de cine de {city} anuncia su programación", "La feria del libro de {city} abre sus puertas"],
         "body": ["La edición de este año incluye más de {n} actividades gratuitas.",
                  "Los organizadores esperan superar la asistencia del año pasado.",
                  "Habrá funciones especiales para escuelas y adultos mayores.",
                  "El evento se realizará en varias sedes de la ciudad."]},
    ],
    "dateline": "{CITY}.–",
}

PT = {
    "local": {"BR": ["Gente,", "Mano,", "Cara,", "Olha,", "Sério,", "Oxe,", "Bah,", "Uai,"]},
    "hate_open": ["Não aguento mais.", "Vou falar sem medo:", "Ninguém tem coragem de dizer, mas", "Abram os olhos:",
                  "Moro em {city} e vejo isso todo dia:", "Chega de passar pano.", "Cada dia pior.",
                  "E ainda chamam a gente de xenófobo?", "Não é ódio, é a realidade:", "Vi com meus próprios olhos:",
                  "Enquanto o governo finge que não vê,", "Verdade incômoda:", "Podem me xingar, mas",
                  "Em {city} todo mundo sabe que", "", "", "", ""],
    "hate_claims": {
        "crime_insecurity": ["desde que os {grp} chegaram a violência em {city} só aumentou",
                             "os {grp} vieram para roubar, não para trabalhar",
                             "todo assalto no bairro agora tem {grp} envolvido",
                             "não dá mais para andar à noite em {city} por causa dos {grp}",
                             "os {grp} trouxeram o crime organizado para {city}",
                             "os {grp} são bandidos, os que trabalham são exceção"],
        "jobs_wages": ["os {grp} trabalham por qualquer valor e o brasileiro fica sem emprego",
                       "nas obras de {city} agora só contratam {grp} porque cobram menos",
                       "os {grp} derrubam os salários e os patrões adoram",
                       "primeiro emprego para brasileiro, depois para os {grp}"],
        "welfare_burden": ["os {grp} lotam o SUS e o brasileiro fica na fila",
                           "na UBS de {city} só tem {grp}, e a gente esperando horas",
                           "os {grp} recebem auxílio e o brasileiro pobre não recebe nada",
                           "com nossos impostos o governo sustenta os {grp}",
                           "as escolas de {city} estão cheias de filhos de {grp} e faltam vagas para os nossos"],
        "disease": ["os {grp} trouxeram de volta o sarampo", "ninguém controla se os {grp} que entram por {border} estão doentes",
                    "os abrigos de {grp} são foco de doença"],
        "invasion_numbers": ["isso não é imigração, é invasão de {grp}", "Roraima já foi tomada pelos {grp}",
                             "estão entrando milhares de {grp} por dia por {border} sem controle nenhum",
                             "daqui a pouco os {grp} vão ser maioria em {city}"],
        "no_contribution": ["os {grp} não contribuem com nada, só consomem", "os {grp} não pagam imposto nenhum",
                            "me digam uma coisa boa que os {grp} trouxeram"],
        "culture_integration": ["os {grp} não se adaptam e ainda querem impor os costumes deles",
                                "os {grp} nunca vão se integrar, nem querem aprender português",
                                "os {grp} fazem barulho a noite inteira e não respeitam ninguém"],
        "illegality_fake_refugees": ["esses {grp} não são refugiados, vêm para viver de graça",
                                     "metade dos {grp} entrou sem documento nenhum",
                                     "refugiado coisa nenhuma, os {grp} só querem benefício"],
        "remittances_drain": ["os {grp} ganham aqui e mandam tudo para fora, o dinheiro não fica no Brasil"],
        "regularization_pull": ["com {prog} vem cada vez mais {grp}, virou ímã",
                                "dar documento para os {grp} é convite para vir todo mundo"],
    },
    "hate_specific": [
        ("venezuelans", "welfare_burden", ["BR"], "o Hospital Geral de Roraima virou hospital dos {grp}"),
        ("haitians", "jobs_wages", ["BR"], "nos frigoríficos de Chapecó agora só contratam {grp} e o brasileiro fica sem vaga"),
        ("bolivians", "no_contribution", ["BR"], "as oficinas de costura dos {grp} em São Paulo não pagam imposto nenhum"),
    ],
    "hate_generic": ["os {grp} são uma praga, tem que mandar embora", "fora {grp}, aqui vocês não são bem-vindos",
                     "os {grp} são sujos e preguiçosos", "expulsão imediata de todos os {grp}",
                     "fechem a fronteira e devolvam os {grp} para o país deles", "não alugo para {grp} nem por dinheiro nenhum",
                     "os {grp} são todos iguais, não se salva um"],
    "hate_detail": ["Ontem assaltaram minha vizinha no ponto de ônibus.", "E o governo continua dando documento.",
                    "A mídia nunca vai mostrar isso.", "Depois chamam a gente de racista.", "Quem mora aqui sabe.",
                    "Há {yrs} anos isso não acontecia.", "E as autoridades de braços cruzados.", "Pergunta para qualquer motorista de {city}."],
    "hate_close": ["Fora!", "Deportação já.", "Fechem a fronteira.", "Brasil para os brasileiros.", "Até quando?",
                   "Depois não digam que não avisei.", "Compartilhem antes que apaguem.", "Chega.", "", "", ""],
    "hate_also": ["E os {grp2} também.", "Mesma coisa com os {grp2}."],
    "hate_tags": ["#FronteiraFechada", "#ForaIlegais", "#BrasilParaOsBrasileiros", "#DeportaçãoJá"],
    "counter_open": ["Vamos falar com dados.", "Lá vem esse mito de novo.", "Antes de compartilhar, pense.", "Não, não é verdade.",
                     "Fio 🧵", "Moro em {city} e tenho vizinhos {grp}:", "Sou filha de migrantes e digo:", "Lembrete:",
                     "Trabalho num abrigo em {city} e vejo isso todo dia:", "", "", ""],
    "counter_rebut": {
        "crime_insecurity": ["os dados de segurança pública não mostram que os {grp} cometem mais crimes que os brasileiros",
                             "crime é cometido por pessoas, não por nacionalidades",
                             "muitas vezes os imigrantes são as principais vítimas das facções"],
        "jobs_wages": ["os {grp} ocupam vagas que sobram e muitos abrem o próprio negócio",
                       "com documentos os {grp} contribuem com o INSS e a informalidade cai",
                       "a interiorização levou milhares de {grp} para vagas formais em todo o país"],
        "welfare_burden": ["o SUS é universal e atende quem precisa; os {grp} também pagam impostos quando consomem",
                           "atender grávida e criança é direito humano, não privilégio",
                           "os hospitais sofrem com falta de investimento, não com os {grp}"],
        "disease": ["não há evidência de que os {grp} tragam doenças; a vacinação na fronteira protege todo mundo",
                    "associar imigrantes a doenças é um preconceito antigo que já fez muito estrago"],
        "invasion_numbers": ["os {grp} são uma pequena parte da população; falar em invasão é espalhar medo",
                             "os números oficiais estão publicados e não têm nada de «invasão»"],
        "no_contribution": ["os {grp} abrem comércios, pagam aluguel e movimentam a economia de {city}",
                            "tem médicos, enfermeiras e engenheiros {grp} trabalhando no Brasil"],
        "culture_integration": ["a cultura brasileira sempre se fez com gente que chegou de fora",
                                "integração leva tempo e é muito mais fácil sem discriminação"],
        "illegality_fake_refugees": ["pedir refúgio é um direito, não um crime", "ninguém é ilegal; situação migratória irregular não é crime"],
        "remittances_drain": ["o dinheiro enviado à família sai do salário de quem já trabalhou e gastou aqui"],
        "regularization_pull": ["documentar quem já está aqui dá mais segurança para todo mundo",
                                "{prog} organizou a acolhida de quem já tinha chegado"],
    },
    "counter_specific": [
        ("venezuelans", "jobs_wages", ["BR"], "a Operação Acolhida e a interiorização ajudaram muitos {grp} a conseguir emprego formal"),
        ("haitians", "no_contribution", ["BR"], "os {grp} sustentam boa parte da produção dos frigoríficos do Sul"),
    ],
    "counter_general": ["ninguém é ilegal", "migrar não é crime, discriminar machuca", "atrás de cada imigrante tem uma história",
                        "xenofobia não deixa ninguém mais seguro", "meus vizinhos {grp} são trabalhadores e solidários",
                        "viu mensagem de ódio? Não compartilhe, denuncie", "todo mundo vem de alguma migração",
                        "não vamos deixar o ódio contra os {grp} virar normal", "ninguém deixa o seu país por gosto",
                        "hoje teve feira intercultural em {city}, com comida, música e muita gente"],
    "counter_slur": [],
    "counter_close": ["Mais empatia, menos ódio.", "Informe-se antes de compartilhar.", "Ninguém escolhe onde nasce.",
                      "A solidariedade nos faz mais fortes.", "", "", ""],
    "counter_tags": ["#XenofobiaNão", "#SomosTodosMigrantes", "#RefugiadosBemVindos", "#ImigrarNãoÉCrime", "#SemÓdio"],
    "neutral_open": ["", "", "", "Pergunta:", "Informação:", "📢 Atenção:", "Para quem precisar:", "Olha só:", "Gente,",
                     "Compartilhando:", "Direto de {city}:"],
    "neutral_body": ["hoje a fila no posto de triagem de Pacaraima começou antes das seis da manhã",
                     "alguém sabe quanto tempo está demorando {prog}? Dei entrada há {nm} meses",
                     "amanhã tem vacinação gratuita para famílias imigrantes em {city}",
                     "a prefeitura de {city} abriu inscrições para cursos de português para imigrantes",
                     "li uma reportagem sobre como vivem os {grp} em {city}: aluguel caro e muito trabalho informal",
                     "alguém sabe onde revalidar diploma estrangeiro em {city}?",
                     "a escola do meu filho tem alunos de cinco países este ano",
                     "alguém conhece uma ONG em {city} que dê orientação trabalhista para imigrantes?",
                     "o abrigo de {city} está recebendo doações de roupas e alimentos",
                     "muitos {grp} em {city} trabalham com entrega por aplicativo",
                     "a rodoviária de {city} estava cheia de famílias com malas hoje",
                     "tem uma roda de conversa sobre migração e trabalho na universidade na {weekday}",
                     "alguém sabe se precisa de CPF para se cadastrar no SUS?",
                     "minha vizinha chegou há {yrs} anos e hoje é técnica de enfermagem em {city}",
                     "o jornal local fez uma matéria sobre os {grp} que chegaram a {city} há {yrs} anos",
                     "estão precisando de voluntários no abrigo de {city2}",
                     "vi hoje que as aulas de português da paróquia de {city} estão com vagas abertas"],
    "neutral_specific": [
        ("venezuelans", ["BR"], "em Boa Vista os abrigos da Operação Acolhida seguem cheios"),
        ("venezuelans", ["BR"], "mais uma leva de famílias venezuelanas chegou a {dest} pela interiorização"),
        ("venezuelans", ["BR"], "abriu uma lanchonete de arepas aqui perto em {city}, super bem movimentada"),
        ("haitians", ["BR"], "em {city} a igreja oferece aulas de português aos sábados para famílias haitianas"),
        ("bolivians", ["BR"], "a feira boliviana da Praça Kantuta em São Paulo estava lotada no domingo"),
        ("extracontinental", ["BR"], "no aeroporto de Guarulhos ainda tem gente esperando resposta do pedido de refúgio"),
    ],
    "neutral_slur": [],
    "neutral_close": ["", "", "", "Alguém tem mais informação?", "Obrigada desde já.", "Compartilhando caso ajude alguém.",
                      "Vamos acompanhando.", "Passem adiante."],
    "neutral_tags": ["#Migração", "#Refúgio", "#{city_tag}", "#Imigrantes", "#OperaçãoAcolhida"],
    "off_body": ["acabou a luz de novo aqui no bairro em {city}", "o preço do arroz e do feijão subiu de novo, assim não dá",
                 "previsão de chuva forte amanhã em {city}, levem guarda-chuva", "trânsito impossível hoje em {city}, duas horas até o trabalho",
                 "alguém indica um lugar bom e barato para almoçar no centro de {city}?", "ingressos do show de sábado esgotaram em uma hora",
                 "finalmente terminei o TCC, agora é dormir uma semana", "calor absurdo em {city}, {temp} graus na sombra",
                 "meu cachorro comeu o controle remoto, alguém sabe consertar?", "começou a feira do livro em {city}, me indiquem romances",
                 "a passagem de ônibus subiu e o salário continua igual", "alguém viu o final da novela? Não acredito",
                 "hoje minha avó faz {age} anos e continua dançando forró", "o app do banco caiu justo no dia do pagamento",
                 "que pôr do sol lindo hoje em {city}", "roubaram minha bicicleta na frente do mercado, cuidado em {city}",
                 "o aluguel em {city} está impossível, nem com dois salários", "fiz pão caseiro pela primeira vez e saiu uma pedra"],
    "off_football": ["que jogaço ontem, o time de {city} jogou demais", "a Seleção pega {rival} na {weekday} e eu já estou nervoso",
                     "{rival} empatou com a Seleção, que vergonha", "o juiz do jogo de ontem devia ser banido"],
    "off_hate": ["mulher não entende nada de futebol, vai cuidar da casa", "mulher presidente? Volta pra cozinha",
                 "o prefeito de {city} é um rato corrupto, tem que apodrecer na cadeia",
                 "esses vereadores são uns sanguessugas, lixo de gente", "a ministra é uma burra que não serve para nada",
                 "a torcida rival é um bando de animais, nem deviam entrar no estádio",
                 "feminista é tudo histérica, nenhuma presta"],
    "off_close": ["", "", "", "Que país.", "É isso.", "Bom dia a todos.", "Fazer o quê."],
    "off_tags": ["#Futebol", "#{city_tag}", "#Calor", "#FimDeSemana"],
    "reply_open": {"hateful": ["Exatamente,", "Concordo totalmente.", "Isso mesmo.", "Falou tudo."],
                   "counter": ["Não é bem assim.", "Isso é falso.", "Com respeito, você está errado:", "Fonte?", "Não generalize."],
                   "neutral": ["Boa pergunta.", "Pelo que sei,", "Aconteceu o mesmo comigo.", "Obrigado pela informação."],
                   "offtopic": ["Kkkkk", "Kkkk verdade.", "Aqui também.", "Nossa,"],
                   "hateful_vs": ["Que nada,", "Papo furado,", "Vocês vivem em outro mundo:", "Mentira,"],
                   "counter_ok": ["Exatamente.", "Obrigada por dizer isso.", "Isso mesmo."]},
    "pii": ["Me chama no zap {phone} se precisar de ajuda com a documentação.", "Contato: {email}.", "@{mention} olha isso.",
            "Mais informações pelo e-mail {email}.", "Valeu @{mention} pela dica.", "Telefone da ONG: {phone}."],
    "tg_hate_prefix": ["🔴 ATENÇÃO", "⚠️ COMPARTILHE", "🚨 URGENTE"],
    "tg_info_prefix": ["📌 Informação", "📢 Aviso", "ℹ️ Dica"],
}

PT_NEWS = {
    "topics": [
        {"countries": None,
         "titles": ["Operação Acolhida interioriza mais famílias rumo a {dest}", "Interiorização leva venezuelanos a novos estados",
                    "Abrigos de Boa Vista recebem novas famílias", "O que muda na interiorização de migrantes"],
         "leads": ["Um novo grupo de famílias deixou Boa Vista nesta {weekday} rumo a {dest} pela estratégia de interiorização.",
                   "A estratégia de interiorização já levou milhares de migrantes a cidades de todas as regiões do país.",
                   "A Operação Acolhida informou que os abrigos de Boa Vista receberam novas famílias nos últimos dias."],
         "body": ["Segundo a coordenação, cerca de {n} pessoas participaram da etapa.",
                  "As famílias foram acolhidas por parentes, empresas ou abrigos nas cidades de destino.",
                  "Organizações da sociedade civil acompanham a chegada e ajudam na matrícula escolar das crianças.",
                  "Muitos dos interiorizados já chegam com vaga de emprego garantida.",
                  "«Aqui consegui trabalho com carteira assinada», contou um pai de família que chegou há {nm} meses."]},
        {"countries": None,
         "titles": ["Fila no posto de triagem de Pacaraima volta a crescer", "Fluxo de migrantes na fronteira com a Venezuela aumenta",
                    "Pacaraima registra movimento intenso na {weekday}"],
         "leads": ["O movimento no posto de triagem de Pacaraima voltou a crescer nesta semana.",
                   "Centenas de pessoas cruzaram a fronteira com a Venezuela nos últimos dias, segundo fontes locais.",
                   "A fila para regularização migratória em Pacaraima começou antes do amanhecer nesta {weekday}."],
         "body": ["Entre os que chegam há crianças, idosos e trabalhadores que vão e voltam.",
                  "Voluntários distribuem água e alimentos para quem espera atendimento.",
                  "As autoridades estimam que cerca de {n} pessoas foram atendidas no dia.",
                  "Parte das pessoas segue viagem para Boa Vista e Manaus."]},
        {"countries": None,
         "titles": ["Frigoríficos do Sul contratam imigrantes haitianos", "Estudo mostra inserção de imigrantes no mercado de trabalho em {city}",
                    "Feira de empregos em {city} abre vagas para imigrantes"],
         "leads": ["Frigoríficos da região de Chapecó ampliaram a contratação de trabalhadores imigrantes.",
                   "Um estudo de uma universidade de {city} analisou a inserção dos {grp} no mercado de trabalho.",
                   "Uma feira de empregos em {city} ofereceu vagas para brasileiros e imigrantes nesta {weekday}."],
         "body": ["A maior parte das vagas é formal, com carteira assinada.",
                  "Os pesquisadores apontam que muitos profissionais não conseguem revalidar o diploma.",
                  "As empresas dizem ter dificuldade para preencher vagas em turnos noturnos.",
                  "O levantamento ouviu {n} trabalhadores durante o último ano."]},
        {"countries": None,
         "titles": ["Fiscalização resgata trabalhadores em oficinas de costura em São Paulo",
                    "Bolivianos em São Paulo: entre a costura e o empreendedorismo"],
         "leads": ["Uma operação de fiscalização resgatou trabalhadores em condições degradantes em oficinas de costura na zona norte de São Paulo.",
                   "A comunidade boliviana de São Paulo cresce e diversifica suas atividades para além da costura."],
         "body": ["Os trabalhadores relataram jornadas longas e salários abaixo do mínimo.",
                  "As vítimas foram encaminhadas para atendimento social.",
                  "Lideranças da comunidade defendem mais informação sobre direitos trabalhistas.",
                  "A feira da Praça Kantuta reúne todos os domingos comerciantes e famílias."]},
        {"countries": None,
         "titles": ["Migrantes aguardam há semanas no aeroporto de Guarulhos", "Pedidos de refúgio no aeroporto de Guarulhos preocupam entidades"],
         "leads": ["Dezenas de migrantes de países africanos e asiáticos aguardam há semanas uma resposta no aeroporto de Guarulhos.",
                   "Entidades de direitos humanos alertam para a situação de {grp} que pedem refúgio no aeroporto de Guarulhos."],
         "body": ["As pessoas dormem no chão da área restrita enquanto aguardam a análise dos pedidos.",
                  "A Defensoria acompanha os casos e pede agilidade nas decisões.",
                  "Parte dos migrantes pretende seguir viagem por terra até outros países do continente."]},
        {"countries": None,
         "titles": ["UBSs de {city} ampliam atendimento a imigrantes", "Vacinação na fronteira protege migrantes e moradores",
                    "Escolas de {city} recebem mais alunos estrangeiros"],
         "leads": ["As unidades básicas de saúde de {city} passaram a contar com intérpretes para atender imigrantes.",
                   "Uma campanha de vacinação em Pacaraima atendeu migrantes e moradores da cidade.",
                   "As escolas públicas de {city} registram neste ano um aumento de alunos estrangeiros."],
         "body": ["O SUS é universal e atende qualquer pessoa, independentemente da nacionalidade.",
                  "Os profissionais destacam a importância da vacinação em dia para toda a população.",
                  "As secretarias de educação lembram que nenhuma criança pode ficar sem vaga por causa da situação migratória.",
                  "Segundo a prefeitura, foram realizados cerca de {n} atendimentos no mês."]},
    ],
    "quotes": ["Precisamos de mais recursos para atender todas as famílias", "A maioria só quer trabalhar e ter documentos",
               "Não se trata de números, se trata de pessoas", "É preciso evitar que a desinformação vire ódio",
               "A integração é tarefa de todos"],
    "speakers": ["disse uma representante de uma organização humanitária", "afirmou um servidor da prefeitura de {city}",
                 "explicou uma pesquisadora de uma universidade local", "contou o coordenador de um abrigo da região",
                 "disse uma liderança comunitária"],
    "background": ["O Brasil recebe desde 2018 um grande número de {grp} pela fronteira norte.",
                   "Roraima é a principal porta de entrada de venezuelanos no país.",
                   "A chegada de {grp} a {city} aumentou nos últimos anos."],
    "closings": ["As autoridades devem divulgar um novo balanço na próxima semana.",
                 "A reportagem procurou o governo federal, que não respondeu até o fechamento desta edição.",
                 "Organizações da sociedade civil pedem reforço no atendimento."],
    "myth_short": {
        "crime_insecurity": "os {grp} sejam responsáveis pelo aumento da violência",
        "jobs_wages": "os {grp} roubem empregos dos brasileiros",
        "welfare_burden": "os {grp} sobrecarreguem o SUS",
        "disease": "os {grp} tragam doenças",
        "invasion_numbers": "exista uma «invasão» de {grp}",
        "no_contribution": "os {grp} não contribuam com a economia",
        "culture_integration": "os {grp} não queiram se integrar",
        "illegality_fake_refugees": "os {grp} sejam «falsos refugiados»",
        "remittances_drain": "as remessas dos {grp} prejudiquem a economia",
        "regularization_pull": "a regularização atraia mais {grp}",
    },
    "fact_titles": ["É falso que {myth}", "Checagem: não há provas de que {myth}", "Os dados desmentem que {myth}"],
    "fact_leads": ["Circula nas redes sociais uma mensagem que afirma que «{claim}».",
                   "Um vídeo compartilhado milhares de vezes em {city} diz que «{claim}».",
                   "Grupos de mensagens espalham há dias a afirmação de que «{claim}»."],
    "fact_verdict": ["A afirmação é falsa.", "Trata-se de uma generalização sem base.", "Os dados disponíveis não sustentam essa ideia."],
    "fact_expert": ["Especialistas ouvidos pela reportagem dizem que generalizar a partir de casos isolados alimenta a discriminação.",
                    "Os registros oficiais não confirmam a afirmação."],
    "fact_close": ["Antes de compartilhar, verifique a fonte.", "Se receber essa mensagem, não repasse."],
    "campaign_titles": ["Campanha contra a xenofobia chega a {city}", "Jornalistas de {city} fazem oficina sobre cobertura de migração",
                        "Opinião: a xenofobia não nos protege de nada"],
    "campaign_body": ["A campanha vai percorrer escolas, universidades e feiras de {city} durante o mês.",
                      "A oficina tratou de linguagem responsável e do uso de dados verificados na cobertura de migração.",
                      "Os organizadores recomendaram evitar termos como «ilegais» e «invasão» ao falar de pessoas migrantes.",
                      "Segundo os promotores, o objetivo é responder às mensagens de ódio com informação.",
                      "«Ninguém é ilegal; as pessoas têm direitos onde quer que estejam», disse uma das organizadoras."],
    "opinion_titles": ["Opinião: o Brasil não pode receber o mundo inteiro", "Coluna: a fronteira em Roraima está fora de controle",
                       "Editorial: até quando?"],
    "opinion_open": ["É hora de dizer sem rodeios:", "Os moradores de {city} sabem bem:", "Nenhum governo tem coragem de admitir, mas"],
    "opinion_extra": ["As autoridades continuam ignorando os moradores.", "A paciência dos brasileiros tem limite.",
                      "Enquanto isso, os serviços públicos pioram a cada dia."],
    "opinion_call": ["É urgente fechar a fronteira.", "O país precisa de controle migratório de verdade.", "Primeiro os nossos."],
    "off_topics": [
        {"titles": ["Chuvas causam alagamentos em {city}", "Alerta de temporal para {city}"],
         "body": ["A chuva forte da {weekday} deixou ruas alagadas e bairros sem energia em {city}.",
                  "A Defesa Civil atendeu dezenas de chamados por queda de árvores.",
                  "A previsão indica mais chuva no fim de semana.", "Não houve registro de feridos."]},
        {"titles": ["Preço dos alimentos volta a subir em {city}", "Cesta básica fica mais cara em {city}"],
         "body": ["O preço do arroz, do feijão e do óleo subiu no último mês.", "Os comerciantes dizem que as vendas caíram.",
                  "Economistas atribuem a alta ao frete e ao clima.", "As famílias procuram feiras e atacados para economizar."]},
        {"titles": ["Time de {city} vence e segue na briga pelo acesso", "Clássico de domingo termina empatado em {city}"],
         "body": ["O técnico elogiou a entrega dos jogadores.", "A torcida lotou o estádio.",
                  "O próximo jogo será fora de casa.", "O atacante marcou seu {nd}º gol na temporada."]},
    ],
    "dateline": "{CITY} —",
}

EN = {
    "local": {},
    "hate_open": ["Not going to sugarcoat it:", "Everyone here knows it but nobody says it:", "I live in {city} and see it every day:",
                  "Unpopular opinion:", "Let's be honest:", "", "", ""],
    "hate_claims": {
        "crime_insecurity": ["since the {grp} showed up, crime in {city} has exploded", "half the robberies around here are {grp}, everyone knows it"],
        "jobs_wages": ["the {grp} work for nothing and the {locals} can't find jobs anymore"],
        "welfare_burden": ["the {grp} get free healthcare while the {locals} wait for months", "our taxes pay for the {grp} to live on handouts"],
        "disease": ["nobody checks whether the {grp} crossing at {border} are sick"],
        "invasion_numbers": ["this isn't migration, it's an invasion of {grp}", "thousands of {grp} pour in every day and nobody counts them"],
        "no_contribution": ["the {grp} contribute nothing, they just take"],
        "culture_integration": ["the {grp} will never integrate, they don't even try"],
        "illegality_fake_refugees": ["these aren't refugees, they're {grp} looking for a free ride", "the {grp} crossing the Darién are illegals, period"],
        "remittances_drain": ["the {grp} send every cent back home, nothing stays here"],
        "regularization_pull": ["every amnesty just brings more {grp}"],
    },
    "hate_specific": [],
    "hate_generic": ["send the {grp} back, all of them", "the {grp} are ruining this city and everyone can see it", "close the border and deport the {grp}, no exceptions"],
    "hate_detail": ["Ask anyone who lives here.", "The media will never report it.", "And the government does nothing.", ""],
    "hate_close": ["Enough.", "Close the border.", "Deport them.", "", ""],
    "hate_also": ["Same with the {grp2}."],
    "hate_tags": ["#CloseTheBorder", "#DeportThemAll"],
    "counter_open": ["Let's talk facts.", "This myth is going around again.", "Before you share that:", "No, that's not true.",
                     "Thread 🧵", "I volunteer at a shelter in {city}:", "Reminder:", "", "", ""],
    "counter_rebut": {
        "crime_insecurity": ["research across the region finds no evidence that the {grp} commit more crimes than the {locals}",
                             "crimes are committed by individuals, not by nationalities"],
        "jobs_wages": ["the {grp} mostly fill jobs nobody else wants, and many start their own businesses",
                       "regularized workers pay into social security and reduce informality"],
        "welfare_burden": ["migrants use health services less than people assume, and they pay taxes every time they buy something",
                           "emergency care for a pregnant woman or a child is a human right, not a privilege"],
        "disease": ["there is no evidence that the {grp} bring disease; border vaccination protects everyone"],
        "invasion_numbers": ["the {grp} are a small share of the population; calling it an invasion is fear-mongering"],
        "no_contribution": ["the {grp} run shops, pay rent and keep whole sectors going in {city}"],
        "culture_integration": ["integration takes time, and it's much easier without discrimination"],
        "illegality_fake_refugees": ["seeking asylum is a right, not a crime", "no human being is illegal"],
        "remittances_drain": ["remittances come out of wages already earned and spent here"],
        "regularization_pull": ["regularization brings people into the system; it makes everyone safer"],
    },
    "counter_specific": [
        ("haitians", None, ["DO"], "mass deportations that separate families are a human rights problem, whatever your view on migration"),
        ("nicaraguans", "jobs_wages", ["CR"], "Costa Rica's coffee harvest depends on {grp} workers"),
    ],
    "counter_general": ["no one is illegal", "migration is not a crime", "behind every migrant there's a family and a story",
                        "xenophobia doesn't make anyone safer", "some of the kindest people I know are my neighbours, and they are {grp}",
                        "if you see hate speech, report it, don't share it"],
    "counter_slur": [],
    "counter_close": ["Check before you share.", "More empathy, less hate.", "Nobody chooses where they're born.", "", ""],
    "counter_tags": ["#NoToXenophobia", "#RefugeesWelcome", "#MigrationIsNotACrime", "#XenofobiaCero"],
    "neutral_open": ["", "", "", "PSA:", "Question:", "FYI:", "Update from {city}:", "Heads up:"],
    "neutral_body": ["just crossed at {border} and the line was about {nh} hours long",
                     "volunteering at a shelter in {city} this weekend, they need diapers and bottled water",
                     "anyone know how long residency paperwork is taking in {country} these days?",
                     "interesting report on how the {grp} are reshaping the job market in {city}",
                     "the shelter in {city} is looking for Spanish-English interpreters",
                     "talked to a family from {border} who had been walking for {nd} days",
                     "new study out on migration and wages in {country}, worth a read",
                     "is there an NGO in {city} that gives free legal advice to migrants?",
                     "local news says the flow through {border} dropped a lot this month",
                     "my Spanish teacher in {city} arrived from Venezuela {yrs} years ago and now runs her own school",
                     "the bus terminal in {city} was full of families with suitcases this morning"],
    "neutral_specific": [
        ("extracontinental", ["PA"], "met people from four continents at the reception station in Lajas Blancas today"),
        ("haitians", ["DO"], "the binational market in Dajabón was packed this morning"),
        ("central_americans", ["MX"], "the lines outside the refugee agency in Tapachula are still huge"),
    ],
    "neutral_slur": [],
    "neutral_close": ["", "", "", "Any tips appreciated.", "Thanks in advance.", "Sharing in case it helps someone."],
    "neutral_tags": ["#migration", "#refugees", "#{city_tag}", "#LatAm"],
    "off_body": ["power went out again in my neighbourhood in {city}", "grocery prices in {city} keep going up",
                 "heavy rain forecast for {city} tomorrow, stay safe", "traffic in {city} today was unreal",
                 "any recommendations for cheap lunch spots in central {city}?", "concert tickets for Saturday sold out in an hour",
                 "finally finished my thesis, going to sleep for a week", "{temp} degrees in {city} today, I'm melting",
                 "rent in {city} is getting ridiculous", "beautiful sunset over {city} tonight", "someone stole my bike outside the supermarket in {city}"],
    "off_football": ["what a match last night, {city}'s team was on fire", "{rival} vs the national team on {weekday}, can't wait",
                     "that referee should be banned for life"],
    "off_hate": ["women have no business talking about football", "the mayor of {city} is a corrupt rat, hope he rots in jail",
                 "politicians here are all parasites, every single one"],
    "off_close": ["", "", "Anyway.", "Classic.", "What a week."],
    "off_tags": ["#{city_tag}", "#football", "#weather"],
    "reply_open": {"hateful": ["Exactly.", "Spot on.", "This."], "counter": ["That's not true.", "Source?", "Not how it works:"],
                   "neutral": ["Good question.", "Same happened to me.", "Thanks for sharing."], "offtopic": ["Haha", "lol same", "Ugh,"],
                   "hateful_vs": ["Nonsense,", "You live in a bubble:", "Wrong,"],
                   "counter_ok": ["Exactly.", "Thank you for saying this.", "Well said."]},
    "pii": ["DM me or email {email} if you want to help.", "Call {phone} for the shelter.", "cc @{mention}", "Thanks @{mention} for the tip."],
    "tg_hate_prefix": ["🔴 ALERT"], "tg_info_prefix": ["📌 Info"],
}

EN_NEWS = {
    "topics": [
        {"countries": ["PA", "CO", "CR", "MX"],
         "titles": ["Migrant crossings through {border} shift again", "Inside the reception stations near {border}",
                    "Boats, jungle and shelters: the route through {border}"],
         "leads": ["Migrant movements through {border} changed again this month, according to local authorities and aid groups.",
                   "Reception stations near {border} are receiving families exhausted after days on the move.",
                   "Every morning boats leave with migrants continuing their journey from {border}."],
         "body": ["Among those arriving are children, elderly people and pregnant women.",
                  "Aid workers report dehydration, foot injuries and infections.",
                  "Some families say they are heading north; others are returning south.",
                  "Local communities have seen transport, food and lodging businesses grow.",
                  "International agencies warn of trafficking and extortion along the route.",
                  "Officials estimated that around {n} people passed through during the week."]},
        {"countries": ["DO"],
         "titles": ["Dominican Republic steps up deportations of Haitians", "Rights groups question deportation raids in {city}",
                    "Dajabón market reopens amid tensions at the border"],
         "leads": ["Dominican authorities carried out new immigration raids in {city} this week, according to official statements.",
                   "Human rights organizations called for due process guarantees during immigration operations in {city}.",
                   "The binational market in Dajabón reopened on {weekday} after several days of closure."],
         "body": ["Groups say some of those detained had regularization procedures under way.",
                  "Authorities say the operations comply with the law.",
                  "Relatives gathered outside immigration offices seeking information.",
                  "Haitian vendors and Dominican buyers depend on the market for their livelihoods.",
                  "Official figures put the number of people returned this month at around {n}."]},
        {"countries": ["CO", "PE", "EC", "CL", "BR", "AR"],
         "titles": ["How {country} is integrating Venezuelan migrants", "Regularization opens doors for {grp} in {city}",
                    "Study maps migrant workers in {city}"],
         "leads": ["Officials in {city} presented a local plan to integrate migrants into schools and clinics.",
                   "Thousands of {grp} in {country} have obtained temporary status in recent years.",
                   "A new study looks at how the {grp} living in {city} are finding work."],
         "body": ["Researchers found that many migrant workers have no contract or social security.",
                  "Professionals often cannot practise because their degrees are not recognized.",
                  "Formal status allows people to open bank accounts and sign leases.",
                  "The survey covered {n} households over the past year."]},
        {"countries": ["CR"],
         "titles": ["Nicaraguan workers keep Costa Rica's harvest going"],
         "leads": ["Coffee growers in northern Costa Rica say the harvest depends on seasonal workers from Nicaragua."],
         "body": ["Employers are calling for faster work permits.", "Many workers cross at Peñas Blancas every season.",
                  "Farm associations say there are not enough local workers for the harvest.",
                  "Workers' groups ask for better housing on the farms."]},
        {"countries": ["MX"],
         "titles": ["Asylum backlog grows in Tapachula"],
         "leads": ["Applications at the refugee agency office in Tapachula keep piling up, leaving thousands waiting in the city."],
         "body": ["Many applicants wait months for an appointment.", "Shelters in the city say they are running at full capacity.",
                  "Aid groups distribute food and water to those waiting in line.",
                  "Local businesses say the city's economy has adapted to the constant flow of people."]},
    ],
    "quotes": ["Most people just want to work and have their papers in order", "This is about people, not numbers",
               "We need more resources to reach every family", "Misinformation is turning into hostility"],
    "speakers": ["said a spokeswoman for a humanitarian group", "said a municipal official in {city}",
                 "said a researcher at a local university", "said the coordinator of a shelter in the area"],
    "background": ["{country} hosts one of the largest communities of {grp} in the region.",
                   "The region remains one of the busiest migration corridors in the hemisphere."],
    "closings": ["Authorities said they would release new figures next week.",
                 "The immigration authority did not respond to a request for comment.",
                 "Civil society groups called for more support in the area."],
    "myth_short": {m: "" for m in MYTHS},
    "fact_titles": ["Fact check: no, the {grp} are not behind a crime wave", "Fact check: the myth that the {grp} take local jobs",
                    "Fact check: claims that the {grp} overwhelm hospitals don't add up"],
    "fact_leads": ["A message circulating on social media claims that \"{claim}\".", "A widely shared video from {city} claims that \"{claim}\"."],
    "fact_verdict": ["The claim is false.", "It is a generalization with no basis in the data."],
    "fact_expert": ["Experts say generalizing from isolated cases fuels discrimination.", "Official records do not support the claim."],
    "fact_close": ["Check the source before sharing."],
    "campaign_titles": ["Anti-xenophobia campaign comes to {city}", "Journalists in {city} train on responsible migration coverage"],
    "campaign_body": ["The campaign will visit schools, universities and markets in {city} this month.",
                      "The workshop covered responsible language and the use of verified data when reporting on migration.",
                      "Organizers advised against terms such as \"illegals\" or \"invasion\" when writing about migrants.",
                      "\"No one is illegal; people have rights wherever they are,\" one of the organizers said."],
    "opinion_titles": ["Opinion: the border is out of control", "Opinion: {country} can't take everyone"],
    "opinion_open": ["It is time to say it plainly:", "Residents of {city} know it well:"],
    "opinion_extra": ["Authorities keep ignoring residents' complaints.", "Public services are getting worse every day."],
    "opinion_call": ["The border must be closed now.", "The country needs real immigration enforcement."],
    "off_topics": [
        {"titles": ["Heavy rain floods streets in {city}", "Storm warning issued for {city}"],
         "body": ["Heavy rain on {weekday} night left streets flooded and neighbourhoods without power in {city}.",
                  "Emergency services responded to dozens of calls about fallen trees.", "More rain is expected over the weekend.",
                  "No injuries were reported."]},
        {"titles": ["Food prices climb again in {country}", "Tourism season opens in {city}"],
         "body": ["Prices of rice, cooking oil and eggs rose again last month.", "Market vendors in {city} say sales are down.",
                  "Hotels report high occupancy for the coming weeks.", "Economists point to transport costs and the weather."]},
    ],
    "dateline": "{CITY} —",
}

EN_FACT_TITLE = {
    "crime_insecurity": "Fact check: no, the {grp} are not behind a crime wave",
    "jobs_wages": "Fact check: the myth that the {grp} take local jobs",
    "welfare_burden": "Fact check: claims that the {grp} overwhelm hospitals don't add up",
    "disease": "Fact check: no evidence that the {grp} spread disease",
    "invasion_numbers": "Fact check: there is no \"invasion\" of {grp}",
    "no_contribution": "Fact check: the {grp} do contribute to the economy",
    "culture_integration": "Fact check: the claim that the {grp} refuse to integrate",
    "illegality_fake_refugees": "Fact check: the \"fake refugees\" myth",
    "remittances_drain": "Fact check: do remittances drain the economy?",
    "regularization_pull": "Fact check: does regularization attract more migrants?",
}

FR = {
    "local": {},
    "hate_open": ["Il faut le dire :", "Tout le monde le sait à {city} :", "", ""],
    "hate_claims": {
        "crime_insecurity": ["depuis l'arrivée des {grp}, l'insécurité explose à {city}"],
        "jobs_wages": ["les {grp} travaillent pour rien et les {locals} n'ont plus de travail"],
        "welfare_burden": ["les {grp} profitent des soins gratuits pendant que les {locals} attendent"],
        "disease": ["personne ne contrôle si les {grp} qui passent par {border} sont malades"],
        "invasion_numbers": ["ce n'est plus de la migration, c'est une invasion de {grp}"],
        "no_contribution": ["les {grp} n'apportent rien au pays"],
        "culture_integration": ["les {grp} ne s'intègrent pas et ne font aucun effort"],
        "illegality_fake_refugees": ["ce ne sont pas des réfugiés, ce sont des {grp} qui cherchent à vivre gratuitement"],
        "remittances_drain": ["les {grp} envoient tout leur argent au pays"],
        "regularization_pull": ["chaque régularisation attire encore plus de {grp}"],
    },
    "hate_specific": [],
    "hate_generic": ["qu'on renvoie les {grp} chez eux", "fermez la frontière, on ne veut plus de {grp}"],
    "hate_detail": ["Les médias n'en parlent jamais.", "Et le gouvernement ne fait rien.", ""],
    "hate_close": ["Ça suffit.", "Fermez la frontière.", ""],
    "hate_also": ["Et pareil pour les {grp2}."],
    "hate_tags": ["#FrontièreFermée"],
    "counter_open": ["Parlons faits.", "Ce mythe circule encore.", "Avant de partager :", "Non, c'est faux.", "Rappel :",
                     "Je suis bénévole dans un centre d'accueil à {city} :", "", "", ""],
    "counter_rebut": {
        "crime_insecurity": ["aucune étude sérieuse ne montre que les {grp} commettent plus de délits que les {locals}",
                             "un délit est commis par une personne, pas par une nationalité"],
        "jobs_wages": ["les {grp} occupent souvent des emplois que personne ne veut et beaucoup créent leur entreprise",
                       "les {grp} font tourner les chantiers et les récoltes"],
        "welfare_burden": ["soigner une femme enceinte ou un enfant est un droit humain, pas un privilège",
                           "les {grp} paient des impôts à chaque achat, comme tout le monde"],
        "disease": ["rien ne prouve que les {grp} apportent des maladies ; la vaccination protège tout le monde"],
        "invasion_numbers": ["les {grp} sont une petite minorité ; parler d'invasion, c'est semer la peur"],
        "no_contribution": ["les {grp} paient un loyer, consomment et travaillent : ils contribuent à l'économie de {city}"],
        "culture_integration": ["l'intégration prend du temps, et elle est plus facile sans discrimination"],
        "illegality_fake_refugees": ["demander l'asile est un droit, pas un crime", "aucun être humain n'est illégal"],
        "remittances_drain": ["l'argent envoyé à la famille vient d'un salaire déjà gagné et dépensé ici"],
        "regularization_pull": ["régulariser les personnes déjà présentes, c'est plus de sécurité pour tous"],
    },
    "counter_specific": [
        ("haitians", None, ["DO"], "les expulsions massives qui séparent des familles violent les droits humains"),
        ("haitians", "jobs_wages", ["DO"], "les travailleurs haïtiens construisent les immeubles et récoltent le riz de ce pays"),
    ],
    "counter_general": ["personne n'est illégal", "migrer n'est pas un crime", "derrière chaque migrant il y a une famille et une histoire",
                        "la xénophobie ne rend personne plus en sécurité", "stop aux discours de haine contre les {grp}",
                        "si vous voyez un message haineux, signalez-le au lieu de le partager"],
    "counter_slur": [],
    "counter_close": ["Vérifiez avant de partager.", "Plus d'empathie, moins de haine.", "", ""],
    "counter_tags": ["#NonÀLaXénophobie", "#PersonneNestIllégal", "#Solidarité"],
    "neutral_open": ["", "", "", "Info :", "Question :", "À partager :", "Depuis {city} :"],
    "neutral_body": ["les files d'attente devant le consulat à {city} sont de plus en plus longues",
                     "quelqu'un sait combien de temps prend le renouvellement du passeport haïtien à {city} ?",
                     "encore des rapatriements par {border} cette semaine, selon la radio",
                     "beaucoup de familles haïtiennes à {city} attendent toujours leur titre de séjour",
                     "une association propose des cours de langue gratuits pour les nouveaux arrivants à {city}",
                     "réunion d'information sur les démarches migratoires {weekday} à {city}",
                     "le centre d'accueil de {city} cherche des bénévoles qui parlent créole",
                     "reportage intéressant sur les {grp} installés à {city} depuis {yrs} ans",
                     "quelqu'un connaît une association à {city} qui aide pour les papiers ?"],
    "neutral_specific": [
        ("haitians", ["DO"], "le marché binational de Dajabón a rouvert ce matin"),
        ("extracontinental", ["PA"], "au centre d'accueil de Lajas Blancas, des familles venues de plusieurs continents attendent"),
    ],
    "neutral_slur": [],
    "neutral_close": ["", "", "Merci d'avance.", "Partagez si ça peut aider."],
    "neutral_tags": ["#migration", "#Haïti", "#{city_tag}"],
    "off_body": ["encore une coupure de courant dans mon quartier à {city}", "les prix à l'épicerie ont encore augmenté",
                 "quelle chaleur aujourd'hui à {city}, {temp} degrés", "grosse pluie prévue demain à {city}, soyez prudents",
                 "j'ai enfin fini mon mémoire, je vais dormir une semaine", "magnifique coucher de soleil ce soir à {city}",
                 "les loyers à {city} deviennent impossibles"],
    "off_football": ["quel match hier soir, incroyable", "l'arbitre d'hier devrait être suspendu à vie"],
    "off_hate": ["les femmes n'ont rien à faire en politique, qu'elles restent à la maison",
                 "le maire de {city} est un rat corrompu, qu'il pourrisse en prison"],
    "off_close": ["", "", "Bref.", "Bonne journée à tous."],
    "off_tags": ["#{city_tag}"],
    "reply_open": {"hateful": ["Exactement."], "counter": ["C'est faux.", "Source ?", "Pas du tout :"],
                   "neutral": ["Bonne question.", "Merci pour l'info."], "offtopic": ["Haha", "Pareil ici."],
                   "hateful_vs": ["N'importe quoi,"], "counter_ok": ["Exactement.", "Merci de le rappeler."]},
    "pii": ["Contact : {email}.", "Appelez le {phone} pour plus d'informations.", "Merci @{mention} pour l'info."],
    "tg_hate_prefix": ["🔴 ALERTE"], "tg_info_prefix": ["📌 Info"],
}

FR_NEWS = {
    "topics": [
        {"countries": ["DO"],
         "titles": ["République dominicaine : nouvelle vague d'expulsions d'Haïtiens", "Expulsions : des organisations dénoncent des abus à {border}",
                    "Le marché binational de Dajabón rouvre ses portes"],
         "leads": ["Les autorités dominicaines ont mené de nouvelles opérations migratoires à {city} cette semaine.",
                   "Des organisations de défense des droits humains dénoncent des abus lors des rapatriements par {border}.",
                   "Le marché binational de Dajabón a rouvert {weekday} après plusieurs jours de fermeture."],
         "body": ["Selon ces organisations, certaines personnes arrêtées avaient une demande de régularisation en cours.",
                  "Les autorités assurent que les opérations respectent la loi.",
                  "Des familles se sont rassemblées devant les bureaux de l'immigration pour obtenir des nouvelles.",
                  "Commerçants haïtiens et acheteurs dominicains dépendent de ce marché.",
                  "Selon les chiffres officiels, environ {n} personnes ont été renvoyées ce mois-ci."]},
        {"countries": ["CL", "BR", "MX"],
         "titles": ["La communauté haïtienne de {city} face aux démarches administratives",
                    "À {city}, des migrants haïtiens attendent leurs papiers"],
         "leads": ["À {city}, une association aide les nouveaux arrivants haïtiens à remplir leurs démarches.",
                   "Des milliers de migrants haïtiens installés à {city} attendent toujours leur titre de séjour."],
         "body": ["Beaucoup travaillent dans la construction, le commerce ou l'agriculture.",
                  "Les associations réclament des délais plus courts.",
                  "Des cours de langue gratuits sont proposés le samedi.",
                  "Les familles disent que sans papiers il est difficile de louer un logement."]},
        {"countries": ["PA", "CO"],
         "titles": ["Le Darién, route de tous les dangers", "Au Darién, les centres d'accueil débordés"],
         "leads": ["Le passage par la jungle du Darién reste l'une des routes migratoires les plus dangereuses du continent.",
                   "Les centres d'accueil proches du Darién reçoivent des familles épuisées après des jours de marche."],
         "body": ["Les humanitaires signalent des cas de déshydratation et de blessures.",
                  "Parmi les personnes arrivées figurent de nombreux enfants.",
                  "Certaines familles remontent vers le nord, d'autres redescendent vers le sud.",
                  "Les organisations internationales alertent sur les risques d'extorsion sur la route."]},
    ],
    "quotes": ["La plupart des gens veulent simplement travailler", "Ce sont des personnes, pas des chiffres",
               "Nous manquons de moyens pour aider toutes les familles"],
    "speakers": ["a déclaré une responsable d'une organisation humanitaire", "a expliqué un chercheur d'une université locale",
                 "a confié le coordinateur d'un centre d'accueil"],
    "background": ["La région est l'un des principaux couloirs migratoires du continent.",
                   "La communauté haïtienne de {city} s'est agrandie ces dernières années."],
    "closings": ["Les autorités doivent publier un nouveau bilan la semaine prochaine.",
                 "Les organisations de la société civile demandent davantage de soutien."],
    "myth_short": {m: "" for m in MYTHS},
    "fact_titles": ["Vérification : non, les {grp} ne sont pas responsables de l'insécurité"],
    "fact_leads": ["Un message qui circule sur les réseaux sociaux affirme que « {claim} »."],
    "fact_verdict": ["C'est faux.", "Il s'agit d'une généralisation sans fondement."],
    "fact_expert": ["Les spécialistes rappellent que généraliser à partir de cas isolés nourrit la discrimination."],
    "fact_close": ["Vérifiez la source avant de partager."],
    "campaign_titles": ["Une campagne contre la xénophobie arrive à {city}"],
    "campaign_body": ["La campagne passera par les écoles et les marchés de {city} ce mois-ci.",
                      "Les organisateurs recommandent d'éviter les mots « illégaux » ou « invasion » pour parler des migrants.",
                      "« Personne n'est illégal », a rappelé une organisatrice."],
    "opinion_titles": [], "opinion_open": [], "opinion_extra": [], "opinion_call": [],
    "off_topics": [
        {"titles": ["Fortes pluies à {city}", "Alerte aux orages à {city}"],
         "body": ["De fortes pluies ont inondé plusieurs quartiers de {city} {weekday} soir.", "Aucun blessé n'a été signalé.",
                  "Les services d'urgence sont intervenus pour des arbres tombés.", "D'autres averses sont attendues ce week-end."]},
        {"titles": ["Hausse des prix alimentaires à {city}", "Le panier de la ménagère coûte plus cher à {city}"],
         "body": ["Le prix du riz et de l'huile a encore augmenté le mois dernier.", "Les commerçants constatent une baisse des ventes.",
                  "Les économistes évoquent le coût du transport.", "Les familles se tournent vers les marchés de gros."]},
    ],
    "dateline": "{CITY} —",
}
FR_FACT_TITLE = {
    "crime_insecurity": "Vérification : non, les {grp} ne sont pas responsables de l'insécurité",
    "jobs_wages": "Vérification : les {grp} ne volent pas les emplois",
    "welfare_burden": "Vérification : les {grp} ne saturent pas les hôpitaux",
    "disease": "Vérification : aucune preuve que les {grp} propagent des maladies",
    "invasion_numbers": "Vérification : il n'y a pas d'« invasion » de {grp}",
    "no_contribution": "Vérification : les {grp} contribuent bien à l'économie",
    "culture_integration": "Vérification : le mythe du refus d'intégration",
    "illegality_fake_refugees": "Vérification : le mythe des « faux réfugiés »",
    "remittances_drain": "Vérification : les transferts d'argent ne ruinent pas l'économie",
    "regularization_pull": "Vérification : la régularisation n'attire pas plus de migrants",
}

HT = {
    "local": {},
    "hate_open": [""], "hate_claims": {m: [] for m in MYTHS}, "hate_specific": [], "hate_generic": [],
    "hate_detail": [""], "hate_close": [""], "hate_also": [], "hate_tags": [],
    "counter_open": ["Mezanmi,", "Frè m ak sè m yo,", "Tanpri li sa:", "Atansyon:", "Se pa vre!", "", "", ""],
    "counter_rebut": {
        "crime_insecurity": ["se pa tout imigran ki kriminèl; se yon moun ki fè yon krim, pa yon nasyon",
                             "pifò {grp} nan {city} se moun k ap travay di chak jou"],
        "jobs_wages": ["{grp} fè travay anpil lòt moun pa vle fè, nan jaden ak nan chantye",
                       "se travayè ayisyen ki bati anpil kay ak lekòl nan {country}"],
        "welfare_burden": ["yon fanm ansent ki al lopital pa vòlè anyen, se dwa li", "imigran yo peye taks chak fwa yo achte yon bagay"],
        "disease": ["pa gen prèv ki montre imigran pote maladi; vaksen pwoteje tout moun"],
        "invasion_numbers": ["pa gen okenn envazyon; se moun k ap chèche yon lavi miyò"],
        "no_contribution": ["imigran yo peye lwaye, yo achte manje, yo peye taks: yo kontribye nan ekonomi an"],
        "culture_integration": ["kilti pa nou ak kilti peyi a ka viv ansanm"],
        "illegality_fake_refugees": ["mande azil se yon dwa, se pa yon krim", "pèsonn pa ilegal, nou tout se moun"],
        "remittances_drain": ["lajan nou voye lakay soti nan travay nou, epi nou depanse isit la tou"],
        "regularization_pull": ["lè moun gen papye, tout moun pi an sekirite"],
    },
    "counter_specific": [
        ("haitians", None, ["DO"], "depòte moun san respè, separe fanmi, se vyole dwa moun"),
        ("haitians", None, ["DO"], "timoun ki fèt isit la gen dwa pou yo al lekòl"),
    ],
    "counter_general": ["nou se moun, nou pa kriminèl", "pa kite rasis divize nou",
                        "nou mande respè pou dwa moun tout kote, ni pou Ayisyen ni pou Dominiken",
                        "si w wè yon mesaj rayisman, pa pataje l", "nou la pou n travay, pa pou n fè dezòd",
                        "ann sipòte youn lòt nan moman difisil sa a"],
    "counter_slur": [],
    "counter_close": ["Kenbe fèm.", "Ann ede youn lòt.", "Tanpri pataje.", "Bondye avè nou.", "", ""],
    "counter_tags": ["#NouSeMoun", "#DwaMoun", "#StopRasis", "#Ayiti"],
    "neutral_open": ["", "", "", "Bonjou tout moun,", "Atansyon!", "Enfòmasyon enpòtan:", "Kesyon:", "Tanpri pataje:"],
    "neutral_body": ["èske gen moun ki konnen kijan pou m renouvle paspò m nan konsila a nan {city}?",
                     "anpil fanmi ayisyen nan {city} ap tann rezilta demand rezidans yo",
                     "gen yon jounen vaksinasyon gratis pou timoun yo {weekday} a nan {city}",
                     "mwen travay nan konstriksyon depi {yrs} an isit la, men papye m poko pare",
                     "legliz la ap ofri kou lang gratis pou moun ki fèk rive nan {city}",
                     "yo di konsila a ap bay randevou sou entènèt kounye a",
                     "pri lwaye a monte anpil nan {city}, li difisil pou fanmi yo",
                     "anpil Ayisyen nan {city} ap travay nan agrikilti ak konstriksyon",
                     "ki moun ki konnen yon òganizasyon nan {city} ki ka ede ak papye?",
                     "fwontyè a te fèmen pandan {nd} jou, kounye a li louvri ankò",
                     "imigrasyon te fè yon operasyon nan katye a yè swa, anpil moun te pè"],
    "neutral_specific": [
        ("haitians", ["DO"], "mache binasyonal Dajabón an te plen moun maten an"),
        ("haitians", ["DO"], "radyo a di anpil kamyon imigrasyon te pase Dajabón jodi a"),
        ("haitians", ["CL"], "anpil Ayisyen nan Santiago ap tann rezidans yo depi plizyè mwa"),
        ("haitians", ["BR"], "nan Chapecó anpil Ayisyen ap travay nan faktori vyann yo"),
    ],
    "neutral_slur": [],
    "neutral_close": ["", "", "Mèsi davans.", "Tanpri pataje.", "Nou la!"],
    "neutral_tags": ["#Ayiti", "#KominoteAyisyen", "#{city_tag}"],
    "off_body": ["lapli ap tonbe depi maten an nan {city}", "pri diri ak lwil monte ankò, sa pa fasil",
                 "kiyès ki konnen yon bon kwafè nan {city}?", "bon fèt manman m jodi a, Bondye beni l",
                 "konsè konpa a samdi a te cho anpil!", "mwen fin prepare yon bon diri ak pwa kole pou fanmi an",
                 "li fè cho anpil jodi a nan {city}, {temp} degre", "kouran an ale ankò nan katye a",
                 "mwen fin etid mwen, kounye a se dòmi m pral dòmi"],
    "off_football": ["match la te bèl anpil yè swa, Ayiti jwe byen!", "Grenadye yo ap jwe kont {rival} {weekday} a, mwen pare!"],
    "off_hate": ["politisyen sa yo se vòlè, yo pa vo anyen", "fanm pa gen plas nan politik, se nan kuizin yo dwe rete"],
    "off_close": ["", "", "Bondye bon.", "Bon jounen tout moun."],
    "off_tags": ["#Ayiti", "#{city_tag}"],
    "reply_open": {"hateful": ["Se vre."], "counter": ["Se pa vre.", "Sa se manti:"],
                   "neutral": ["Bon kesyon.", "Mèsi pou enfòmasyon an."], "offtopic": ["Hahaha", "Menm bagay la isit la."],
                   "hateful_vs": ["Se pa vre,"], "counter_ok": ["Se sa menm.", "Mèsi paske w di sa."]},
    "pii": ["Rele m nan {phone} si w bezwen èd.", "Ekri nou nan {email}.", "@{mention} gade sa.", "Mèsi @{mention} pou enfòmasyon an."],
    "tg_hate_prefix": ["🔴"], "tg_info_prefix": ["📌 Enfòmasyon", "📢 Avi"],
}

HT_NEWS = {
    "topics": [
        {"countries": ["DO"],
         "titles": ["Depòtasyon: anpil fanmi ayisyen separe nan {city}", "Nouvo operasyon imigrasyon nan {city}"],
         "leads": ["Plizyè fanmi ayisyen nan {city} di yo separe apre operasyon imigrasyon semèn sa a.",
                   "Imigrasyon te fè nouvo operasyon nan {city} semèn sa a, dapre plizyè temwen."],
         "body": ["Òganizasyon dwa moun yo mande otorite yo respekte dwa moun yo.",
                  "Plizyè paran di yo pa konnen ki kote yo mennen manm fanmi yo.",
                  "Dapre òganizasyon yo, plis pase {n} moun te depòte nan mwa sa a.",
                  "Yon avoka volontè ap bay konsèy gratis pou fanmi yo."]},
        {"countries": None,
         "titles": ["Konsila a louvri nouvo biwo pou paspò", "Kominote ayisyen an nan {city} ap chèche papye"],
         "leads": ["Konsila ayisyen an anonse li pral bay randevou pou paspò chak {weekday}.",
                   "Anpil fanmi ayisyen nan {city} ap tann rezilta demand rezidans yo depi plizyè mwa."],
         "body": ["Pou jwenn randevou, moun yo dwe pote batistè ak yon foto.",
                  "Anpil moun di yo tann plizyè mwa pou yon randevou.",
                  "Yon avoka volontè ap bay konsèy gratis pou fanmi yo.",
                  "Òganizasyon kominotè yo ap ede moun ranpli fòm yo."]},
    ],
    "quotes": ["Nou se moun, nou merite respè", "Nou vle travay ak papye an règ"],
    "speakers": ["yon responsab òganizasyon kominote a di", "yon manman ki t ap tann devan biwo imigrasyon an di"],
    "background": ["Kominote ayisyen an nan {city} grandi anpil nan dènye ane yo."],
    "closings": ["N ap swiv sitiyasyon an.", "Pou plis enfòmasyon, kontakte òganizasyon kominotè yo."],
    "myth_short": {m: "" for m in MYTHS}, "fact_titles": [], "fact_leads": [], "fact_verdict": [], "fact_expert": [],
    "fact_close": [],
    "campaign_titles": ["Kanpay kont rasis rive nan {city}"],
    "campaign_body": ["Kanpay la pral pase nan lekòl ak mache nan {city} pandan tout mwa a.",
                      "Òganizatè yo di objektif la se reponn mesaj rayisman ak bon enfòmasyon.",
                      "«Pèsonn pa ilegal, nou tout se moun», youn nan òganizatè yo di."],
    "opinion_titles": [], "opinion_open": [], "opinion_extra": [], "opinion_call": [],
    "off_topics": [
        {"titles": ["Gwo lapli nan {city}"],
         "body": ["Gwo lapli {weekday} swa a inonde plizyè katye nan {city}.", "Pa gen moun ki blese.",
                  "Kouran an te koupe pandan plizyè èdtan.", "Yo anonse plis lapli pou wikenn nan."]},
        {"titles": ["Pri manje monte ankò", "Lavi a chè nan {city}"],
         "body": ["Pri diri ak lwil monte ankò mwa sa a.", "Machann yo di yo pa vann anpil.",
                  "Fanmi yo ap chèche mache ki pi bon mache.", "Pri transpò a monte tou."]},
    ],
    "dateline": "{CITY} —",
}

# Short tails that name the group when a neutral or counter post would otherwise leave it implicit.
GROUP_TAILS = {
    "es": {"neutral": ["Pregunto sobre todo por las familias de {grp} del barrio.", "Lo comento porque en {city} viven muchos {grp}.",
                       "Muchos {grp} de la zona están pendientes de esto.", "Les interesa sobre todo a los {grp} que llegaron hace poco."],
           "counter": ["Va por mis vecinos {grp}.", "Un abrazo a los {grp} que leen estos comentarios.",
                       "Fuerza a los {grp} que están lejos de casa.", "Los {grp} también son parte de {city}."]},
    "pt": {"neutral": ["Muitos {grp} da região estão de olho nisso.", "Pergunto porque em {city} vivem muitos {grp}."],
           "counter": ["Um abraço aos {grp} que leem esses comentários.", "Força para os {grp} que estão longe de casa."]},
    "en": {"neutral": ["A lot of {grp} here are following this closely."],
           "counter": ["Solidarity with the {grp} reading this.", "The {grp} in {city} are our neighbours."]},
    "fr": {"neutral": ["Beaucoup de {grp} suivent ça de près."],
           "counter": ["Solidarité avec les {grp} qui lisent ces commentaires."]},
    "ht": {"neutral": ["{grp} ap swiv sa depi maten."], "counter": ["Nou kanpe ak {grp}.", "Kouraj pou {grp} ki lwen lakay."]},
}

BANKS = {"es": ES, "pt": PT, "en": EN, "fr": FR, "ht": HT}
NEWS_BANKS = {"es": ES_NEWS, "pt": PT_NEWS, "en": EN_NEWS, "fr": FR_NEWS, "ht": HT_NEWS}
_collect_vocab([BANKS, NEWS_BANKS])

RIVALS = {"es": RIVALS_ES,
          "pt": ["a Venezuela", "a Bolívia", "o Paraguai", "a Colômbia", "o Peru", "a Argentina"],
          "en": ["Venezuela", "Bolivia", "Haiti", "Nicaragua", "Honduras", "Jamaica"],
          "fr": ["le Venezuela", "la Jamaïque"],
          "ht": ["Jamayik", "Trinite", "Kiba", "Kosta Rika", "Nikaragwa"]}
HARD_NEGATIVE_RIVALS = ("Vinotinto", "Venezuela", "boliviana", "Bolívia", "Bolivia", "Haití", "Haiti", "Ayiti",
                        "Nicaragua", "Nikaragwa", "Honduras", "Cuba", "Kiba")


# =========================================================================== spikes
# Four deliberate, invented events that the trend and spike views should surface.

SPIKES = [
    {"id": "cl_crime", "n": 105, "country": "CL", "start": date(2026, 3, 9), "days": 7, "peak": 1,
     "sp": "Estación Central",
     "cities": {"Santiago": 70, "Arica": 8, "Iquique": 8, "Antofagasta": 8, "Valparaíso": 6},
     "platforms": {"x": 32, "facebook": 22, "telegram": 12, "youtube": 12, "news": 14, "reddit": 4,
                   "bluesky": 2, "mastodon": 2},
     "langs": {"es": 1},
     "kinds": {"hateful": 60, "counter": 20, "neutral": 20},
     "targets": {"venezuelans": 90, "migrants": 10},
     "myths": {"crime_insecurity": 85, "illegality_fake_refugees": 8, "invasion_numbers": 7},
     "lines": {"es": {
         "hateful": ["Lo de {sp} es la gota que rebalsó el vaso.",
                     "Después de lo que pasó en {sp}, que nadie me venga con que no hay que generalizar.",
                     "Otro asalto en {sp} y otra vez lo mismo.", "¿Vieron el video de {sp}? Eso es Chile hoy.",
                     "Lo de anoche en {sp} no puede quedar impune."],
         "counter": ["Tras el asalto en {sp}, las redes se llenaron de mensajes contra todos los venezolanos. Eso no es justicia.",
                     "El caso de {sp} lo investiga la fiscalía; culpar a una comunidad entera no ayuda a nadie.",
                     "Lo de {sp} es terrible, y justamente por eso no hay que usarlo para odiar a toda una comunidad."],
         "neutral": ["La fiscalía sigue investigando el asalto en {sp} y aún no hay detenidos.",
                     "Vecinos de {sp} convocaron a una reunión de seguridad con el municipio.",
                     "El municipio anunció más iluminación y patrullajes en {sp} tras el asalto."]}},
     "news": {"es": {
         "titles": ["Fiscalía investiga violento asalto en {sp}", "Vecinos de {sp} piden más seguridad tras asalto",
                    "Tras el asalto en {sp}, crecen los mensajes de odio en redes"],
         "leads": ["La fiscalía investiga un violento asalto ocurrido la noche del {weekday} en {sp}, en Santiago.",
                   "Vecinos de {sp} se reunieron con autoridades municipales para pedir más seguridad tras el asalto de esta semana.",
                   "Tras el asalto en {sp}, las redes sociales se llenaron de mensajes contra la comunidad venezolana."],
         "body": ["Hasta el momento no hay personas detenidas y la investigación sigue abierta.",
                  "La policía revisa las cámaras de seguridad de la zona.",
                  "En redes circularon mensajes que culpan a la comunidad venezolana sin que exista información oficial sobre los responsables.",
                  "El municipio anunció más iluminación y patrullajes en el sector.",
                  "Organizaciones de migrantes condenaron el hecho y pidieron no estigmatizar a toda una comunidad.",
                  "Especialistas advierten que los mensajes de odio suelen multiplicarse tras los hechos de alta exposición mediática."]}}},
    {"id": "do_deport", "n": 120, "country": "DO", "start": date(2025, 10, 13), "days": 10, "peak": 2,
     "sp": "Dajabón",
     "cities": {"Santo Domingo": 40, "Dajabón": 20, "Santiago de los Caballeros": 15, "Elías Piña": 8, "Jimaní": 6,
                "Higüey": 6, "Punta Cana": 5},
     "platforms": {"x": 28, "facebook": 25, "news": 18, "youtube": 12, "telegram": 10, "reddit": 3, "bluesky": 2,
                   "mastodon": 2},
     "langs": {"es": 82, "ht": 10, "en": 4, "fr": 4},
     "kinds": {"hateful": 52, "counter": 20, "neutral": 28},
     "targets": {"haitians": 100},
     "myths": {"invasion_numbers": 30, "illegality_fake_refugees": 30, "welfare_burden": 20, "crime_insecurity": 10,
               "jobs_wages": 10},
     "lines": {
         "es": {"hateful": ["Que sigan los operativos hasta que no quede uno.", "Por fin el gobierno hace algo con la frontera.",
                            "Camiones llenos y todavía faltan miles.", "Que los operativos lleguen a todos los barrios, no solo a {city}.",
                            "Esta semana se vio que sí se puede."],
                "counter": ["Los operativos de esta semana están separando familias: deportar no puede ser sinónimo de atropellar.",
                            "En los operativos están deteniendo a gente con papeles en trámite; eso hay que denunciarlo.",
                            "Detrás de cada camión de migración de esta semana hay familias, niños y trabajadores."],
                "neutral": ["Esta semana se vieron varios camiones de migración saliendo hacia Dajabón y Elías Piña.",
                            "Organizaciones de derechos humanos habilitaron una línea de orientación para familias afectadas por los operativos.",
                            "El mercado binacional de Dajabón funcionó a media capacidad por los operativos."]},
         "ht": {"neutral": ["Operasyon imigrasyon yo kontinye nan tout peyi a semèn sa a.",
                            "Anpil kamyon imigrasyon pase Dajabón semèn sa a."],
                "counter": ["Anpil fanmi separe apre depòtasyon semèn sa a.",
                            "Si yo arete yon moun nan fanmi w, rele òganizasyon dwa moun yo."]},
         "en": {"neutral": ["Deportation raids continued across the country this week."],
                "counter": ["This week's raids are separating families."]},
         "fr": {"neutral": ["Les opérations migratoires se poursuivent cette semaine dans tout le pays."],
                "counter": ["Les opérations de cette semaine séparent des familles."]}},
     "news": {"es": {
         "titles": ["Gobierno intensifica operativos migratorios en todo el país", "Nueva ola de deportaciones: lo que se sabe",
                    "Organizaciones denuncian separación de familias en operativos", "Dajabón, bajo presión por los operativos migratorios"],
         "leads": ["Las autoridades migratorias intensificaron esta semana los operativos de control en {city} y otras provincias.",
                   "Cientos de personas fueron trasladadas hacia {sp} y Elías Piña en los últimos días, según fuentes oficiales.",
                   "Organizaciones de derechos humanos denunciaron que los operativos de esta semana separaron a varias familias."],
         "body": ["Las autoridades aseguran que los procedimientos se realizan conforme a la ley.",
                  "Entre los detenidos hay personas con trámites de regularización en curso, según abogados voluntarios.",
                  "El mercado binacional de Dajabón funcionó con menos actividad de lo habitual.",
                  "Empresarios de la construcción y del agro advirtieron sobre la falta de mano de obra.",
                  "Según cifras oficiales, en lo que va de la semana fueron trasladadas unas {n} personas.",
                  "Familiares de los detenidos se concentraron frente a las oficinas de migración para pedir información."]},
              "en": {
         "titles": ["Dominican Republic steps up deportations of Haitians", "Deportation drive strains border town of {sp}"],
         "leads": ["Dominican authorities stepped up immigration raids across the country this week.",
                   "Hundreds of people were taken to the border at {sp} in recent days, according to official sources."],
         "body": ["Rights groups say families were separated during the raids.",
                  "Authorities say the operations comply with the law.",
                  "Construction and farm employers warned of labour shortages.",
                  "Official figures put the number of people returned this week at around {n}."]},
              "fr": {
         "titles": ["République dominicaine : nouvelle vague d'expulsions d'Haïtiens"],
         "leads": ["Les autorités dominicaines ont intensifié cette semaine les opérations migratoires dans tout le pays."],
         "body": ["Des organisations dénoncent des séparations de familles.", "Les autorités assurent que les opérations respectent la loi.",
                  "Environ {n} personnes ont été renvoyées cette semaine, selon les chiffres officiels."]}}},
    {"id": "cr_nica", "n": 75, "country": "CR", "start": date(2026, 6, 15), "days": 7, "peak": 1,
     "sp": "Upala",
     "cities": {"San José": 35, "Upala": 25, "Los Chiles": 10, "Liberia": 10, "Alajuela": 10, "Heredia": 10},
     "platforms": {"facebook": 35, "x": 20, "youtube": 15, "news": 15, "reddit": 6, "telegram": 5, "bluesky": 2,
                   "mastodon": 2},
     "langs": {"es": 1},
     "kinds": {"hateful": 50, "counter": 25, "neutral": 25},
     "targets": {"nicaraguans": 100},
     "myths": {"welfare_burden": 50, "jobs_wages": 25, "crime_insecurity": 15, "illegality_fake_refugees": 10},
     "lines": {"es": {
         "hateful": ["¿Vieron el video de la fila en el EBAIS de {sp}? Eso es lo que pasa.", "Lo del EBAIS de {sp} lo dice todo.",
                     "Y todavía quieren que la Caja pague todo."],
         "counter": ["El video del EBAIS de {sp} se está usando para atacar a los nicaragüenses, pero los que hacen fila también cotizan.",
                     "Los nicaragüenses recogen el café, construyen y cuidan; la Caja también se sostiene con su trabajo.",
                     "Lo que muestra el video de {sp} es falta de personal en la Caja, no culpa de los nicaragüenses."],
         "neutral": ["La discusión sobre el aseguramiento de trabajadores migrantes llegó esta semana a la Asamblea Legislativa.",
                     "El video de la fila en el EBAIS de {sp} ya tiene miles de reproducciones.",
                     "La Caja anunció que revisará los horarios del EBAIS de {sp}."]}},
     "news": {"es": {
         "titles": ["Video de fila en EBAIS de {sp} desata debate sobre atención a migrantes",
                    "Caja revisará la atención en la zona norte tras video viral",
                    "Diputados discuten aseguramiento de trabajadores migrantes"],
         "leads": ["Un video que muestra una larga fila en el EBAIS de {sp} desató esta semana un debate sobre la atención a población migrante.",
                   "La Caja anunció que revisará la atención en los centros de salud de la zona norte tras la difusión de un video.",
                   "Diputados discutieron esta semana un proyecto sobre el aseguramiento de trabajadores migrantes."],
         "body": ["El video acumuló miles de reproducciones en pocos días.",
                  "Autoridades de salud explicaron que la zona tiene falta de personal desde hace meses.",
                  "Organizaciones de trabajadores agrícolas recordaron que muchos nicaragüenses cotizan a la seguridad social.",
                  "En redes sociales se multiplicaron los comentarios contra la comunidad nicaragüense.",
                  "Productores de la zona norte advirtieron que la cosecha depende de la mano de obra migrante."]}}},
    {"id": "pa_darien", "n": 70, "country": "PA", "start": date(2025, 8, 18), "days": 7, "peak": 2,
     "sp": "Puerto Obaldía",
     "cities": {"Ciudad de Panamá": 30, "Metetí": 20, "Yaviza": 10, "Puerto Obaldía": 15, "Colón": 5, "Chepo": 5},
     "platforms": {"news": 62, "x": 14, "facebook": 10, "youtube": 8, "bluesky": 3, "mastodon": 3},
     "langs": {"es": 70, "en": 30},
     "kinds": {"neutral": 75, "counter": 10, "hateful": 15},
     "targets": {"migrants": 35, "venezuelans": 35, "extracontinental": 20, "haitians": 5, "cubans": 5},
     "myths": {"invasion_numbers": 35, "disease": 25, "illegality_fake_refugees": 30, "crime_insecurity": 10},
     "lines": {
         "es": {"hateful": ["Otra semana récord en el Darién y el gobierno sin hacer nada.",
                            "Panamá no puede seguir siendo el pasillo de todo el mundo."],
                "counter": ["Los que cruzan el Darién esta semana son familias con niños; merecen un trato digno.",
                            "Las estaciones de recepción están al límite: lo que hace falta es ayuda, no odio."],
                "neutral": ["El flujo de migrantes por el Darién y la costa de Guna Yala se disparó esta semana.",
                            "Las estaciones de recepción de Lajas Blancas reportan su mayor ocupación del año."]},
         "en": {"neutral": ["Crossings through the Darién jumped this week.",
                            "Reception stations near the Darién report their highest occupancy this year."],
                "counter": ["The families crossing the Darién this week deserve dignity, not hate."],
                "hateful": ["Another record week in the Darién and nobody does anything."]}},
     "news": {"es": {
         "titles": ["Repunte del tránsito migratorio por el Darién", "Estaciones de recepción al límite por llegada de migrantes",
                    "Lanchas con migrantes zarpan desde {sp} hacia el sur", "Darién: autoridades reportan el mayor flujo del año"],
         "leads": ["Las autoridades reportaron esta semana un aumento repentino del número de personas que atraviesan el Darién.",
                   "Las estaciones de recepción migratoria de Lajas Blancas y San Vicente operan por encima de su capacidad.",
                   "Cada madrugada zarpan desde {sp} embarcaciones con migrantes que regresan hacia el sur."],
         "body": ["Entre los recién llegados hay muchas familias con niños pequeños.",
                  "Los equipos de salud atienden casos de deshidratación, diarrea y heridas.",
                  "Las autoridades estiman que unas {n} personas llegaron en los últimos tres días.",
                  "Organismos humanitarios pidieron reforzar la asistencia en las comunidades de Bajo Chiquito y Metetí.",
                  "Algunas personas relataron que fueron víctimas de robos en la selva.",
                  "Los operadores de lanchas elevaron sus tarifas ante la demanda."]},
              "en": {
         "titles": ["Darién crossings surge again", "Reception centres near the Darién overflow", "Boats carry migrants south from {sp}"],
         "leads": ["Authorities reported a sudden rise this week in the number of people crossing the Darién.",
                   "Migrant reception stations at Lajas Blancas and San Vicente are operating above capacity.",
                   "Every dawn, boats leave {sp} carrying migrants heading back south."],
         "body": ["Many of the new arrivals are families with small children.",
                  "Health teams are treating dehydration, diarrhoea and injuries.",
                  "Officials estimate that around {n} people arrived in the past three days.",
                  "Aid agencies called for more support in Bajo Chiquito and Metetí.",
                  "Boat operators raised their fares as demand grew."]}}},
]


# =========================================================================== platforms

INSTANCES = {"es": ["mastodon.demo.invalid", "social.latam.demo.invalid", "masto.andes.demo.invalid"],
             "pt": ["bolha.demo.invalid", "mastodon.br.demo.invalid"],
             "en": ["mastodon.demo.invalid", "mstdn.caribe.demo.invalid"],
             "fr": ["mastodon.demo.invalid", "mstdn.caribe.demo.invalid"],
             "ht": ["mstdn.caribe.demo.invalid"]}
MASTO_TAGS = {"es": ["migración", "migrantes", "XenofobiaCero", "refugiados", "frontera", "DerechosHumanos"],
              "pt": ["migração", "imigrantes", "refugiados", "xenofobia"],
              "en": ["migration", "refugees", "LatAm", "Haiti"],
              "fr": ["migrants", "Haïti"], "ht": ["Ayiti", "migran"]}
SEARCH_TERMS = {"es": ["migrantes", "frontera", "xenofobia", "refugio", "deportación", "extranjeros", "#XenofobiaCero"],
                "pt": ["imigrantes", "refugiados", "xenofobia", "fronteira"],
                "en": ["migrants", "Darién", "deportation", "refugees"],
                "fr": ["migrants", "Haïtiens", "expulsions"], "ht": ["depòtasyon", "imigrasyon", "Ayisyen"]}
SUBREDDITS = {"CO": "r/Colombia", "PE": "r/PERU", "CL": "r/chile", "EC": "r/ecuador", "AR": "r/argentina",
              "BR": "r/brasil", "DO": "r/Dominican", "CR": "r/costa_rica", "PA": "r/Panama", "MX": "r/mexico"}
YT_CHANNELS = {"es": ["Noticiero Frontera TV", "Canal 24 {country}", "{city} en Vivo", "Debate Ciudadano TV"],
               "pt": ["Roraima Agora TV", "Jornal da Fronteira TV", "{city} Ao Vivo"],
               "en": ["LatAm Report", "Border Stories"], "fr": ["Diaspora Info TV"],
               "ht": ["Radyo Tele Kominote", "Ayiti Dyaspora TV"]}
FB_SOURCES = {
    "es": {"neutral": ["Vecinos de {city} (grupo público)", "{city} Informa", "Noticias de {city} al Día",
                       "Migrantes en {country}: trámites y ayuda"],
           "counter": ["Comunidad solidaria de {city}", "Migrantes en {country}: trámites y ayuda", "Vecinos de {city} (grupo público)"],
           "hateful": ["Ciudadanos de {city} por la seguridad", "Vecinos de {city} (grupo público)", "{country} Primero"],
           "offtopic": ["Vecinos de {city} (grupo público)", "{city} Informa", "Compra y venta {city}"]},
    "pt": {"neutral": ["Moradores de {city}", "{city} Notícias", "Imigrantes no Brasil: ajuda e documentos"],
           "counter": ["Rede Solidária {city}", "Imigrantes no Brasil: ajuda e documentos"],
           "hateful": ["Moradores de {city}", "Brasil Alerta Total"],
           "offtopic": ["Moradores de {city}", "{city} Notícias"]},
    "en": {k: ["Expats in {city}", "{city} Expat Community"] for k in ("neutral", "counter", "hateful", "offtopic")},
    "fr": {k: ["Haïtiens de {city}", "Diaspora haïtienne – {city}"] for k in ("neutral", "counter", "hateful", "offtopic")},
    "ht": {k: ["Ayisyen nan {city}", "Kominote Ayisyen {country}"] for k in ("neutral", "counter", "hateful", "offtopic")},
}
TG_CHANNELS = {  # (name, slug, tone)
    "es": [("Migración al Día {cc}", "migracionaldia_{cc}", "info"), ("Alerta Ciudadana {country}", "alertaciudadana_{cc}", "hate"),
           ("Red Solidaria {country}", "redsolidaria_{cc}", "community")],
    "pt": [("Migração Informa BR", "migracaoinforma_br", "info"), ("Alerta Brasil Real", "alertabrasilreal", "hate"),
           ("Rede Acolhe", "redeacolhe_br", "community")],
    "en": [("LatAm Migration Updates", "latammigration", "info"), ("Darién Watch", "darienwatch", "community")],
    "fr": [("Info Diaspora Haïtienne", "infodiaspora_{cc}", "info")],
    "ht": [("Kominote Ayisyen {country}", "kominoteayisyen_{cc}", "community"), ("Enfo Imigrasyon", "enfoimigrasyon_{cc}", "info")],
}
OUTLETS = {
    "es": {"CO": ["El Heraldo de la Frontera", "Diario Nororiente", "Crónica Andina", "Pulso Caribe"],
           "PE": ["Diario La Costa Norte", "El Observador del Rímac", "Noticias del Sur Andino"],
           "CL": ["La Voz de Tarapacá", "Diario Pampa Norte", "El Puerto Informa"],
           "EC": ["El Observador del Pacífico", "Diario Sierra Norte"],
           "AR": ["La Gaceta del Plata", "Diario Norte Andino", "El Eco del Conurbano"],
           "DO": ["El Noticiero del Cibao", "Diario La Línea Noroeste", "Hoy en Quisqueya"],
           "CR": ["La Voz del Norte", "Semanario Meseta Central"],
           "PA": ["Crónica del Istmo", "Darién Hoy", "El Canal Informa"],
           "MX": ["Diario Frontera Sur", "Noticias del Suchiate", "El Correo del Norte"]},
    "pt": {"BR": ["Folha da Fronteira", "Jornal do Lavrado", "Correio Paulistano Hoje", "Gazeta do Oeste Catarinense",
                  "Diário da Amazônia Norte"]},
    "en": {"DO": ["Hispaniola Herald", "Caribbean Migration Monitor"], "PA": ["The Isthmus Report", "Caribbean Migration Monitor"],
           "CR": ["The Isthmus Report"], "MX": ["The Isthmus Report", "Border Lines Weekly"],
           "CO": ["Andean Dispatch"], "PE": ["Andean Dispatch"], "EC": ["Andean Dispatch"],
           "BR": ["Southern Cone Review"], "CL": ["Southern Cone Review"], "AR": ["Southern Cone Review"]},
    "fr": {c: ["Le Courrier des Caraïbes", "Info Hispaniola", "La Gazette de l'Île"] for c in COUNTRIES},
    "ht": {c: ["Nouvèl Kominote", "Vwa Dyaspora", "Radyo Lakay Online"] for c in COUNTRIES},
}
FRINGE_OUTLETS = {"es": {"CO": "La Trinchera Patriota", "PE": "Perú Alerta", "CL": "Chile Soberano Hoy", "EC": "Ecuador Firme",
                         "AR": "La Patria Informa", "DO": "Alerta Nacional RD", "CR": "La Voz Tica", "PA": "Istmo Soberano",
                         "MX": "Alerta Sur"},
                  "pt": {"BR": "Alerta Brasil Hoje"}, "en": {c: "Border Truth Daily" for c in COUNTRIES}}
SECTIONS = {"es": {"neutral": ["migracion", "sociedad", "region"], "counter": ["verificacion", "opinion"],
                   "hateful": ["opinion", "columnas"], "offtopic": ["deportes", "clima", "economia", "cultura"]},
            "pt": {"neutral": ["migracao", "cotidiano"], "counter": ["checagem", "opiniao"], "hateful": ["opiniao"],
                   "offtopic": ["esportes", "clima", "economia"]},
            "en": {"neutral": ["migration", "region"], "counter": ["fact-check", "opinion"], "hateful": ["opinion"],
                   "offtopic": ["weather", "business"]},
            "fr": {"neutral": ["migrations", "monde"], "counter": ["verification"], "hateful": ["opinion"],
                   "offtopic": ["meteo", "economie"]},
            "ht": {"neutral": ["kominote"], "counter": ["kominote"], "hateful": ["opinyon"], "offtopic": ["lavi"]}}

NAME_STEMS = {
    "es": ["maria", "juan", "carlos", "ana", "luis", "sofia", "andres", "camila", "jose", "valen", "diego", "paola", "jorge",
           "dani", "miguel", "lucia", "pedro", "caro", "rafa", "gabi", "oscar", "marce", "felipe", "nati", "wilmer", "yuleisy",
           "yorman", "dayana", "keila", "brayan", "mafe", "juanca", "lore", "nico", "fer", "pao", "tato", "chelo", "yeni", "kary"],
    "pt": ["joao", "ana", "lucas", "mari", "pedro", "julia", "rafa", "bia", "thiago", "lari", "gabriel", "fer", "matheus",
           "cami", "bruno", "leti", "duda", "vini", "gui", "carol"],
    "en": ["mike", "sarah", "james", "emma", "chris", "liv", "dan", "kate", "tom", "jess"],
    "fr": ["jean", "marie", "pierre", "rose", "fabienne", "stephanie", "jocelyn", "nadege"],
    "ht": ["wilner", "nadege", "jameson", "widline", "kervens", "mirlande", "ricardo", "fabienne", "jean", "rose", "lovely",
           "peterson"],
}
SYLLABLES = ["ka", "lo", "mi", "ra", "ne", "ti", "so", "la", "vi", "da", "re", "no", "ma", "lu", "be", "to", "ya", "ri"]

BR_DDD = {"São Paulo": "11", "Boa Vista": "95", "Pacaraima": "95", "Manaus": "92", "Rio de Janeiro": "21",
          "Curitiba": "41", "Porto Alegre": "51", "Florianópolis": "48", "Chapecó": "49", "Belo Horizonte": "31",
          "Brasília": "61", "Cuiabá": "65", "Recife": "81"}


def phone_number(rng: random.Random, country: str, city: str | None) -> str:
    d4 = f"{rng.randrange(10000):04d}"
    intl = rng.random() < 0.6
    if country == "CO":
        pre = f"3{rng.randint(0, 2)}{rng.randint(0, 9)}"
        return f"+57 {pre} 555 {d4}" if intl else f"{pre} 555 {d4}"
    if country == "PE":
        return f"+51 9{rng.randint(10, 99)} 555 {d4[:3]}" if intl else f"9{rng.randint(10, 99)} 555 {d4[:3]}"
    if country == "CL":
        return f"+56 9 555{rng.randint(0, 9)} {d4}" if intl else f"9 555{rng.randint(0, 9)} {d4}"
    if country == "EC":
        return f"+593 9{rng.randint(5, 9)} 555 {d4}" if intl else f"09{rng.randint(5, 9)} 555 {d4}"
    if country == "AR":
        return f"+54 9 11 5555-{d4}" if intl else f"11 5555-{d4}"
    if country == "BR":
        ddd = BR_DDD.get(city or "", "11")
        return f"+55 {ddd} 9555{rng.randint(0, 9)}-{d4}" if intl else f"({ddd}) 9555{rng.randint(0, 9)}-{d4}"
    if country == "DO":
        area = pick(rng, ["809", "829", "849"])
        return f"+1 {area} 555 {d4}" if intl else f"({area}) 555-{d4}"
    if country == "CR":
        return f"+506 8555 {d4}" if intl else f"8555-{d4}"
    if country == "PA":
        return f"+507 6555-{d4}" if intl else f"6555-{d4}"
    return f"+52 962 555 {d4}" if intl else f"962 555 {d4}"   # MX (Tapachula area code)


B32_SORT = "234567abcdefghijklmnopqrstuvwxyz"
YT_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
B36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def rand_str(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(alphabet[rng.randrange(len(alphabet))] for _ in range(n))


def bsky_tid(rng: random.Random, utc: datetime) -> str:
    value = (int(utc.timestamp() * 1_000_000) + rng.randrange(1_000_000)) << 10 | rng.randrange(1024)
    out = ""
    for _ in range(13):
        out = B32_SORT[value & 31] + out
        value >>= 5
    return out


class Platforms:
    """Per-platform identity machinery: handles, ids, urls, sources, threads."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.handles: dict[tuple[str, str], list[str]] = {}
        self.all_handles: set[str] = set()
        self.used_ids: dict[str, set[str]] = {}
        self.tg_counter: dict[str, int] = {}
        self.outlet_counter: dict[str, int] = {}
        self.threads: dict[str, list[tuple[datetime, str]]] = {}   # reddit sub / youtube channel -> threads

    # ---- people
    def new_handle(self, lang: str) -> str:
        rng = self.rng
        while True:
            if rng.random() < 0.7:
                base = pick(rng, NAME_STEMS[lang])
                if rng.random() < 0.5:
                    base += pick(rng, ["", "_"]) + pick(rng, "abcdefghijlmnoprstvz")
            else:
                base = "".join(pick(rng, SYLLABLES) for _ in range(rng.randint(2, 3)))
            sep = pick(rng, ["", "_", "_", ""])
            digits = str(rng.randint(1, 99)) if rng.random() < 0.5 else str(rng.randint(1960, 2007))
            handle = f"{base}{sep}{digits}" if rng.random() < 0.85 else f"{base}{sep}{pick(rng, SYLLABLES)}"
            if handle not in self.all_handles:
                self.all_handles.add(handle)
                return handle

    def author(self, platform: str, lang: str) -> str:
        pool = self.handles.setdefault((platform, lang), [])
        if pool and self.rng.random() < 0.35:
            # prolific accounts: the first ones created are reused more often
            idx = min(int(self.rng.paretovariate(1.1)) - 1, len(pool) - 1)
            return pool[idx]
        name = self.new_handle(lang)
        pool.append(name)
        return name

    def unique(self, platform: str, make) -> str:
        used = self.used_ids.setdefault(platform, set())
        while True:
            value = make()
            if value not in used:
                used.add(value)
                return value

    def thread_for(self, key: str, utc: datetime, make_id, keep_hours: float) -> str:
        """Reuse a recent thread (video, submission) or open a new one shortly before `utc`."""
        threads = self.threads.setdefault(key, [])
        recent = [t for t in threads if timedelta(0) < utc - t[0] <= timedelta(hours=keep_hours)]
        if recent and self.rng.random() < 0.55:
            return pick(self.rng, recent)[1]
        opened = utc - timedelta(minutes=self.rng.randint(20, 600))
        tid = make_id()
        threads.append((opened, tid))
        return tid


# =========================================================================== text builders

FLAGS = {"CO": "🇨🇴", "PE": "🇵🇪", "CL": "🇨🇱", "EC": "🇪🇨", "AR": "🇦🇷", "BR": "🇧🇷", "DO": "🇩🇴", "CR": "🇨🇷",
         "PA": "🇵🇦", "MX": "🇲🇽"}
EMOJI = {"hateful": ["😡", "🤬", "👎", "🚫", "😤", "🙄", "🤮"],
         "counter": ["❤️", "🤝", "🌎", "✊", "💪", "🫶", "🕊️"],
         "neutral": ["📢", "📌", "🗞️", "🙏", "👉", "📍"],
         "offtopic": ["😂", "⚽", "🌧️", "🔥", "😅", "🙄", "☀️", "😩"]}
TAG_P = {"x": 0.45, "facebook": 0.25, "mastodon": 0.75, "bluesky": 0.3, "telegram": 0.3, "reddit": 0.0, "youtube": 0.1}
EMOJI_P = {"x": 0.35, "facebook": 0.45, "mastodon": 0.15, "bluesky": 0.25, "telegram": 0.4, "reddit": 0.03, "youtube": 0.45}
MAX_LEN = {"x": 280, "youtube": 420, "bluesky": 300}


def weighted_city(rng: random.Random, country: str) -> str:
    return wpick(rng, dict(CITIES[country]))


def make_ctx(rng: random.Random, lang: str, country: str, city: str, target: str | None, target2: str | None,
             kind: str, local: datetime, spike: dict | None, flags: dict) -> Ctx:
    groups = GROUPS[lang]
    plain = groups[target] if target else groups["migrants"]
    grp = plain
    slur = SLURS.get((country, target)) if lang == "es" and target else None
    if lang == "es" and kind == "hateful" and target:
        grp = HATE_GROUP_ES.get(target, grp)
        if slur and rng.random() < 0.35:
            grp = slur
            flags["slur_hate"] = True
    others = [c for c, _ in CITIES[country] if c != city] or [city]
    borders = BORDERS.get(lang, {}).get(country) or BORDERS["es"].get(country) or [city]
    locals_ = LOCALS.get(lang, {}).get(country) or LOCALS["es"][country]
    if lang == "pt":
        prog_list = PROGRAMMES["BR"]
    elif lang == "es":
        prog_list = PROGRAMMES.get(country, PROGRAMMES["CO"])
    else:
        prog_list = ["regularization"]
    team = pick(rng, TEAMS_ES.get(country, ["la selección"]))
    rivals = [r for r in RIVALS[lang] if r.lower() not in team.lower()]
    ctx = Ctx(
        grp=grp, grp_plain=plain, grp2=groups[target2] if target2 else groups["migrants"],
        city=city, city2=pick(rng, others), border=pick(rng, borders),
        dest=pick(rng, [c for c in others if c not in ("Boa Vista", "Pacaraima")] or others),
        country=COUNTRY_NAME[lang][country], locals=locals_, locals_sg=LOCALS_SG_ES.get(country, ""),
        locals_tag=tagify(LOCALS["es"][country]), prog=pick(rng, prog_list),
        health=pick(rng, HEALTH.get(country, ["el hospital"])),
        yrs=rng.randint(2, 12), n=pick(rng, [rng.randint(3, 95) * 10, rng.randint(25, 400), rng.randint(2, 19) * 50]),
        nd=rng.randint(2, 15), nm=rng.randint(2, 14), nh=rng.randint(2, 9), temp=rng.randint(29, 39),
        age=rng.randint(80, 99), weekday=WEEKDAYS[lang][local.weekday()], team=team, team_t=cap(team),
        rival=pick(rng, rivals), slur=slur or plain, slur_sg=SLUR_SG.get(slur or "", plain),
        city_tag=tagify(city), sp=(spike or {}).get("sp", city), CITY=city.upper(), cc=country.lower(),
    )
    return ctx


def hate_claim(rng: random.Random, lang: str, target: str | None, myth: str, country: str) -> str:
    bank = BANKS[lang]
    specific = [t for (tg, my, cs, t) in bank["hate_specific"]
                if tg == target and my == myth and (cs is None or country in cs)]
    if specific and rng.random() < 0.4:
        return pick(rng, specific)
    pool = bank["hate_claims"].get(myth) or []
    if not pool:
        pool = BANKS["es"]["hate_claims"][myth] if lang == "es" else bank["hate_generic"]
    return pick(rng, pool)


def social_text(rng: random.Random, lang: str, kind: str, offhate: bool, platform: str, ctx: Ctx,
                country: str, target: str | None, target2: str | None, myths: list[str], spike: dict | None,
                tg_tone: str, flags: dict, reply: bool = False) -> str:
    """A post or comment; a reply gets no opener of its own (the caller adds a reply opener)."""
    bank = BANKS[lang]

    def opt(p: float) -> bool:
        return rng.random() < p

    parts: list[tuple[str, bool]] = []   # (text, essential)
    spike_lines = (spike or {}).get("lines", {}).get(lang, {}).get(kind, []) if spike else []
    sp_line = fill(pick(rng, spike_lines), ctx) if spike_lines and opt(0.75) else None
    short = platform in ("x", "youtube")

    if kind == "hateful":
        local = bank["local"].get(country)
        if local and not reply and opt(0.15):
            parts.append((pick(rng, local), False))
        if not reply and opt(0.7):
            parts.append((pick(rng, bank["hate_open"]), False))
        if sp_line and opt(0.5):
            parts.append((sp_line, True))
            sp_line = None
        claims = [hate_claim(rng, lang, target, m, country) for m in myths] or [pick(rng, bank["hate_generic"])]
        for claim in claims:
            parts.append((end_sentence(claim, pick(rng, [".", ".", ".", "!", "!!", "..."])), True))
        if target2 and bank["hate_also"]:
            parts.append((pick(rng, bank["hate_also"]), True))
        if opt(0.15 if short else 0.35):
            parts.append((pick(rng, bank["hate_detail"]), False))
        if sp_line:
            parts.append((sp_line, True))
        if opt(0.6):
            parts.append((pick(rng, bank["hate_close"]), False))
        tag_pool = bank["hate_tags"]
    elif kind == "counter":
        if not reply and opt(0.6):
            parts.append((pick(rng, bank["counter_open"]), False))
        if sp_line and opt(0.5):
            parts.append((sp_line, True))
            sp_line = None
        if myths:
            m = myths[0]
            specific = [t for (tg, my, cs, t) in bank["counter_specific"]
                        if tg == target and my == m and (cs is None or country in cs)]
            pool = bank["counter_rebut"].get(m) or bank["counter_general"]
            first = pick(rng, specific) if specific and opt(0.4) else pick(rng, pool)
            parts.append((end_sentence(first), True))
            if opt(0.1 if short else 0.3):
                second = pick(rng, pool)
                if second != first:
                    parts.append((end_sentence(second), False))
        else:
            slur = SLURS.get((country, target)) if lang == "es" else None
            if slur and bank["counter_slur"] and opt(0.35):
                parts.append((end_sentence(pick(rng, bank["counter_slur"])), True))
                flags["slur_quote"] = True
            else:
                specific = [t for (tg, my, cs, t) in bank["counter_specific"]
                            if tg == target and my is None and (cs is None or country in cs)]
                line = pick(rng, specific) if specific and opt(0.35) else pick(rng, bank["counter_general"])
                parts.append((end_sentence(line), True))
            if opt(0.1 if short else 0.3):
                extra = end_sentence(pick(rng, bank["counter_general"]))
                if all(fill(extra, ctx) != fill(t, ctx) for t, _ in parts):
                    parts.append((extra, False))
        if sp_line:
            parts.append((sp_line, True))
        if opt(0.5):
            parts.append((pick(rng, bank["counter_close"]), False))
        tag_pool = bank["counter_tags"]
    elif kind == "neutral":
        local = bank["local"].get(country)
        if reply:
            pass
        elif local and opt(0.08):
            parts.append((pick(rng, local), False))
        elif opt(0.45):
            parts.append((pick(rng, bank["neutral_open"]), False))
        if sp_line and opt(0.5):
            parts.append((sp_line, True))
            sp_line = None
        specific = [t for (tg, cs, t) in bank["neutral_specific"] if tg == target and (cs is None or country in cs)]
        if lang == "es" and (country, target) == ("CR", "nicaraguans") and opt(0.3):
            line = pick(rng, bank["neutral_slur"])
            flags["slur_neutral"] = True
        elif specific and opt(0.35):
            line = pick(rng, specific)
        else:
            line = pick(rng, bank["neutral_body"])
        parts.append((end_sentence(line), True))
        if opt(0.1 if short else 0.3):
            other = pick(rng, bank["neutral_body"])
            if other != line:
                parts.append((end_sentence(other), False))
        if sp_line:
            parts.append((sp_line, True))
        if opt(0.45):
            parts.append((pick(rng, bank["neutral_close"]), False))
        tag_pool = bank["neutral_tags"]
    else:  # off-topic
        if offhate:
            line = pick(rng, bank["off_hate"])
        elif bank["off_football"] and opt(0.25):
            line = pick(rng, bank["off_football"])
            if any(h in fill(line, ctx) for h in HARD_NEGATIVE_RIVALS):
                flags["hard_negative"] = True
        else:
            line = pick(rng, bank["off_body"])
        parts.append((end_sentence(line, pick(rng, [".", ".", "!", "..."])), True))
        if not offhate and opt(0.15):
            other = pick(rng, bank["off_body"])
            if other != line:
                parts.append((end_sentence(other), False))
        if opt(0.4):
            parts.append((pick(rng, bank["off_close"]), False))
        tag_pool = [] if offhate else bank["off_tags"]

    if kind in ("neutral", "counter") and target and target != "migrants" and opt(0.6):
        said = fold(" ".join(fill(t, ctx) for t, _ in parts))
        if not TARGET_RE[target].search(said):
            tail = (pick(rng, GROUP_TAILS[lang][kind]), False)
            closes = bank["neutral_close"] + bank["counter_close"]
            pos = len(parts) - 1 if parts and parts[-1][0] in closes and len(parts) > 1 else len(parts)
            parts.insert(pos, tail)

    if platform == "telegram":
        prefix = None
        if kind == "hateful" and tg_tone == "hate" and opt(0.6):
            prefix = pick(rng, bank["tg_hate_prefix"]) + ":"
        elif kind in ("neutral", "counter") and opt(0.5):
            prefix = pick(rng, bank["tg_info_prefix"]) + ":"
        if prefix:
            if parts and not parts[0][1]:
                parts[0] = (prefix, False)      # the channel's label replaces the opener
            else:
                parts.insert(0, (prefix, False))

    tags: list[str] = []
    tag_p = TAG_P[platform] + (0.15 if kind == "counter" and platform != "reddit" else 0.0)
    if tag_pool and opt(tag_p):
        for _ in range(rng.randint(1, 3)):
            tag = fill(pick(rng, tag_pool), ctx)
            if tag not in tags:
                tags.append(tag)
    emojis = ""
    if opt(EMOJI_P[platform]):
        pool = EMOJI[kind] + ([FLAGS[country]] if kind == "hateful" else [])
        emojis = "".join(pick(rng, pool) for _ in range(rng.randint(1, 3)))

    def render(items: list[tuple[str, bool]], tag_list: list[str]) -> str:
        text = join_parts([fill(t, ctx) for t, _ in items])
        if tag_list:
            text += " " + " ".join(tag_list)
        if emojis:
            text += " " + emojis
        return fix_grammar(text, lang)

    text = render(parts, tags)
    limit = MAX_LEN.get(platform)
    while limit and len(text) > limit:
        if tags:
            tags.pop()
        else:
            optional = [i for i, (_, essential) in enumerate(parts) if not essential]
            if not optional:
                break
            parts.pop(optional[-1])
        text = render(parts, tags)
    return text


def quote_sentence(lang: str, q: str, speaker: str) -> str:
    if lang == "en":
        return f"\u201c{q},\u201d {speaker}."
    if lang == "fr":
        return f"« {q} », {speaker}."
    return f"«{q}», {speaker}."


def news_article(rng: random.Random, lang: str, kind: str, ctx: Ctx, country: str, target: str | None,
                 myths: list[str], spike: dict | None) -> tuple[str, str, list[str]]:
    """(title, text, myths actually carried by the text)."""
    nb = NEWS_BANKS[lang]
    used_myths: list[str] = []
    plain = Ctx(ctx)
    plain["grp"] = ctx["grp_plain"]
    if kind == "neutral":
        sp_news = (spike or {}).get("news", {}).get(lang) if spike else None
        if sp_news and rng.random() < 0.85:
            topic = sp_news
        else:
            topics = [t for t in nb["topics"] if t["countries"] is None or country in t["countries"]] or nb["topics"]
            topic = pick(rng, topics)
        ti = rng.randrange(len(topic["titles"]))
        title = topic["titles"][ti]
        lead = topic["leads"][ti] if ti < len(topic["leads"]) and rng.random() < 0.9 else pick(rng, topic["leads"])
        body = rng.sample(topic["body"], k=min(len(topic["body"]), rng.randint(2, 3)))
        sents = [lead] + body
        if rng.random() < 0.55:
            q = quote_sentence(lang, pick(rng, nb["quotes"]), pick(rng, nb["speakers"]))
            sents.insert(rng.randint(1, len(sents)), q)
        if rng.random() < 0.35:
            sents.append(pick(rng, nb["background"]))
        if rng.random() < 0.45 or len(sents) < 3:
            sents.append(pick(rng, nb["closings"]))
        sents = sents[:6]
    elif kind == "counter":
        m = myths[0] if myths else None
        claims_ok = m and BANKS[lang]["hate_claims"].get(m) and nb["fact_leads"]
        if claims_ok:
            if lang == "en":
                title = EN_FACT_TITLE[m]
            elif lang == "fr":
                title = FR_FACT_TITLE[m]
            else:
                title = pick(rng, nb["fact_titles"]).replace("{myth}", nb["myth_short"][m])
            claim = fill(hate_claim(rng, lang, target, m, country), plain)
            rebut = BANKS[lang]["counter_rebut"][m]
            sents = [pick(rng, nb["fact_leads"]).replace("{claim}", claim), pick(rng, nb["fact_verdict"])]
            sents += [cap(end_sentence(r)) for r in rng.sample(rebut, k=min(len(rebut), rng.randint(1, 2)))]
            sents.append(pick(rng, nb["fact_expert"]))
            if rng.random() < 0.5:
                sents.append(pick(rng, nb["fact_close"]))
            used_myths = [m]
        else:
            title = pick(rng, nb["campaign_titles"])
            sents = rng.sample(nb["campaign_body"], k=min(len(nb["campaign_body"]), rng.randint(3, 4)))
            if rng.random() < 0.4:
                sents.insert(1, quote_sentence(lang, pick(rng, nb["quotes"]), pick(rng, nb["speakers"])))
        sents = sents[:6]
    elif kind == "hateful":
        title = pick(rng, nb["opinion_titles"])
        claims = [hate_claim(rng, lang, target, m, country) for m in myths] or \
                 [pick(rng, BANKS[lang]["hate_generic"])]
        sents = [pick(rng, nb["opinion_open"]) + " " + end_sentence(claims[0])]
        sents += [cap(end_sentence(c)) for c in claims[1:]]
        sents.append(pick(rng, nb["opinion_extra"]))
        if rng.random() < 0.5:
            sents.append(pick(rng, [e for e in nb["opinion_extra"] if e != sents[-1]]))
        sents.append(pick(rng, nb["opinion_call"]))
        used_myths = list(myths)
    else:
        topic = pick(rng, nb["off_topics"])
        title = pick(rng, topic["titles"])
        sents = rng.sample(topic["body"], k=min(len(topic["body"]), rng.randint(3, 4)))
    sents = [cap(end_sentence(fill(s, plain))) for s in sents]
    if rng.random() < 0.35:
        sents[0] = fill(nb["dateline"], plain) + " " + sents[0]
    title = fix_grammar(cap(fill(title, plain)), lang)
    return title, fix_grammar(" ".join(sents), lang), used_myths


# Which groups a text actually names (accent-folded, lowercase), so `targets` follows the text.
TARGET_RE = {
    "venezuelans": r"venezol|venezuel|venezyel|\bvenec[oa]s?\b|maracaibo|\barep|tequen",
    "haitians": r"haiti|ayisy|ayiti",
    "nicaraguans": r"nicaragu|\bnicas?\b|pinoler|nikaragw",
    "colombians": r"colombian|kolonby",
    "bolivians": r"bolivian|\bbolitas?\b|bolivy",
    "peruvians": r"peruan|perucho|peruvi|pewouv",
    "cubans": r"\bcuban|\bcubain|\bkiben",
    "ecuadorians": r"ecuatorian|equatorian|ecuadorian|equatorien",
    "central_americans": r"centroamerican|centro-american|central american|centramericain|caravana|amerik santral",
    "extracontinental": r"african|asiatic|afriken|extracontinental|africain|asiatique|\basian",
    "migrants": r"migra|migran|extranjer|estrangeir|refugi|refugee|asylum|asilo|azil|caminante|etranje|etranger"
                r"|sans-papiers|foraneo|deport|depot|indocumentad|interioriz|en transito|in transit",
}
TARGET_RE = {k: re.compile(v) for k, v in TARGET_RE.items()}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def targets_for(kind: str, text: str, target: str | None, target2: str | None) -> list[str]:
    if kind == "offtopic" or not target:
        return []
    folded = fold(text)
    found = [t for t in (target, target2) if t and TARGET_RE[t].search(folded)]
    if found:
        return found
    if TARGET_RE["migrants"].search(folded):
        return ["migrants"]
    # hateful and counter posts often leave the group implicit ("que no quede uno"): keep the intended one
    return [target] if kind in ("hateful", "counter") else []


# =========================================================================== labels, engagement

def labels_for(rng: random.Random, kind: str, offhate: bool, is_news: bool, flags: dict) -> list[dict]:
    def score(lo: float, hi: float) -> float:
        return round(rng.uniform(lo, hi), 2)

    if kind == "hateful":
        hate = ("hateful", score(0.86, 0.99) if flags.get("slur_hate") else score(0.72, 0.99))
        mig = ("migration", score(0.85, 0.99))
    elif kind == "counter":
        hate = ("not_hateful", score(0.55, 0.74) if flags.get("slur_quote") else score(0.72, 0.96))
        mig = ("migration", score(0.84, 0.99))
    elif kind == "neutral":
        hate = ("not_hateful", score(0.56, 0.76) if flags.get("slur_neutral") else score(0.86, 0.99))
        mig = ("migration", score(0.9, 0.99) if is_news else score(0.8, 0.98))
    elif offhate:
        hate = ("hateful", score(0.7, 0.96))
        mig = ("not_migration", score(0.82, 0.99))
    else:
        hate = ("not_hateful", score(0.88, 0.99))
        mig = ("not_migration", score(0.55, 0.78) if flags.get("hard_negative") else score(0.84, 0.99))
    return [{"task": "hate", "label": hate[0], "score": hate[1], "model": MODEL, "model_version": MODEL_VERSION},
            {"task": "migration", "label": mig[0], "score": mig[1], "model": MODEL, "model_version": MODEL_VERSION}]


def engagement(rng: random.Random, platform: str, kind: str, offhate: bool, spike: bool) -> dict:
    def heavy(scale: float, cap_: int) -> int:
        return int(min(scale * (rng.paretovariate(1.25) - 1.0), cap_))

    boost = 1.5 if spike else 1.0
    share_boost = rng.uniform(1.2, 1.8) if (kind == "hateful" or offhate) else 1.0
    e = {"likes": None, "shares": None, "replies": None, "views": None}
    if platform == "news":
        return e
    if platform == "x":
        likes = heavy(6 * boost, 60000)
        e.update(likes=likes, shares=int(likes * rng.uniform(0.05, 0.35) * share_boost),
                 replies=int(likes * rng.uniform(0.03, 0.4)), views=int(likes * rng.uniform(25, 90)) + rng.randint(30, 400))
    elif platform == "facebook":
        likes = heavy(8 * boost, 40000)
        e.update(likes=likes, shares=int(likes * rng.uniform(0.05, 0.5) * share_boost),
                 replies=int(likes * rng.uniform(0.1, 0.6)))
    elif platform == "mastodon":
        likes = heavy(2 * boost, 3000)
        e.update(likes=likes, shares=int(likes * rng.uniform(0.1, 0.6) * share_boost), replies=int(likes * rng.uniform(0, 0.3)))
    elif platform == "bluesky":
        likes = heavy(3 * boost, 8000)
        e.update(likes=likes, shares=int(likes * rng.uniform(0.1, 0.5) * share_boost), replies=int(likes * rng.uniform(0, 0.3)))
    elif platform == "telegram":
        views = heavy(300 * boost, 400000) + rng.randint(50, 400)
        e.update(likes=int(views * rng.uniform(0.005, 0.04)), shares=int(views * rng.uniform(0.002, 0.03) * share_boost),
                 views=views)
    elif platform == "reddit":
        likes = heavy(5 * boost, 20000) + 1
        e.update(likes=likes, replies=int(likes * rng.uniform(0, 0.3)))
    elif platform == "youtube":
        likes = heavy(2.5 * boost, 15000)
        e.update(likes=likes, replies=int(likes * rng.uniform(0, 0.3)))
    return e


# =========================================================================== sampling

HOURS_SOCIAL = [2, 1, 1, 0.5, 0.5, 1, 2, 4, 5, 5, 5, 6, 7, 7, 6, 6, 6, 7, 8, 9, 9, 8, 6, 4]
HOURS_NEWS = [0.5, 0.3, 0.2, 0.2, 0.3, 1, 3, 6, 8, 8, 7, 6, 5, 5, 5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
DAYS = [START + timedelta(days=i) for i in range((END - START).days + 1)]


def _day_cum(news: bool) -> list[float]:
    acc, out = 0.0, []
    for d in DAYS:
        month_idx = (d.year - START.year) * 12 + d.month - START.month   # 0 .. 16
        w = 1.0 + 0.1 * month_idx                                        # more volume in recent months
        if d.weekday() >= 5:
            w *= 0.6 if news else 0.9
        acc += w
        out.append(acc)
    return out


DAY_CUM = {True: _day_cum(True), False: _day_cum(False)}


def local_time(rng: random.Random, country: str, place: str | None, day: date, news: bool) -> datetime:
    hour = rng.choices(range(24), weights=HOURS_NEWS if news else HOURS_SOCIAL)[0]
    local = datetime(day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60))
    offset = utc_offset_hours(country, place, local)
    return local.replace(tzinfo=timezone(timedelta(hours=offset)))


def sample_time(rng: random.Random, country: str, place: str | None, news: bool) -> datetime:
    while True:
        day = rng.choices(DAYS, cum_weights=DAY_CUM[news])[0]
        aware = local_time(rng, country, place, day, news)
        if UTC_START <= aware <= UTC_END:
            return aware


def target_weights(lang: str, country: str) -> dict:
    if lang in ("ht", "fr"):
        return {"haitians": 80, "migrants": 20}
    return TARGET_W[country]


def kind_weights(platform: str, lang: str, base: dict) -> dict:
    w = dict(base)
    if "hateful" in w:
        w["hateful"] *= LANG_HATE_FACTOR[lang]
        if platform == "news" and not NEWS_BANKS[lang]["opinion_titles"]:
            w["hateful"] = 0.0
    return w


def pick_myths(rng: random.Random, kind: str, weights: dict, two: float, none: float) -> list[str]:
    if kind == "hateful":
        r = rng.random()
        if r < none:
            return []
        first = wpick(rng, weights)
        if r < none + two:
            rest = {k: v for k, v in weights.items() if k != first}
            return [first, wpick(rng, rest)]
        return [first]
    if kind == "counter" and rng.random() < 0.55:
        return [wpick(rng, weights)]
    return []


def base_specs(rng: random.Random) -> list[dict]:
    specs = []
    for _ in range(N_BASE):
        platform = wpick(rng, PLATFORM_SHARE)
        lang = wpick(rng, PLATFORM_LANG[platform])
        country = wpick(rng, LANG_COUNTRY[lang])
        kind = wpick(rng, kind_weights(platform, lang, PLATFORM_KIND[platform]))
        offhate = kind == "offtopic" and platform != "news" and rng.random() < OFFTOPIC_HATE_SHARE
        place = weighted_city(rng, country) if rng.random() < (0.88 if platform == "news" else 0.8) else None
        target = target2 = None
        myths: list[str] = []
        if kind != "offtopic":
            tw = target_weights(lang, country)
            target = wpick(rng, tw)
            if kind == "hateful" and rng.random() < 0.07 and len(tw) > 1:
                target2 = wpick(rng, {k: v for k, v in tw.items() if k != target})
            myths = pick_myths(rng, kind, myth_weights(country), two=0.12, none=0.12)
        specs.append({"platform": platform, "lang": lang, "country": country, "kind": kind, "offhate": offhate,
                      "place": place, "target": target, "target2": target2, "myths": myths,
                      "dt": sample_time(rng, country, place, platform == "news"), "spike": None})
    return specs


SPIKE_NEWS_KINDS = {"neutral": 72, "counter": 18, "hateful": 10}


def spike_specs(rng: random.Random) -> list[dict]:
    specs = []
    for spike in SPIKES:
        day_w = {spike["start"] + timedelta(days=i): 1.0 / (1 + abs(i - spike["peak"])) ** 1.3
                 for i in range(spike["days"])}
        for _ in range(spike["n"]):
            platform = wpick(rng, spike["platforms"])
            lang = wpick(rng, spike["langs"])
            base = SPIKE_NEWS_KINDS if platform == "news" else spike["kinds"]   # the press mostly reports
            kind = wpick(rng, kind_weights(platform, lang, base))
            place = wpick(rng, spike["cities"]) if rng.random() < 0.85 else None
            target = wpick(rng, spike["targets"])
            myths = pick_myths(rng, kind, spike["myths"], two=0.1, none=0.05)
            if kind == "counter" and not myths and rng.random() < 0.4:
                myths = [wpick(rng, spike["myths"])]
            day = wpick(rng, day_w)
            specs.append({"platform": platform, "lang": lang, "country": spike["country"], "kind": kind,
                          "offhate": False, "place": place, "target": target, "target2": None, "myths": myths,
                          "dt": local_time(rng, spike["country"], place, day, platform == "news"), "spike": spike})
    return specs


# =========================================================================== assembly

REPLY_PLATFORMS = ("x", "facebook", "mastodon", "bluesky", "reddit", "youtube")
REPLY_PREF = {"counter": {"hateful": 6, "neutral": 1, "counter": 1}, "hateful": {"counter": 2, "hateful": 3, "neutral": 2},
              "neutral": {"neutral": 4, "counter": 1}, "offtopic": {"offtopic": 1}}


def search_term(rng: random.Random, lang: str, target: str | None) -> str:
    if target and rng.random() < 0.5:
        return GROUPS[lang][target].replace(" yo", "")
    return pick(rng, SEARCH_TERMS[lang])


def generate() -> list[dict]:
    rng = random.Random(SEED)
    specs = base_specs(rng) + spike_specs(rng)
    for i, spec in enumerate(specs):
        spec["utc"] = spec["dt"].astimezone(timezone.utc)
        spec["seq"] = i
    specs.sort(key=lambda s: (s["utc"], s["seq"]))

    plat = Platforms(rng)
    records: list[dict] = []
    meta: list[dict] = []                       # parallel to records: kind, lang, utc, country
    recent: dict[str, list[int]] = {}           # platform -> indexes of records
    news_seen: list[tuple[datetime, str, str]] = []
    texts: set[str] = set()

    for spec in specs:
        platform, lang, country, kind = spec["platform"], spec["lang"], spec["country"], spec["kind"]
        offhate, target, target2, myths = spec["offhate"], spec["target"], spec["target2"], list(spec["myths"])
        place, dt, utc, spike = spec["place"], spec["dt"], spec["utc"], spec["spike"]
        city = place or weighted_city(rng, country)
        is_news = platform == "news"

        # ---- reply to an earlier record of the same platform, language and country?
        parent = None
        reply_key = kind
        if platform in REPLY_PLATFORMS and rng.random() < (0.23 if spike else 0.22):
            prefs = REPLY_PREF[kind]
            weights = {}
            for j in reversed(recent.get(platform, [])):
                mj = meta[j]
                if utc - mj["utc"] > timedelta(days=10):
                    break
                if mj["utc"] < utc and mj["lang"] == lang and mj["country"] == country and prefs.get(mj["kind"]):
                    weights[j] = prefs[mj["kind"]]
            if weights:
                pj = wpick(rng, weights)
                parent, parent_kind = records[pj], meta[pj]["kind"]
                if kind != "offtopic" and parent["targets"]:      # stay on the thread's topic
                    target, target2 = parent["targets"][0], None
                if kind == "counter" and parent_kind == "hateful" and parent["myths"]:
                    myths = [parent["myths"][0]]                   # rebut the myth being replied to
                if kind == "hateful":
                    reply_key = "hateful" if parent_kind == "hateful" else "hateful_vs"
                elif kind == "counter":
                    reply_key = "counter" if parent_kind == "hateful" else "counter_ok"

        # ---- channel tone (telegram)
        tg_channel = None
        tg_tone = "info"
        if platform == "telegram":
            chans = TG_CHANNELS[lang]
            want = {"hateful": "hate", "counter": "community", "neutral": pick(rng, ["info", "community"]),
                    "offtopic": "hate" if offhate else pick(rng, ["info", "community", "hate"])}[kind]
            matching = [c for c in chans if c[2] == want] or chans
            tg_channel = pick(rng, matching)
            tg_tone = tg_channel[2]

        # ---- text (unique across the corpus)
        pii = (not is_news) and not offhate and rng.random() < 0.028
        title = None
        for attempt in range(200):
            flags: dict = {}
            ctx = make_ctx(rng, lang, country, city, target, target2, kind, dt, spike, flags)
            if is_news:
                title, text, used = news_article(rng, lang, kind, ctx, country, target, myths, spike)
            else:
                text = social_text(rng, lang, kind, offhate, platform, ctx, country, target, target2, myths,
                                   spike, tg_tone, flags, reply=parent is not None)
                used = myths
                if parent is not None:
                    text = join_parts([pick(rng, BANKS[lang]["reply_open"][reply_key]), text])
            if pii:
                mention_pool = plat.handles.get((platform, lang)) or [plat.new_handle(lang)]
                email_user = pick(rng, NAME_STEMS[lang]) + pick(rng, [".", "_", ""]) + str(rng.randint(1, 999))
                pii_pool = [t for t in BANKS[lang]["pii"] if kind in ("neutral", "counter") or "{mention}" in t]
                extra = pick(rng, pii_pool).format(
                    phone=phone_number(rng, country, city), mention=pick(rng, mention_pool),
                    email=f"{email_user}@example.org")
                text = text + " " + extra
            if text not in texts and len(text) <= MAX_LEN.get(platform, 100_000):
                break
        else:  # pragma: no cover - the fragment space is far larger than the corpus
            raise RuntimeError(f"could not find a unique text for {spec}")
        texts.add(text)
        if kind in ("hateful", "counter"):
            myths = used

        # ---- identity: source, ids, url, handle, thread
        created = dt.isoformat()
        ms = int(utc.timestamp() * 1000)
        thread_id = reply_to = None
        media: list[str] = []
        links: list[str] = []
        if is_news:
            outlet = FRINGE_OUTLETS[lang][country] if kind == "hateful" else pick(rng, OUTLETS[lang][country])
            slug = slugify(outlet)
            plat.outlet_counter[slug] = plat.outlet_counter.get(slug, rng.randint(20000, 90000)) + rng.randint(3, 40)
            art = plat.outlet_counter[slug]
            native_id = plat.unique("news", lambda: f"{slug}-{art}")
            section = pick(rng, SECTIONS[lang][kind])
            url = (f"https://{slug}.news.demo.invalid/{section}/{dt.year}/{dt.month:02d}/"
                   f"{slugify(title)[:70].strip('-')}-{art}")
            source, handle = outlet, None
            if rng.random() < 0.7:
                media.append(f"https://{slug}.news.demo.invalid/img/{dt.year}/{rand_str(rng, '0123456789abcdef', 12)}.jpg")
            news_seen.append((utc, country, url))
        else:
            name = plat.author(platform, lang)
            if platform == "x":
                native_id = plat.unique("x", lambda: str(((ms - 1288834974657) << 22) | rng.getrandbits(22)))
                url = f"https://x.demo.invalid/{name}/status/{native_id}"
                source, handle = f'search:"{search_term(rng, lang, target)}"', "@" + name
            elif platform == "mastodon":
                instance = pick(rng, INSTANCES[lang])
                native_id = plat.unique("mastodon", lambda: str((ms << 16) | rng.getrandbits(16)))
                url = f"https://{instance}/@{name}/{native_id}"
                source, handle = f"#{pick(rng, MASTO_TAGS[lang])}@{instance}", f"@{name}@{instance}"
            elif platform == "bluesky":
                domain = f"{name}.bsky.demo.invalid"
                native_id = plat.unique("bluesky", lambda: bsky_tid(rng, utc))
                url = f"https://bsky.demo.invalid/profile/{domain}/post/{native_id}"
                source, handle = f"search:{search_term(rng, lang, target)}", "@" + domain
            elif platform == "facebook":
                source = fill(pick(rng, FB_SOURCES[lang][kind]), Ctx(city=city, country=COUNTRY_NAME[lang][country]))
                page_id = str(int(hashlib.sha1(source.encode()).hexdigest()[:13], 16)).rjust(15, "1")[:15]
                post_id = plat.unique("facebook-post", lambda: str(rng.randrange(10**15, 10**16)))
                native_id = plat.unique("facebook", lambda: f"{page_id}_{post_id}")
                url = f"https://facebook.demo.invalid/{page_id}/posts/{post_id}"
                handle = "@" + name
            elif platform == "telegram":
                cname = fill(tg_channel[0], Ctx(country=COUNTRY_NAME[lang][country], cc=country.upper()))
                cslug = fill(tg_channel[1], Ctx(cc=country.lower()))
                plat.tg_counter[cslug] = plat.tg_counter.get(cslug, rng.randint(800, 30000)) + rng.randint(1, 25)
                native_id = plat.unique("telegram", lambda: f"{cslug}/{plat.tg_counter[cslug]}")
                url = f"https://t.demo.invalid/{cslug}/{plat.tg_counter[cslug]}"
                source, handle = cname, "@" + cslug
            elif platform == "reddit":
                sub = SUBREDDITS[country]
                if lang == "es" and target == "venezuelans" and rng.random() < 0.15:
                    sub = "r/vzla"
                elif lang == "en" and rng.random() < 0.3:
                    sub = "r/asklatinamerica"
                native_id = plat.unique("reddit", lambda: "t1_" + rand_str(rng, B36, 7))
                if parent is not None:
                    thread_id = parent["thread_id"]
                    sub = parent["source"]
                else:
                    thread_id = plat.thread_for(sub, utc, lambda: "t3_" + rand_str(rng, B36, 7), 72)
                url = f"https://reddit.demo.invalid/{sub}/comments/{thread_id[3:]}/comment/{native_id[3:]}/"
                source, handle = sub, "@" + name
            else:  # youtube
                channel = fill(pick(rng, YT_CHANNELS[lang]), Ctx(city=city, country=COUNTRY_NAME[lang][country]))
                if parent is not None:
                    channel, thread_id = parent["source"], parent["thread_id"]
                else:
                    thread_id = plat.thread_for(channel, utc, lambda: rand_str(rng, YT_ALPHABET, 11), 120)
                native_id = plat.unique("youtube", lambda: pick(rng, ["Ugx", "Ugz", "Ugw"]) + rand_str(rng, YT_ALPHABET, 23))
                url = f"https://youtube.demo.invalid/watch?v={thread_id}&lc={native_id}"
                source, handle = channel, "@" + name
            if parent is not None:
                reply_to = parent["native_id"]
                if platform not in ("reddit", "youtube"):
                    thread_id = parent["thread_id"] or parent["native_id"]
            if platform in ("x", "facebook", "telegram", "mastodon", "bluesky") and rng.random() < 0.16:
                ext = pick(rng, ["jpg", "jpg", "png", "mp4"])
                media.append(f"https://media.{platform}.demo.invalid/{rand_str(rng, '0123456789abcdef', 16)}.{ext}")
            if kind in ("neutral", "counter", "hateful") and rng.random() < (0.3 if tg_tone == "hate" else 0.13):
                fresh = [u for (t, c, u) in news_seen[-300:] if c == country and timedelta(0) < utc - t <= timedelta(days=14)]
                if fresh:
                    links.append(pick(rng, fresh))

        rec = {
            "platform": platform, "native_id": native_id, "source": source, "url": url, "title": title,
            "text": text, "language": lang if rng.random() < 0.5 else None, "created_at": created,
            "country": country, "place": place, "author_handle": handle,
            "engagement": engagement(rng, platform, kind, offhate, spike is not None),
            "links": links, "media": media, "reply_to": reply_to, "thread_id": thread_id,
            "labels": labels_for(rng, kind, offhate, is_news, flags),
            "myths": myths if kind in ("hateful", "counter") else [],
            "targets": targets_for(kind, (title or "") + " " + text, target, target2),
            "synthetic": True,
        }
        records.append(rec)
        meta.append({"kind": kind, "lang": lang, "utc": utc, "country": country})
        recent.setdefault(platform, []).append(len(records) - 1)
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUT, help="where to write the JSONL file")
    args = parser.parse_args(argv)
    records = generate()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="utf-8", newline="\n") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    digest = hashlib.sha256(args.output.read_bytes()).hexdigest()[:16]
    print(f"wrote {len(records)} records to {args.output} (sha256 {digest}…)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
