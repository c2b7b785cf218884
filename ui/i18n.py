"""The console's words in Spanish (default), Portuguese and English."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

LANGUAGES = {"es": "Español", "pt": "Português", "en": "English"}

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"es": "Vigía", "pt": "Vigía", "en": "Vigía"},
    "tagline": {"es": "Monitoreo de discurso xenófobo y mitos sobre migración",
                "pt": "Monitoramento de discurso xenófobo e mitos sobre migração",
                "en": "Monitoring xenophobic speech and migration myths"},
    "language": {"es": "Idioma", "pt": "Idioma", "en": "Language"},
    "username": {"es": "Usuario", "pt": "Usuário", "en": "Username"},
    "password": {"es": "Contraseña", "pt": "Senha", "en": "Password"},
    "login": {"es": "Entrar", "pt": "Entrar", "en": "Log in"},
    "logout": {"es": "Salir", "pt": "Sair", "en": "Log out"},
    "login_failed": {"es": "Usuario o contraseña incorrectos.", "pt": "Usuário ou senha incorretos.",
                     "en": "Wrong username or password."},
    "login_needed": {"es": "Inicie sesión para ver esta página.", "pt": "Entre para ver esta página.",
                     "en": "Log in to see this page."},
    "role_needed": {"es": "Esta página requiere el rol {role}.", "pt": "Esta página requer o papel {role}.",
                    "en": "This page needs the {role} role."},
    "logged_in_as": {"es": "{user} ({role})", "pt": "{user} ({role})", "en": "{user} ({role})"},
    "login_token_hint": {"es": "No hay cuentas configuradas: entre como «admin» con la contraseña de un solo uso "
                               "que `vigia serve` mostró en la terminal.",
                         "pt": "Não há contas configuradas: entre como «admin» com a senha de uso único que "
                               "`vigia serve` mostrou no terminal.",
                         "en": "No accounts are configured: log in as \"admin\" with the one-time password "
                               "`vigia serve` printed in the terminal."},
    "panorama": {"es": "Panorama", "pt": "Panorama", "en": "Overview"},
    "period": {"es": "Período", "pt": "Período", "en": "Period"},
    "filters": {"es": "Filtros", "pt": "Filtros", "en": "Filters"},
    "countries": {"es": "Países", "pt": "Países", "en": "Countries"},
    "platforms": {"es": "Plataformas", "pt": "Plataformas", "en": "Platforms"},
    "languages": {"es": "Idiomas", "pt": "Idiomas", "en": "Languages"},
    "myths": {"es": "Mitos", "pt": "Mitos", "en": "Myths"},
    "targets": {"es": "Grupos señalados", "pt": "Grupos visados", "en": "Targeted groups"},
    "split_by": {"es": "Dividir por", "pt": "Dividir por", "en": "Split by"},
    "split.platform": {"es": "plataforma", "pt": "plataforma", "en": "platform"},
    "split.language": {"es": "idioma", "pt": "idioma", "en": "language"},
    "split.target": {"es": "grupo señalado", "pt": "grupo visado", "en": "targeted group"},
    "split.country": {"es": "país", "pt": "país", "en": "country"},
    "posts": {"es": "Publicaciones", "pt": "Publicações", "en": "Posts"},
    "posts_per_day": {"es": "Publicaciones por día", "pt": "Publicações por dia", "en": "Posts per day"},
    "posts_per_week": {"es": "Publicaciones por semana", "pt": "Publicações por semana", "en": "Posts per week"},
    "interval": {"es": "Intervalo", "pt": "Intervalo", "en": "Interval"},
    "interval.day": {"es": "día", "pt": "dia", "en": "day"},
    "interval.week": {"es": "semana", "pt": "semana", "en": "week"},
    "choose": {"es": "Elegir", "pt": "Escolher", "en": "Choose"},
    "none": {"es": "(sin dato)", "pt": "(sem dado)", "en": "(unknown)"},
    "search": {"es": "Buscar publicaciones", "pt": "Buscar publicações", "en": "Search posts"},
    "search_help": {"es": "Palabras (todas deben aparecer), \"frases entre comillas\" o prefijo*",
                    "pt": "Palavras (todas devem aparecer), \"frases entre aspas\" ou prefixo*",
                    "en": "Words (all must occur), \"quoted phrases\" or prefix*"},
    "results": {"es": "{total} publicaciones encontradas", "pt": "{total} publicações encontradas",
                "en": "{total} posts found"},
    "page": {"es": "Página", "pt": "Página", "en": "Page"},
    "sort": {"es": "Ordenar por", "pt": "Ordenar por", "en": "Sort by"},
    "sort.date": {"es": "fecha (más recientes)", "pt": "data (mais recentes)", "en": "date (newest)"},
    "sort.engagement": {"es": "interacciones", "pt": "interações", "en": "engagement"},
    "sort.score": {"es": "puntaje (más alto)", "pt": "pontuação (mais alta)", "en": "score (highest)"},
    "no_posts": {"es": "No hay publicaciones para estos filtros.", "pt": "Não há publicações para estes filtros.",
                 "en": "No posts match these filters."},
    "empty_store": {"es": "El almacén está vacío. Cargue la demostración con `vigia demo` o importe datos con "
                          "`vigia import ARCHIVO`.",
                    "pt": "O armazenamento está vazio. Carregue a demonstração com `vigia demo` ou importe dados "
                          "com `vigia import ARQUIVO`.",
                    "en": "The store is empty. Load the demo with `vigia demo` or import data with "
                          "`vigia import FILE`."},
    "store_error": {"es": "No se puede leer el almacén: {error}", "pt": "Não é possível ler o armazenamento: {error}",
                    "en": "Cannot read the store: {error}"},
    "review": {"es": "Revisión", "pt": "Revisão", "en": "Review"},
    "review_task": {"es": "Tarea", "pt": "Tarefa", "en": "Task"},
    "task.hate": {"es": "discurso de odio", "pt": "discurso de ódio", "en": "hate speech"},
    "task.migration": {"es": "sobre migración", "pt": "sobre migração", "en": "about migration"},
    "label.hateful": {"es": "Odio", "pt": "Ódio", "en": "Hateful"},
    "label.not_hateful": {"es": "No es odio", "pt": "Não é ódio", "en": "Not hateful"},
    "label.migration": {"es": "Migración", "pt": "Migração", "en": "Migration"},
    "label.not_migration": {"es": "Otro tema", "pt": "Outro tema", "en": "Other topic"},
    "task.frame": {"es": "encuadre", "pt": "enquadramento", "en": "frame"},
    "label.frame.collective_threat": {"es": "Amenaza colectiva", "pt": "Ameaça coletiva", "en": "Collective threat"},
    "label.frame.personal_threat": {"es": "Amenaza personal", "pt": "Ameaça pessoal", "en": "Personal threat"},
    "label.frame.victim": {"es": "Víctimas", "pt": "Vítimas", "en": "Victims"},
    "label.frame.economic_resource": {"es": "Recurso económico", "pt": "Recurso econômico",
                                      "en": "Economic resource"},
    "label.frame.none": {"es": "Sin encuadre", "pt": "Sem enquadramento", "en": "No frame"},
    "task.myth": {"es": "mito", "pt": "mito", "en": "myth"},
    "task.target": {"es": "grupo", "pt": "grupo", "en": "group"},
    "review_model": {"es": "Modelo: {label} ({score}, {model})", "pt": "Modelo: {label} ({score}, {model})",
                     "en": "Model: {label} ({score}, {model})"},
    "review_done": {"es": "No quedan publicaciones por revisar en esta tarea.",
                    "pt": "Não há mais publicações para revisar nesta tarefa.",
                    "en": "Nothing left to review for this task."},
    "agreement": {"es": "Acuerdo entre anotadores", "pt": "Concordância entre anotadores",
                  "en": "Agreement between annotators"},
    "agreement_none": {"es": "Aún no hay publicaciones revisadas por dos personas.",
                       "pt": "Ainda não há publicações revisadas por duas pessoas.",
                       "en": "No post has been judged by two people yet."},
    "agreement_value": {"es": "κ de Cohen = {kappa} sobre {pairs} publicaciones revisadas dos veces.",
                        "pt": "κ de Cohen = {kappa} em {pairs} publicações revisadas duas vezes.",
                        "en": "Cohen's κ = {kappa} over {pairs} posts judged twice."},
    "counter": {"es": "Contramensajes", "pt": "Contramensagens", "en": "Counter-messages"},
    "counter_unverified": {"es": "Las fuentes aún no se verificaron en la página original del editor: verifíquelas "
                                 "antes de publicar.",
                           "pt": "As fontes ainda não foram verificadas na página original do editor: verifique-as "
                                 "antes de publicar.",
                           "en": "Sources are not yet verified at the original publisher: check them before "
                                 "publishing."},
    "counter_error": {"es": "No se puede cargar la biblioteca: {error}", "pt": "Não é possível carregar a "
                      "biblioteca: {error}", "en": "Cannot load the library: {error}"},
    "myth": {"es": "Mito", "pt": "Mito", "en": "Myth"},
    "counter_evidence": {"es": "Evidencia {evidence}: {gaps}", "pt": "Evidência {evidence}: {gaps}",
                         "en": "Evidence {evidence}: {gaps}"},
    "facts": {"es": "Datos", "pt": "Fatos", "en": "Facts"},
    "responses": {"es": "Respuestas listas para usar", "pt": "Respostas prontas", "en": "Ready responses"},
    "register.social": {"es": "Respuesta corta para redes", "pt": "Resposta curta para redes",
                        "en": "Short social reply"},
    "register.press": {"es": "Párrafo para nota de prensa", "pt": "Parágrafo para nota de imprensa",
                       "en": "Press paragraph"},
    "register.trainer": {"es": "Punto para formadores", "pt": "Ponto para formadores", "en": "Trainer talking point"},
    "answer_a_post": {"es": "Responder a una publicación", "pt": "Responder a uma publicação",
                      "en": "Answer a post"},
    "post_text": {"es": "Texto de la publicación", "pt": "Texto da publicação", "en": "Text of the post"},
    "no_myth_found": {"es": "No se detectó ningún mito conocido.", "pt": "Nenhum mito conhecido foi detectado.",
                      "en": "No known myth was detected."},
    "original": {"es": "ver original", "pt": "ver original", "en": "see original"},
    "synthetic": {"es": "sintético", "pt": "sintético", "en": "synthetic"},
    "top_targets": {"es": "Grupos más mencionados", "pt": "Grupos mais mencionados", "en": "Most mentioned groups"},
    "synthetic_notice": {"es": "Datos de demostración: publicaciones sintéticas escritas para Vigía.",
                         "pt": "Dados de demonstração: publicações sintéticas escritas para o Vigía.",
                         "en": "Demo data: synthetic posts written for Vigía."},
}


# The model's single-label tasks and their labels, as the console's filters offer them.
MODEL_TASKS = {"hate": ("hateful", "not_hateful"), "migration": ("migration", "not_migration"),
               "frame": ("collective_threat", "personal_threat", "victim", "economic_resource", "none")}


def current_language() -> str:
    return st.session_state.get("ui_language", "es")


def t(key: str, **values: object) -> str:
    """The string for `key` in the console's current language."""
    return _render(STRINGS[key], values)


def words(own: dict[str, dict[str, str]]) -> Callable[..., str]:
    """A `t` for one page: its own strings first, then the shared ones above."""
    def page_t(key: str, **values: object) -> str:
        return _render(own[key], values) if key in own else t(key, **values)
    return page_t


def task_text(task: str) -> str:
    """A model task's name in the console's language; unknown tasks as they are."""
    return t(f"task.{task}") if f"task.{task}" in STRINGS else task


def label_text(task: str, label: str) -> str:
    """A model label in the console's language ("Amenaza colectiva"); unknown labels as they are."""
    for key in (f"label.{task}.{label}", f"label.{label}"):
        if key in STRINGS:
            return t(key)
    return label


def page_title(page: dict) -> str:
    """A page's title (from its PAGE header) in the console's current language."""
    return _render(page["title"], {})


def _render(entry: dict[str, str], values: dict[str, object]) -> str:
    text = entry.get(current_language()) or entry["es"]
    return text.format(**values) if values else text
