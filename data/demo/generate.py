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
    if not text or text[-1] in ".!?…»\"”:)":
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
        if last in ".!?…»\"”" or not last.isascii() and not last.isalpha():
            part = cap(part)
        out = out.rstrip() + " " + part
    return out


_ES_FIX = ((re.compile(r"\bde el\b"), "del"), (re.compile(r"\ba el\b"), "al"),
           (re.compile(r"\bDe el\b"), "Del"), (re.compile(r"\bA el\b"), "Al"))
_PT_FIX = ((re.compile(r"\bde a\b"), "da"), (re.compile(r"\bde o\b"), "do"),
           (re.compile(r"\bem a\b"), "na"), (re.compile(r"\bem o\b"), "no"),
           (re.compile(r"\bpor a\b"), "pela"), (re.compile(r"\bpor o\b"), "pelo"),
           (re.compile(r"\ba a\b"), "à"), (re.compile(r"\ba o\b"), "ao"),
           (re.compile(r"\bde os\b"), "dos"), (re.compile(r"\bem os\b"), "nos"))
_FR_FIX = ((re.compile(r"\bde les\b"), "des"), (re.compile(r"\bà les\b"), "aux"),
           (re.compile(r"\bde le\b"), "du"), (re.compile(r"\bà le\b"), "au"),
           (re.compile(r"\bde ([aeéiouhAEÉIOUH])"), r"d'\1"))


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
    "news": {"es": 60, "pt": 20, "en": 12, "fr": 6, "ht": 2},
    "x": {"es": 64, "pt": 20, "en": 6, "fr": 2, "ht": 8},
    "facebook": {"es": 58, "pt": 18, "en": 2, "fr": 3, "ht": 19},
    "mastodon": {"es": 55, "pt": 30, "en": 10, "fr": 3, "ht": 2},
    "bluesky": {"es": 60, "pt": 25, "en": 10, "fr": 2, "ht": 3},
    "telegram": {"es": 62, "pt": 15, "en": 2, "fr": 3, "ht": 18},
    "reddit": {"es": 70, "pt": 15, "en": 12, "fr": 1, "ht": 2},
    "youtube": {"es": 65, "pt": 20, "en": 3, "fr": 2, "ht": 10},
}
LANG_COUNTRY = {
    "es": {"CO": 26, "PE": 15, "CL": 15, "EC": 9, "AR": 9, "DO": 9, "CR": 6, "PA": 5, "MX": 6},
    "pt": {"BR": 1},
    "en": {"PA": 18, "DO": 16, "CO": 16, "MX": 14, "CR": 10, "BR": 6, "CL": 6, "PE": 6, "AR": 4, "EC": 4},
    "fr": {"DO": 50, "CL": 15, "BR": 15, "MX": 8, "PA": 6, "CO": 6},
    "ht": {"DO": 48, "CL": 28, "BR": 18, "MX": 6},
}
PLATFORM_KIND = {
    "news": {"neutral": 68, "counter": 14, "hateful": 4, "offtopic": 14},
    "x": {"neutral": 28, "counter": 20, "hateful": 36, "offtopic": 16},
    "facebook": {"neutral": 30, "counter": 16, "hateful": 38, "offtopic": 16},
    "mastodon": {"neutral": 40, "counter": 35, "hateful": 8, "offtopic": 17},
    "bluesky": {"neutral": 38, "counter": 32, "hateful": 12, "offtopic": 18},
    "telegram": {"neutral": 30, "counter": 10, "hateful": 45, "offtopic": 15},
    "reddit": {"neutral": 38, "counter": 20, "hateful": 26, "offtopic": 16},
    "youtube": {"neutral": 22, "counter": 18, "hateful": 44, "offtopic": 16},
}
LANG_HATE_FACTOR = {"es": 1.0, "pt": 1.0, "en": 0.35, "fr": 0.15, "ht": 0.0}
OFFTOPIC_HATE_SHARE = 0.2   # of off-topic records: hateful, but not about migration
