"""Language identification restricted to Vigía's languages, with an `other` outcome (py3langid, offline)."""

from __future__ import annotations

import re

from py3langid.langid import MODEL_FILE, LanguageIdentifier

NAME = "vigia.langid"
VERSION = "1"
# Widely used languages that are not close relatives of Spanish or Portuguese: a text in one of
# these answers `other`. Close relatives (gl, ca, it, oc…) are left out so that short Spanish and
# Portuguese posts are not lost to them.
OTHER_LANGUAGES = ("de", "nl", "ru", "uk", "pl", "zh", "ja", "ko", "ar", "he", "hi", "tr", "id",
                   "vi", "th", "fa", "el", "sv", "qu")
_NOISE = re.compile(r"https?://\S+|www\.\S+|[@#](?=\w)|\S+@\S+\.\w+")




class LanguageId:
    """`identify(text) -> (language, confidence)`; language is one of the configured codes or `other`."""

    def __init__(self, languages: list[str] | tuple[str, ...]):
        self.languages = tuple(languages)
        self._model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        self._model.set_languages(sorted(set(self.languages) | set(OTHER_LANGUAGES)))

    def identify(self, text: str) -> tuple[str, float]:
        cleaned = _NOISE.sub(" ", text)
        if sum(ch.isalpha() for ch in cleaned) < 3:
            return "other", 0.0
        language, confidence = self._model.classify(cleaned)
        return (language if language in self.languages else "other"), round(float(confidence), 4)
