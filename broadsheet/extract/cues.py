"""Every cue word and mark the extractor reads, in one place (as trafilatura keeps its XPaths).

Cues are generic web vocabulary in a few major languages, never one site's phrases. Where two
stages read a cue differently, both entries stand here side by side, named for their use.
Patterns whose name says "lower" are matched against lower-cased text (faster than IGNORECASE).
"""

from __future__ import annotations

import re

# Scripts written without spaces between words: their length is counted in characters.
UNSPACED = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)

# The commonest function words of major languages written with spaces. Running text is full
# of them; headlines, captions and menus are not.
FUNCTION_WORDS = frozenset(
    """the a an of to in and is that for on with as was by it at from be are has have this not
    or but der die das und ist nicht mit von zu den ein eine im auf für le la les des et est
    une un du en que qui dans pour pas sur au el los las y es una del por con para se o os as
    e um uma do da em não il lo gli di che non het een van dat op te и в не на что с по как
    это к из""".split()
)

# --- images, forms -------------------------------------------------------------------------
IMAGE = re.compile(
    r"^(?:!?\[[^\]]*\]|<[^>]*>|\S+\.(?:jpe?g|png|gif|webp|svg|bmp)|"
    r"(?:image|img|photo|picture|foto|bild|imagen|immagine)\s*[:\]]?)$",
    re.IGNORECASE,
)
# ... and one set at the end of a line of text, named by its file ("Headline[7fc20280-b]").
IMAGE_AFTER_TEXT = re.compile(r"\s*\[[^\]\s]+\]$")
FORM_FIELD = re.compile(r"\[(?:\s+|_+)\]|\[\s{2,}|\(\s\)|_{4,}")
REQUIRED_LABEL = re.compile(r"^[^\d\W][^*]{0,40}\*\s*$")

# --- dates and times ------------------------------------------------------------------

# A clock time, a numeric date, a day next to a year ("Nov 19, 2019", "19 May 2016",
# "2019年11月20日"); a bare year is not a date ("Euro 2020 qualifying"): headlines and datelines.
DATE_OR_TIME = re.compile(
    r"\d{1,2}:\d{2}|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\d\s*[年月日년월일]"
    r"|\b\d{1,2}(st|nd|rd|th)?\W+(\w+\W+)?(19|20)\d{2}\b|\b(19|20)\d{2}\W+(\w+\W+)?\d{1,2}\b"
)
# ... and for the cleaner's publication stamps a bare year counts too.
DATE_OR_YEAR = re.compile(
    r"\d{1,2}:\d{2}|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b(?:19|20)\d{2}\b|\d+\s*[年月日년월일]"
)
# Times and time zones next to a date ("at 9:11 a.m. EST", "15:33 Uhr", "10時00分").
CLOCK = re.compile(
    r"\d{1,2}[:h.]\d\d(?::\d\d)?|\d{1,2}\s*[時时시]\s*\d{1,2}\s*[分분]"
    r"|(?i:\b(?:[ap]\.?m\.?|uhr|kl|at|um|à)(?!\w))|\b[A-Z]{2,4}\b"
)

# Labels before a date. Latin/Cyrillic/Greek words need word boundaries; CJK ones cannot have them.


def _alternation(words: str) -> str:
    return "|".join(sorted((re.escape(w) for w in words.split("|")), key=len, reverse=True))


