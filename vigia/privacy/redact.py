"""Remove personal data from text shown to trainers or exported.

Replaced: e-mail addresses ([EMAIL]), identity documents ([DOCUMENTO]), links ([URL]), @handles ([USER]),
phone numbers ([PHONE]) and names of private persons ([NAME]) where they can be told from the text alone.

Names are found by rules, offline, with no model (data in data/lexicons/):
- after a cue that introduces a person: "me llamo", "mi nombre es", "mi vecino/vecina", "el señor", "la señora",
  "don", "doña", "un tal", "mi jefe/primo/amiga ...", "meu nome é", "o senhor", "a senhora", "dona",
  "meu vizinho", "my name is", "my neighbour", "a man named", "je m'appelle", "mwen rele", and the titles
  Sr./Sra./Srta./Dr./Dra./Mr./Mrs./Ms./Mme: up to four capitalised words (a lower-case word only when it is a
  known given name: "me llamo ana");
- a known given name (given_names.txt, accents optional) followed by one or more capitalised words: "José Pérez",
  "Maria da Silva", "Jean-Baptiste Joseph", "Juan Carlos Pérez Gómez".
Never redacted: public office holders, public figures and institutions (public_figures.txt); places, months,
weekdays, offices and other capitalised words (not_names.txt); the target-group and migration words of
targets.yaml; names after San/Santa/São/Colegio/Hospital/... (places and institutions).
Not detected: a given name on its own ("Pedro dijo"), a surname on its own without a cue, names not in the list
of given names without a cue, names written in lower case or ALL CAPS outside a cue, nicknames. In text written
in Title Case (headlines) only cue-led names are redacted. Redaction lowers the risk; it does not make a post
anonymous.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

LEXICONS = Path(__file__).resolve().parent.parent.parent / "data" / "lexicons"
NAME_PLACEHOLDER = "[NAME]"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("[EMAIL]", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)),
    # identity documents: CPF 123.456.789-09, Venezuelan cédula V-12.345.678, passports AB1234567
    ("[DOCUMENTO]", re.compile(r"\b\d{3}\.\d{3}\.\d{3}-\d{2}\b|\b[VvEe]-?\d{1,2}\.?\d{3}\.?\d{3}\b"
                               r"|\b(?:pasaporte|passaporte|passport)\s*(?:n[°ºo.]*\s*)?[A-Z]{0,3}\d{6,9}\b",
                               re.IGNORECASE)),
    ("[URL]", re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)),
    ("[USER]", re.compile(r"(?<![\w@])@[\w.]{2,30}(?:@[\w-]+(?:\.[\w-]+)+)?", re.UNICODE)),
    ("[PHONE]", re.compile(r"(?<!\w)(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]?\d{2,4}){2,3}(?!\w)")),
]

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_WORD = rf"(?:[OD]['’])?[{_UPPER}][{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?(?:['’][{_LOWER}]+)?(?:-[{_UPPER}][{_LOWER}]+)*"
_PARTICLE = r"(?:de|da|do|dos|das|del|di|du|van|von|der|den|la|las|los|le)"
# a run of capitalised words, with lower-case name particles inside ("Maria da Silva", "José de la Cruz")
NAME_RUN = re.compile(rf"(?<![\w@#&/.]){_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_WORD})*(?![\w@])")
RUN_TOKEN = re.compile(rf"{_WORD}|[{_LOWER}]+")
LOWER_WORD = re.compile(rf"[{_LOWER}]+(?![\w@])")

_KIN = ("vecino|vecina|vecinos|vecinas|compañero|compañera|jefe|jefa|patrón|patrona|primo|prima|cuñado|cuñada|"
        "amigo|amiga|esposo|esposa|marido|novio|novia|hermano|hermana|hijo|hija|tío|tía|sobrino|sobrina|suegro|"
        "suegra|inquilino|inquilina|casero|casera|arrendador|arrendadora|"
        "vizinho|vizinha|colega|chefe|patroa|irmão|irmã|filho|filha|tio|tia|namorado|namorada|"
        "landlord|landlady|boss|coworker|co-worker|colleague|tenant|roommate|cousin|friend|wife|husband|brother|"
        "sister|son|daughter|uncle|aunt|boyfriend|girlfriend|neighbour|neighbor|"
        "voisin|voisine|patron|collègue|ami|amie|frère|sœur|cousine")
_DETERMINER = ("mi|mis|tu|su|sus|nuestro|nuestra|el|la|al|del|meu|minha|o|a|seu|sua|do|da|nosso|nossa|"
               "my|our|your|his|her|their|mon|ma|notre")
_CUE_WORDS = ("me llamo|mi nombre es|se llama|se llamaba|llamado|llamada|un tal|una tal|el tal|la tal|"
              "meu nome é|me chamo|se chama|chamado|chamada|um tal de|uma tal de|o tal de|a tal de|"
              "my name is|i'm called|named|je m'appelle|mon nom est|mwen rele|non mwen se|"
              "vecino|vecina|vizinho|vizinha|neighbour|neighbor|voisin|voisine|vwazen mwen|vwazin mwen|"
              "señor|señora|señorita|don|doña|senhor|senhora|dona|monsieur|madame|mademoiselle|msye|madan")
_TITLES = "sr|sra|srta|dr|dra|mr|mrs|ms|mme|mlle"
_FOLD = str.maketrans("áàâãäåéèêëíìîïóòôõöúùûüçñýÿ’", "aaaaaaeeeeiiiiooooouuuucnyy'")


def fold(word: str) -> str:
    """Lower case without accents, as the lexicons are compared."""
    return word.lower().translate(_FOLD)


# matched against the folded text (see fold), which is why its words are folded too
CUE = re.compile(fold(rf"(?<![\w@#])(?:(?:(?:{_DETERMINER})[ \t]+(?:{_KIN})|{_CUE_WORDS})\b|(?:{_TITLES})\b\.?)[ \t]+"))

FUNCTION_WORDS = frozenset(
    "de del la las el los lo y e o u a al en con por para que un una da do das dos em no na nos nas um uma the of "
    "and or in on at to for an le les du des et ou au aux sur pour mi mis tu su sus meu minha my our your".split())
# a given name right after one of these is part of a place or institution ("San José", "Colegio María Auxiliadora")
PLACE_PREFIXES = frozenset(
    "san santa santo sao são saint st puerto porto villa vila ciudad cidade colegio escuela escola hospital "
    "calle avenida rua barrio bairro plaza praça parque universidad universidade fundacion fundación instituto "
    "aeropuerto aeroporto estacion estación rio río lago monte cerro isla ilha fort virgen virgem nuestra "
    "nossa".split())
MAX_GIVEN = 3
MAX_SURNAMES = 3
MAX_CUE_WORDS = 4
def _entries(name: str) -> list[str]:
    lines = (LEXICONS / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(fold(token) for token in re.findall(rf"[\w'’-]+", text))


def _target_words() -> set[str]:
    data = yaml.safe_load((LEXICONS / "targets.yaml").read_text(encoding="utf-8"))
    words: set[str] = set()
    for group in data.get("groups", {}).values():
        for terms in group.get("terms", {}).values():
            words.update(terms)
    for terms in data.get("migration_terms", {}).values():
        words.update(terms)
    for entry in [*data.get("slurs", []), *data.get("stigmatizing_terms", [])]:
        words.update(entry.get("forms", []))
    return {fold(w) for w in words if " " not in w}


GIVEN_NAMES = frozenset(fold(name) for name in _entries("given_names.txt"))
# titles and cue words are never part of a name ("Mrs. Mrs.", "Don Señor")
TITLE_WORDS = frozenset(fold(w) for w in f"{_TITLES}|{_CUE_WORDS}".split("|") if " " not in w)
NOT_NAMES = frozenset({fold(w) for w in _entries("not_names.txt") if " " not in w} | _target_words() | FUNCTION_WORDS
                      | TITLE_WORDS)
PROTECTED = frozenset(_phrase(p) for p in [*_entries("public_figures.txt"),
                                           *(w for w in _entries("not_names.txt") if " " in w)])
LONGEST_PROTECTED = max(len(p) for p in PROTECTED)


def _is_given(word: str) -> bool:
    folded = fold(word)
    return folded in GIVEN_NAMES or ("-" in folded and folded.split("-", 1)[0] in GIVEN_NAMES)


def _title_case(text: str) -> bool:
    """Headline-style text, where capitals say nothing about names: capitalised function words mid-sentence."""
    mid_sentence = re.findall(r"(?<=[\w,;:] )(?:De|Del|La|Las|El|Los|Y|En|Con|Por|Para|Da|Do|Das|Dos|Em|Na|No|"
                              r"The|Of|And|In|On|To|For|Le|Les|Du|Des|Et)\b", text)
    return len(mid_sentence) >= 2


def _protected(tokens: list[tuple[str, int, int]], first: int, last: int) -> bool:
    """Whether tokens[first..last] overlap a public figure, an institution or a place of several words."""
    folded = [fold(token) for token, _, _ in tokens]
    for start in range(len(tokens)):
        for end in range(start + 1, min(len(tokens), start + LONGEST_PROTECTED) + 1):
            if start <= last and end - 1 >= first and tuple(folded[start:end]) in PROTECTED:
                return True
    return False


def _extend(tokens: list[tuple[str, int, int]], first: int, limit: int, after_cue: bool) -> int:
    """Index of the last token of the name that starts at `first`: given names, then surnames, then nothing."""
    last, surnames, given = first, 0, 1
    index = first + 1
    while index < len(tokens) and surnames < MAX_SURNAMES:
        particles = index
        while particles < len(tokens) and tokens[particles][0].islower():
            particles += 1
        if particles == len(tokens):
            break
        if particles > index and surnames and fold(tokens[index][0]) not in {"da", "do", "dos", "das"}:
            break  # "José Pérez de Maracay": after a surname "de" says where someone is from
        if particles > index and given == 1 and not after_cue and fold(tokens[first][0]) in NOT_NAMES:
            break  # "Santiago de los Caballeros", "Rosario de Cúcuta": a place
        word = tokens[particles][0]
        if fold(word) in NOT_NAMES and not _is_given(word):
            break
        if not surnames and given < MAX_GIVEN and _is_given(word) and particles == index:
            given += 1
        else:
            surnames += 1
        last = index = particles
        index += 1
        if given + surnames >= limit:  # particles ("de la") do not count
            break
    return last


def name_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the names of private persons found in `text` (see the module docstring)."""
    cue_ends: set[int] = set()
    spans: list[tuple[int, int]] = []
    folded = fold(text)
    if len(folded) != len(text):  # a few letters lower-case to two characters ("İ"): keep offsets aligned
        folded = "".join(ch if len(ch.lower()) != 1 else fold(ch) for ch in text)
    for cue in CUE.finditer(folded):
        cue_ends.add(cue.end())
        lower = LOWER_WORD.match(text, cue.end())
        if lower and fold(lower.group()) in GIVEN_NAMES:
            spans.append(lower.span())
    headline: bool | None = None
    for run in NAME_RUN.finditer(text):
        if run.start() not in cue_ends and " " not in run.group() and "\t" not in run.group():
            continue  # one capitalised word with no cue before it is never a name here
        tokens = [(m.group(), run.start() + m.start(), run.start() + m.end()) for m in RUN_TOKEN.finditer(run.group())]
        index = 0
        while index < len(tokens):
            word, start, _ = tokens[index]
            folded = fold(word)
            after_cue = start in cue_ends  # also inside a run: "Don Aurelio Quintero"
            if word.islower() or folded in FUNCTION_WORDS:
                index += 1
                continue
            if after_cue and (folded not in NOT_NAMES or _is_given(word)):
                last = _extend(tokens, index, MAX_CUE_WORDS, after_cue=True)
            elif _is_given(word) and not (index and fold(tokens[index - 1][0]) in PLACE_PREFIXES):
                last = _extend(tokens, index, MAX_GIVEN + MAX_SURNAMES, after_cue=False)
                if last == index:
                    index += 1
                    continue
                if headline is None:
                    headline = _title_case(text)
                if headline:
                    break
            else:
                index += 1
                continue
            if not _protected(tokens, index, last):
                spans.append((start, tokens[last][2]))
            index = last + 1
    return sorted(spans)


def redact_names(text: str) -> str:
    """`text` with the names of private persons replaced by [NAME]."""
    pieces, position = [], 0
    for start, end in name_spans(text):
        if start >= position:
            pieces += [text[position:start], NAME_PLACEHOLDER]
            position = end
    return "".join(pieces) + text[position:]


def redact(text: str | None) -> str | None:
    """The text with personal data replaced by placeholders such as [EMAIL], [PHONE] and [NAME]."""
    if not text:
        return text
    for placeholder, pattern in PATTERNS:
        text = pattern.sub(placeholder, text)
    return redact_names(text)