_PUBLISHED_WORDS = _alternation(
    "published|publish date|publication date|first published|originally published|posted|posted on"
    "|released|created|créé|créée|creado|creato|criado"
    "|veröffentlicht|erschienen|erstellt|publiziert|erscheinungsdatum|veröffentlichung"
    "|publié|publiée|publié le|mis en ligne|date de publication|parution"
    "|publicado|publicada|fecha de publicación|pubblicato|pubblicata|data di pubblicazione"
    "|gepubliceerd|geplaatst|opublikowano|data publikacji|publikováno|vydáno|publikované"
    "|опубликовано|дата публикации|опубліковано|дата публікації|опублікувано"
    "|yayınlanma|yayın tarihi|yayımlanma|publicerad|publicerat|publiceret|udgivet|publisert"
    "|julkaistu|megjelent|közzétéve|publikálva|publicat|δημοσιεύθηκε|δημοσίευση"
    "|diterbitkan|dipublikasikan|ngày đăng|đăng|نشر|تاريخ النشر|פורסם"
)
_PUBLISHED_CJK = _alternation("发布|發布|发表|發表|发布时间|發佈|发稿|公開|投稿|掲載|配信|입력|등록|게재|작성")
# "Date:" says a date follows, not whose: weaker than "Published".
_DATE_WORDS = _alternation("date|dated|datum|fecha|data|дата|tarih|tanggal|ημερομηνία|dato|päivämäärä")
_DATE_CJK = _alternation("日期|日時|날짜")
_UPDATED_WORDS = _alternation(
    "updated|last updated|modified|last modified|edited|last edited|aktualisiert|zuletzt aktualisiert"
    "|geändert|zuletzt geändert|bearbeitet|zuletzt bearbeitet|stand|aktualisierung|letzte aktualisierung"
    "|mis à jour|modifié|modifiée|actualizado|actualizada|actualización|aggiornato|aggiornata"
    "|atualizado|atualizada|bijgewerkt|laatst bijgewerkt|zaktualizowano|aktualizacja|aktualizováno"
    "|обновлено|оновлено|güncellendi|güncelleme|uppdaterad|uppdaterat|opdateret|oppdatert"
    "|päivitetty|frissítve|actualizat|ενημερώθηκε|diperbarui|cập nhật|تحديث|עודכן"
)
_UPDATED_CJK = _alternation("更新|수정")
UPDATED_AFTER = re.compile(rf"\W{{0,3}}(?:{_UPDATED_WORDS}|{_UPDATED_CJK})(?!\w)", re.IGNORECASE)
DATE_LABEL = re.compile(
    rf"(?<!\w)(?P<pub>{_PUBLISHED_WORDS})(?!\w)|(?P<pubcjk>{_PUBLISHED_CJK})"
    rf"|(?<!\w)(?P<upd>{_UPDATED_WORDS})(?!\w)|(?P<updcjk>{_UPDATED_CJK})"
    rf"|(?<!\w)(?P<date>{_DATE_WORDS})(?!\w)|(?P<datecjk>{_DATE_CJK})",
    re.IGNORECASE,
)

# --- bylines, credits, copyright ------------------------------------------------------------

# A short "By Name" line (cleaner, title, dateline).
BYLINE_START = re.compile(r"^(?:by|von|par|por|di|door|av|od|от|przez)\s+\w", re.IGNORECASE)
# A byline anywhere next to a date ("Posted by X on", "| por X", "记者").
BYLINE_NEAR_DATE = re.compile(
    r"(?:^|[|/·•,–—:-]\s*)(?:por|di|av|af|od|от|від|yazar)\s+\S"
    r"|(?<!\w)(?:by|von|par|door|автор|author|autor|auteur)(?!\w)\W*\s*\S|作者|记者|記者|기자",
    re.IGNORECASE,
)
# A copyright or rights notice (cleaner, lower-cased text).
COPYRIGHT_LOWER = re.compile(
    r"©|ⓒ|\(c\)\s*\d{4}|copyright|rights reserved|droits réservés|rechte vorbehalten|"
    r"derechos reservados|direitos reservados|diritti riservati|права защищены|"
    r"版权所有|版權所有|無断転載|무단전재|저작권"
)
# ... as dates read it: a date after it is the notice's year, not the story's.
COPYRIGHT_NEAR_DATE = re.compile(
    r"©|\(c\)\s|copyright|all rights reserved|alle rechte|tous droits|todos los derechos"
    r"|tutti i diritti|版权|版權|저작권",
    re.IGNORECASE,
)
# The mark itself, as the outlet reads a notice's owner around it ("© Name", "(c) 2024 Name").
COPYRIGHT_MARK_PATTERN = r"(?:©|ⓒ|\(c\)|copyright|&copy;)"
COPYRIGHT_MARK = re.compile(r"[©ⓒ]|\(c\)", re.IGNORECASE)
# ... as the outlet reads it: a notice names the page's owner ("© 2019 Name", "Name 2025 ©").
COPYRIGHT_OWNER = re.compile(
    r"\bcopyright\b|rights reserved|[©ⓒ]\s*(19|20)\d\d|(19|20)\d\d\s*[©ⓒ]", re.IGNORECASE
)
# A photo credit (cleaner, lower-cased text).
PHOTO_CREDIT_LOWER = re.compile(
    r"(?:photo(?:graph)?s?|image|picture|credit|foto|bild|imagen|immagine|фото)"
    r"\s*(?:by|von|de|di|por|:|\|)|"
    r"getty\s*images|shutterstock|istock|ap photo|/\s*(?:afp|ap|reuters|epa)\b"
)
# ... as dates read it: a date in a credit or caption is the photo's.
PHOTO_NEAR_DATE = re.compile(
    r"(?<!\w)(?:photo|foto|fotó|φωτο|фото|image|bild|picture|pictured|credit|getty|shutterstock|imago"
    r"|file)(?!\w)|图|圖|사진",
    re.IGNORECASE,
)
# ... as titles and wires read it: a credit line, or an agency credited for a photo.
CREDIT = re.compile(
    r"©|ⓒ|\b(photos?|image|picture|credit|foto|getty|shutterstock)\b|/\s*(afp|ap|reuters|epa)\b"
    r"|\((afp|ap|reuters|epa|xinhua|anadolu)\)$",
    re.IGNORECASE,
)
# ... as the outlet reads it: a name inside a photo credit names the photographer's agency.
CREDIT_NAMING = re.compile(
    r"\b(photos?|image|picture|credit|foto|getty|shutterstock)\b|[©ⓒ][^/]*/|^\W*[©ⓒ]\s*[^\W\d]",
    re.IGNORECASE,
)
# Links of a site's legal footer: a "© Name" line holding them is the site's notice, not a credit.
LEGAL_FOOTER = re.compile(
    r"\b(?:impressum|datenschutz|privacy|terms|cookies?|kontakt|contact|imprint|mentions légales|aviso legal|"
    r"privacidad|informativa|personvern|integritet)", re.IGNORECASE
)
# "… in Kabul. [Getty]", "… in 2004. (NASA/JPL)": a caption that ends in its credit.
TRAILING_CREDIT = re.compile(r"\S\s*(?:\[[^\]]{1,40}\]|\([^)]{0,40}/[^)]{0,40}\))$")
NAME_SEPARATORS = re.compile(r"\s*[/|]\s*")
# A name that is reported, quoted or cited is a source: "according to Reuters", "X reported".
SOURCE_CUE = re.compile(
    r"\b(according to|told|said|says|reported|reports|reporting|quoted|quoting|cited|citing"
    r"|via|wrote|writes|interview with|an? \w+ (for|with|from))\b",
    re.IGNORECASE,
)
# An embedded social-media post, whose date is the post's.
EMBED = re.compile(r"\(@\w|\s@\w+\)|post shared by", re.IGNORECASE)

# --- navigation, sharing, page sections ----------------------------------------------------

# Share rows: words that start with one of these stems (lower-cased text).
SHARE_WORD_LOWER = re.compile(
    r"\b(?:share|tweet|facebook|twitter|whatsapp|pinterest|linkedin|reddit|e-?mail|print|telegram|"
    r"pocket|flipboard|messenger|google|copy|link|follow|subscribe|compartilh|partag|teilen|"
    r"condivid|compart|imprim|drucken|поделит)"
)
# "About the author", "Über Name", "Sobre a empresa": the box that follows an article.
ABOUT_CUE = re.compile(r"^(?:about|über|sobre|à propos|acerca de|a proposito)\b", re.IGNORECASE)
COMMENT_CUE_LOWER = re.compile(
    r"comment|komment|коммент|coment|repl(?:y|ies)|respuesta|resposta|risposta|réponse|"
    r"reacties|discus|diskus"
)
# A line that prompts to share or follow, and social networks named in a row of buttons.
SHARE_PROMPT = re.compile(r"^(share|tweet|e-?mail|print|follow|subscribe)\b", re.IGNORECASE)
SOCIAL = re.compile(r"facebook|twitter|tweet|whatsapp|pinterest|linkedin|reddit|e-?mail", re.IGNORECASE)
# Skip links and accessibility furniture at the top of a page ("Skip to main content").
SKIP_LINK = re.compile(
    r"^\W*(?:skip|jump|go) to\b|^\W*(?:zum|zur|direkt zum) (?:haupt)?inhalt|hauptinhalt|"
    r"^\W*(?:aller|passer) au contenu|^\W*(?:ir|saltar) al contenido|^\W*vai al contenuto|"
    r"^\W*(?:try|please) (?:refreshing|reload|enable)|javascript",
    re.IGNORECASE,
)
# Account, subscription (and its price), reading-time, saved-article and app furniture that
# stands near a headline and has its shape ("Menü schließen Login", "Tiempo de lectura: 6 min"),
# and notes on the page itself ("Dieser Artikel wurde …", "Share this article") (titles).
TITLE_FURNITURE = re.compile(
    r"(?<!\w)(?:(?:this|dieser|diesen|dieses|cet|este|questo|dit|deze|denne|detta|эта|эту)"
    r" (?:article|artikel|artículo|articolo|artigo|статья|статью)"
    r"|menu|menü|log ?in|log ?out|sign ?in|sign ?up|anmelden|einloggen|iniciar sesión|se connecter"
    r"|accedi|zaloguj|logg inn|logga in|my account|mein konto|mi cuenta|mon compte|account settings"
    r"|subscribe|abonnieren|abo kaufen|suscríbete|abonnez-vous|abbonati|e-?paper|newsletters?"
    r"|reading time|min read|minute read|lesezeit|lesedauer|tiempo de lectura|temps de lecture"
    r"|tempo di lettura|leestijd|lesetid|lästid|saved articles?|artikel gespeichert|article saved"
    r"|hai salvato|(?:your|ihr|votre|tu|su) (?:\w+ )?(?:browser|navigateur|navegador)"
    r"|registrados|suscriptores|abonnenten|abonnés|in der app|in the app|podcasts"
    r"|(?:un|votre|your|an|ein|dein|tu|una) (?:compte|account|konto|cuenta|conta)"
    r"|(?:copy|kopiere?|copier|copiar|copia) (?:\w+ )*?(?:link|lien|enlace|url)|link kopieren"
    r"|partager|teilen|compartir|condividi|compartilhar|udostępnij|поделиться"
    r"|full ?screen|vollbild|plein écran|pantalla completa|на весь экран"
    # an offer's price per period, the way offers write it ("Join for £1/week", "dès 2,99€/mois"):
    # a headline says "$10 a month"
    r"|(?:[£$€]\s?\d+(?:[.,]\d+)?|\d+(?:[.,]\d+)?\s?(?:[£$€]|euro|eur|kr|zł))\s?/\s?"
    r"(?:week|month|year|woche|monat|jahr|semaine|mois|an|mes|año|semana|vecka|månad|år|uke|måned"
    r"|tydzień|miesiąc))(?!\w)",
    re.IGNORECASE,
)
# A line of nothing but a toggle's labels ("Show more Show less", "Vis mer Vis mindre") (titles).
_TOGGLE = (
    r"(?:show|see|view) (?:more|less)|visa? (?:mer|mindre)|(?:mehr|weniger) anzeigen|voir (?:plus|moins)"
    r"|ver (?:más|menos)|mostra (?:di più|meno)|toon (?:meer|minder)|pokaż (?:więcej|mniej)"
    r"|показать (?:больше|меньше|ещё|еще)|daha (?:fazla|az) göster"
)
TOGGLE_LABELS = re.compile(rf"^\W*(?:{_TOGGLE})(?:\W+(?:{_TOGGLE}))*\W*$", re.IGNORECASE)
# The heading of a list of other stories ("Related articles", "Czytaj więcej"): the headlines
# after it, up to the article, are theirs (titles).
STORY_LIST_HEADING = re.compile(
    r"^\W*(?:related|read more|read also|also read|more on this|more stories|most read|latest"
    r"|recommended|lesen sie auch|auch interessant|mehr zum thema|das könnte sie auch interessieren"
    r"|lire aussi|à lire aussi|sur le même sujet|leer más|lee también|noticias? relacionadas?"
    r"|leggi anche|ti potrebbe interessare|czytaj (?:więcej|też|także)|zobacz (?:też|także)"
    r"|читайте также|по теме|les også|läs också|läs mer|se også|lees ook|ilgili haberler)\b",
    re.IGNORECASE,
)
# HTML bodies: "Related:" cross-links, promo headings with their link lists, newsletter pitches.
CROSS_LINK = re.compile(
    r"^\W*(related|read more|read also|also read|see more|see also|more|watch|listen"
    r"|recommended|must read)\b[^:\w]*:",
    re.IGNORECASE,
)
PROMO_HEADING = re.compile(
    r"^\W*(don'?t miss|you (may|might) also like|recommended( for you)?|most (read|popular)"
    r"|related (posts|articles|stories|news|content)|more (stories|from)|tags|trending"
    r"|also on|further reading)(\s+(in|from|on)\s.*)?\W*$",
    re.IGNORECASE,
)
PITCH = re.compile(
    r"\b(subscribe|sign up|inbox)\b|\bnewsletters?\b.*\b(free|daily|weekly|get|receive|our)\b"
    r"|\b(free|daily|weekly|get|receive|our)\b.*\bnewsletters?\b",
    re.IGNORECASE,
)

# --- pages that stand in for an article: consent and paywalls, error pages -----------------

CONSENT_CUE_LOWER = re.compile(
    r"\bcookies?\b|\bconsent|\bgdpr\b|\bdsgvo\b|einwilligung|zustimm|datenschutzeinstellung|"
    r"consentement|consentimiento|consenso|consentimento|accept(?:er|ar|ez)? (?:all|tout|todo)|"
    r"alle akzeptieren|tout accepter|aceptar todo|accetta tutt|aceitar tod|"
    r"privacy (?:settings|preferences)|your privacy|\bvendors\b|\bpartners\b|partenaires"
)
PAYWALL_CUE_LOWER = re.compile(
    r"(?:subscribe|sign in|log in|register) (?:now )?to (?:continue|keep) reading|"
    r"(?:subscribe|sign in|log in) (?:now )?to (?:read|unlock|access) (?:the|this|more)|"
    r"subscribers?[ -]only|(?:only|exclusively) for (?:paying |premium )?subscribers|"
    r"this (?:article|story|content) is (?:for|reserved for|available to) (?:paying |premium )?subscribers|"
    r"already a (?:subscriber|member)\?|reached (?:your|the) (?:limit|maximum) of free|"
    r"nur für abonnenten|exklusiv für abonnenten|weiterlesen mit|abonnieren und weiterlesen|"
    r"réservé aux abonnés|abonnez-vous pour (?:lire|continuer)|"
    r"(?:exclusivo|solo|sólo) para (?:suscriptores|assinantes)|suscríbete para (?:seguir|continuar) leyendo|"
    r"riservato agli abbonati|abbonati per (?:continuare a )?leggere|assine para (?:continuar|ler)"
)
# An error page's title starts with its status ("404 Not Found", "Error 500", "404 - Page not
# found") or says the page is not found ("Seite nicht gefunden – Site"); a headline that
# mentions an error ("Website shows 404 error for hours") does neither.
_ERROR_WORD = (
    r"not found|error|forbidden|gone|unavailable|fehler|erreur|errore|erro|nicht gefunden|"
    r"introuvable|no encontrad|non trovat|não encontrad|niet gevonden|не найден|ошибка|page"
)
_ERROR_TITLE = re.compile(
    rf"\W*(?:(?:error|fehler|erreur|errore|erro|ошибка)\s*[-:]?\s*(?:4\d\d|5\d\d)\b"
    rf"|(?:4\d\d|5\d\d)\b(?:\W*$|\W*(?:{_ERROR_WORD}))"
    r"|(?:sorry|oops)?\W*(?:the )?(?:page (?:not found|cannot be found|could not be found|does not exist)|"
    r"seite (?:wurde )?nicht gefunden|page (?:introuvable|non trouvée)|página no encontrada|"
    r"pagina non trovata|página não encontrada|pagina niet gevonden|страница не найдена|"
    r"sayfa bulunamadı|nie znaleziono strony|"
    r"页面不存在|页面未找到|找不到页面|ページが見つかりません|페이지를 찾을 수 없))"
)


def wall_cue(text: str) -> tuple[str, str] | None:
    """("paywall" | "consent wall", the words seen) when `text` asks for a subscription, or
    for consent in two cues ("cookies" alone is often a story's word), instead of telling."""
    lower = text.lower()
    m = PAYWALL_CUE_LOWER.search(lower)
    if m:
        return "paywall", m.group()
    cues = {m.group().rstrip("s") for m in CONSENT_CUE_LOWER.finditer(lower)}  # "cookie(s)" is one cue
    if len(cues) >= 2:
        return "consent wall", ", ".join(sorted(cues))
    return None


def error_title(text: str) -> bool:
    """Whether a title-length `text` names an error page ("404 Not Found", "Seite nicht gefunden")."""
    return len(text.split()) <= 12 and bool(_ERROR_TITLE.match(text.lower()))




def may_be_copyright(lower: str) -> bool:
    """A cheap test that COPYRIGHT_LOWER may match: one of its cues' stems is in the text."""
    return (
        "(c)" in lower
        or "copyright" in lower
        or "reserv" in lower  # reserved, réservés, reservados
        or "riserv" in lower
        or "vorbehalt" in lower
        or not lower.isascii()
        and (
            "©" in lower
            or "ⓒ" in lower
            or "réserv" in lower
            or "защищ" in lower
            or "版" in lower
            or "無断" in lower
            or "무단" in lower
            or "저작권" in lower
        )
    )



def may_cue_photo(lower: str) -> bool:
    """A cheap test that PHOTO_CREDIT_LOWER may match: one of its stems is in the text."""
    return (
        "/" in lower
        or "phot" in lower
        or "mag" in lower  # image, imagen, immagine
        or "pictur" in lower
        or "credit" in lower
        or "foto" in lower
        or "bild" in lower
        or "фото" in lower
        or "getty" in lower
        or "stock" in lower
    )


# --- the outlet a page names (identity.py) ---------------------------------------------
# A logo line: "Name logo", "Logo: Name", "[Name-logo header]".
LOGO = re.compile(
    r"(?:logo\b\s*[:\-]?\s*(?P<after>[^\W\d_].{1,40}?)|(?P<before>[^\W\d_].{1,40}?)[\s_-]*\blogo\b(?:[\s_-]+\w+){0,4})",
    re.IGNORECASE,
)
# "All rights reserved" in a few languages: the end of a copyright owner's name.
RIGHTS_RESERVED = re.compile(r"all rights|alle rechte|tous droits|todos los derechos|tutti i diritti|alle rettigheter", re.IGNORECASE)
# Legal forms after which a company's name is the outlet's ("Name Media LLC" -> "Name Media").
LEGAL_FORM = re.compile(
    r"[\s,]+(?:llc|ltd\.?|limited|inc\.?|plc|gmbh|ggmbh|ag|as|asa|ab|a/s|s\.a\.|sa|s\.l\.|b\.v\.|bv|nv|"
    r"spa|s\.p\.a\.|srl|eg|kg|co\.?|&\s*co\.?(?:\s*kg)?|company|corp\.?|corporation|oy|oyj)\s*$",
    re.IGNORECASE,
)
LEGAL_PREFIX = re.compile(r"^(?:ао|оао|зао|ооо|pt|pjsc|jsc)\s+", re.IGNORECASE)
# Furniture where a site names itself: "More from Name", "Follow Name on", "Über Name" (before
# the name, at the start of a line) and "Name newsletter", "Name app" (after).
SELF_REFERENCE_BEFORE = re.compile(
    r"(?:more (?:from|on)|follow|subscribe to|sign up (?:to|for)|about|support|download the|"
    r"mehr (?:von|aus|bei)|folgen sie|über|abonnieren sie|suivez|plus de|à propos de|"
    r"síguenos en|sigue a|más de|sobre|segui|chi è|meer van|volg|over|mer från|mer fra|følg|följ|om|"
    r"obserwuj|więcej z|o nas|"
    # a home link's text, jobs at the site
    r"back to|zu(?:r)? startseite|retour à|volver a|torna a|tillbaka till|careers at|jobs (?:at|bei)|"
    r"karriere bei|work (?:at|for))\s+",
    re.IGNORECASE,
)
SELF_REFERENCE_AFTER = re.compile(
    r"[\s-]+(?:newsletters?|app)\b", re.IGNORECASE
)
# Words a self-reference line holds where a name would be ("Follow Us", "About This").
NOT_A_SELF_NAME = frozenset(
    "us uns nous nos me this our unser unsere nuestro noi ons oss os the die der das den le la les el il het de".split()
)
# Generic words a logo line or a notice can hold instead of a name.
NOT_AN_OUTLET_NAME = frozenset(
    "home menu search logo site image all rights reserved the copyright news startseite inicio accueil".split()
)
# Buttons, badges and sections that stand where a masthead would (matched against a whole
# name): subscription badges ("Plus", "Hazte premium"), "more", account and settings links,
# social networks, sections.
FURNITURE_NAME = re.compile(
    r"(?:(?:hazte|become|get|go|werde|try|köp|kjøp)\s+)?(?:plus|pluss|premium|abo|abonnement|e-?paper|e-wydanie|"
    r"member(?:ship)?)(?:\s+testen)?|join(?: now| us)?|subscribe|abonnieren|s'abonner|suscr[ií]bete|abbonati|"
    r"assine|prenumerera|abonner|more|mehr|mer|más|altro|meer|więcej|ещё|jetzt|now|"
    r"log ?in|log ?out|sign ?in|sign ?up|register|registrieren|anmelden|abmelden|einloggen|logga (?:in|ut)|"
    r"logg (?:inn|ut)|zaloguj(?: się)?|connexion|se connecter|iniciar sesi[oó]n|entrar|accedi|inloggen|"
    r"account|konto|profil|profile|settings|einstellungen|inställningar|innstillinger|paramètres|ajustes|"
    r"impostazioni|twitter|x|facebook|instagram|youtube|tiktok|linkedin|whatsapp|telegram|pinterest|threads|"
    r"mastodon|snapchat|bluesky|rss|sport|sports|video|videos|podcasts?|newsletters?|live|"
    r"menü|meny|menú|меню|follow|folgen|følg|följ|suivre|seguir|segui|"
    r"advertisement|anzeige|werbung|annonce|annons|reklame|reklama|publicidad|publicité|pubblicità|sponsored|"
    r"(?:dark|light) mode|(?:dunkler|heller) modus|mode (?:sombre|clair)|modo (?:oscuro|claro)|(?:mörkt|ljust) läge",
    re.IGNORECASE,
)
# A line naming the site's owner rather than the site: the owner follows OWNER_BEFORE ("A
# division of Owner", "Eine Webseite der Owner", "Name - Property of Owner") or precedes
# OWNER_AFTER ("a Owner plc subsidiary", "Owner and affiliated companies").
OWNER_BEFORE = re.compile(
    r"\b(?:a division of|a subsidiary of|a unit of|property of|owned by|a member of|a (?:brand|publication|website|site) of|"
    r"eine? (?:webseite|website|marke|seite|publikation|angebot|unternehmen) (?:der|des|von)|"
    r"andere (?:websites|webseiten|angebote) (?:der|des|von)|une (?:marque|filiale|publication|société) d[ue]s?|"
    r"filiale d[ue]s?|una (?:marca|empresa|publicación) de|filial de|un marchio di|en del av|ett företag inom)"
    r" +(?:(?:the|der|des) +)?",
    re.IGNORECASE,
)
OWNER_AFTER = re.compile(r"\b(?:subsidiary|(?:and|&) (?:its )?affiliate(?:d companies|s))\b", re.IGNORECASE)
# ... both in one pass over lower-cased text, to find the lines worth reading.
OWNER_LOWER = re.compile(r"\b(?:" + OWNER_BEFORE.pattern.removeprefix(r"\b") + "|" + OWNER_AFTER.pattern.removeprefix(r"\b") + ")")
# Words of a company's name rather than a masthead's ("Verlag", "Media Group", "plc"): a notice
# holding one often names the publisher, so it counts for less.
CORPORATE = re.compile(
    r"\b(?:group|gruppe|mediengruppe|verlagsgruppe|groupe|grupo|gruppo|groep|holdings?|verlag|konzern|medien|"
    r"media|entertainment|newspapers|publishing|publications|editorial|ediciones|éditions|edizioni|"
    r"llc|ltd|limited|inc|plc|gmbh|co\.\s*kg|corp|corporation)\b|\bs\.\s?[al]\.",
    re.IGNORECASE,
)
# A heading the author's name follows ("Contact the author:"): that name is a person's.
AUTHOR_HEADING = re.compile(
    r"\W*(?:contact the author|about the author|the author|authors?|written by|über (?:den|die) autor(?:in)?|"
    r"autor(?:in|en)?|auteur|autore|skribent|forfatter)\W*",
    re.IGNORECASE,
)
# "By Jane Doe for Name": the outlet a byline credits follows the word.
BYLINE_FOR = re.compile(r"\s(?:for|für|pour|para)\s+(?:the\s+)?", re.IGNORECASE)
