"""Rule vocabularies, grouped by concept: the words and patterns that mark a block as boilerplate.

Each concept has two parts: TEXT patterns matched against the (lower-cased) block text (multilingual: en, de,
fr, es, it, pt, nl) and DOM tokens matched against class/id/role tokens of the block's ancestors.
Heuristics in :mod:`cleaner.rules.text_heuristics` and :mod:`cleaner.rules.dom_heuristics` decide
how much weight a match carries; :mod:`cleaner.rules.patterns` compiles the patterns.
"""
from __future__ import annotations

from .patterns import Vocabulary


def _rx(*parts: str) -> Vocabulary:
    """A vocabulary matched against lower-cased block text (case-sensitive matching is ~2x faster)."""
    return Vocabulary(*parts)


def _rx_cased(*parts: str) -> Vocabulary:
    """A vocabulary that reads capitals (names): matched case-sensitively against the original
    text; parts that may be in any case say so with ``(?i:...)``."""
    return Vocabulary(*parts, cased=True)


# --- captions: photo credits, alt text, "Photo:" lines -------------------------------------
#: A credit in brackets at the end of a caption: "(Reuters: Kevin Lamarque)", "(Foto: dpa)".
CREDIT_TAIL = _rx(
    r"[(\[]\s*(?:photo|picture|image|foto|bild|crédit|credit|photographie|imagen|immagine|"
    r"fotografía|reuters|ap|afp|getty|dpa|epa|abc|supplied|file|archive|archiv|picture alliance|"
    r"aap|pa|bloomberg|xinhua|efe|ansa|keystone|imago|shutterstock|istock)[^()\[\]]{0,80}[)\]]\s*$",
)
#: A credit line on its own or at the start: "Photo: X", "Foto: dpa", "Crédit photo : AFP".
CREDIT_LINE = _rx(
    r"^\s*(?:photo|photos|picture|image|foto|fotos|bild|bilder|crédit(?:s)?(?: photo)?|credit|"
    r"photograph|fotografía|imagen|immagine|source de l'image|illustration)\s*(?:by|von|de|:|/|©)",
    r"©\s*[^\W\d]",
    r"\b(?:getty images|shutterstock|istock(?:photo)?|picture[- ]alliance|imago images|"
    r"ap photo|afp photo|reuters/|epa-efe|dpa/)\b",
    r"^\s*(?:file photo|archivbild|symbolbild|symbolfoto)\b",
    r"\b(?:photo|foto|bild|image|credit|crédit)\s*:\s*[^.:]{2,60}$",
    r"^\s*(?:image|photo|picture|bild|foto|slide)?\s*\d+\s*(?:of|/|von|sur|de)\s*\d+",
    r",\s*(?:left|right|centre|center|second left|second right|from left|l-r|r-l)\s*[,)]",
    r"\((?:left|right|center|centre|l|r|c|l-r|r-l)\)",
    r"\bcredit(?:\.\.\.|…)", r"^\s*(?:image|photo|picture|foto|bild)\s+(?:copyright|©|credit)", r"^\s*(?:above|below|top|pictured|im bild|ci-dessus|arriba)\s*:",
    r"\bfile (?:photo|image)\b", r"^\s*(?:satellite|aerial|archive) (?:image|photo|view) of\b",
    # a caption toggle's label, alone or glued to its caption: "Caption", "Bildunterschrift",
    # "Image caption", "Media captionThe ..."
    r"^\s*(?:caption|bildunterschrift|légende)\s*$",
    r"^\s*(?:image|media|video|photo) ?caption(?!s\b|ed\b|ing\b)",
)
#: A news dateline: "Hamburg (dpa/lno) – ...", "Wien (APA) -": the agency opens the story, it
#: does not credit a photo.
DATELINE = _rx(
    r"^\s*[^\W\d][\w./' -]{1,40}\s*\((?:dpa|afp|ap|reuters|kna|epd|sid|apa|ots|efe|ansa|sda|ddp|"
    r"dts|idea|red)(?:[/-]\w+)*\)\s*[-–—:]",
)
#: A news photo's caption: a scene in the present tense ("X speaks during ...", "Y looks on as
#: ...") dated to the day and year in the same sentence, or dated the agencies' way, weekday and
#: full date ("..., Tuesday, Nov. 19, 2019, in Albany"); a story tells dated events in the past
#: and names the weekday or the date.
CAPTION_SCENE = _rx(
    r"\b(?:looks on|speaks|arrives|gestures|poses|reacts|testifies|waves|walks|stands|sits|attends|"
    r"delivers|listens|is seen|are seen|pictured|talks|takes off|holds|uses)\b[^.]{0,200}?"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}, (?:19|20)\d\d\b",
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day,? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|"
    r"nov|dec)[a-z]*\.? \d{1,2}, (?:19|20)\d\d\b",
)
#: A credit line on its own, photographer and agency joined by "/" or "|", no keyword before it
#: ("Sanjeev Verma/Hindustan Times/Getty Images", "Jane Doe | Bloomberg | Getty Images"): it
#: follows the caption it credits.
TRAILING_CREDIT = _rx(
    r"^\s*[^\W\d][^/|]{1,40}(?:\s*[/|]\s*[^/|]{2,40}){1,3}\s*$",
)
CREDIT_AGENCY = _rx(
    r"\b(?:getty images|reuters|ap|afp|bloomberg|epa|shutterstock|istock|dpa|xinhua|anadolu|"
    r"nurphoto|sopa images|zuma|alamy|imago|picture alliance|efe|ansa|keystone|aap|pa)\b",
)
CAPTION_TOKENS = frozenset({
    "caption", "figcaption", "credit", "credits", "photo", "photos", "image", "img", "media",
    "gallery", "slideshow", "lightbox", "picture", "thumbnail", "thumb", "copyright",
})
#: Tokens that name the caption itself, not just a box with a picture in it ("text-image",
#: "media-teaser", "thumbnail-card" also hold paragraphs of story or teaser text).
CAPTION_OWN_TOKENS = frozenset({"caption", "figcaption", "credit", "credits", "copyright"})

# --- promos: newsletters, subscriptions, apps, ads ----------------------------------------
PROMO = _rx(
    r"\b(?:newsletters?|subscri(?:be|ption|ber)\w*|sign (?:up|in)|(?:download|get|install) (?:\w+ ){0,4}apps?|"
    r"app store|google play|follow us|chat with us|if you (?:enjoyed|liked) this (?:article|story|post)|"
    r"follow (?:[\w@()'’.-]+ ){1,6}on (?:facebook|twitter|instagram|youtube|linkedin|tiktok)|"
    r"share (?:it|this(?: \w+)?) with (?:a friend|your friends)|"
    r"delivered (?:to|through) your (?:letterbox|door|doorstep|inbox)|advertisement|sponsored|partner content|"
    r"abonn(?:ieren|ement|ez|er)|abo|jetzt (?:lesen|testen|abonnieren|registrieren)|s'abonner|"
    r"abonnez-vous|suscr[ií]b(?:ete|irse|ase)|suscripci[oó]n|iscriviti|abbonati|assine|"
    r"inscreva-se|meld je aan|unlimited access|free trial|register (?:now|for free|to)|"
    r"create (?:a free|an) account|support (?:our|independent) journalism|donate|podcast|"
    r"exclusive offer|paywall|kostenlos (?:testen|registrieren)|plus-artikel|"
    r"réservée? aux abonnés|contenido exclusivo|(?:to|in) your inbox|in ihr postfach|"
    r"boîte (?:mail|de réception)|free app|download now|(?:news|breaking news) alerts|offre spéciale|"
    r"sans engagement|il vous reste \d+ ?%|patrocinado|affiliate links?|earn a commission|"
    r"commission (?:on|from) (?:purchases|sales)|jetzt bestellen|buy now|shop now|"
    r"aktuelle angebote|best (?:price|deals?)|meilleur prix|unsubscribe|no spam|"
    r"join (?:our|the) (?:\w+ )?(?:forums?|community|mailing list))\b",
    r"^\s*(?:ad|ads|advert|anzeige|werbung|publicité|publicidad|pubblicità|advertentie|gesponsert|reklama|iklan)"
    r"\s*(?:$|[-:|]\s)",
)
#: Calls to action addressed to the reader: subscribe, log in, sign up, donate, follow, join the
#: channel. Phrased as requests, so they do not match a story that reports on subscriptions.
READER_APPEAL = _rx(
    # en
    r"\bplease (?:subscribe|log ?in|sign (?:in|up)|register|support us|consider)\b",
    r"\b(?:subscribe|sign up|register) (?:now|today|here|for free)\b",
    r"\benter your e-?mail\b", r"\bstraight to your (?:inbox|phone)\b",
    r"\bconsider (?:supporting|subscribing|donating|a donation)\b",
    r"\bsupport (?:our|my) (?:work|journalism|reporting|mission|site|blog)\b",
    r"\bhelp us (?:to )?(?:continue|keep)\b", r"\bbecome a (?:member|subscriber|patron|supporter)\b",
    r"\bwe (?:want|would love|'d love) to hear (?:from you|what you think)\b",
    r"\bsubmit (?:a|your) letter\b", r"\bto (?:view|read|continue reading) the (?:full|whole|rest of the) "
    r"(?:story|article)\b", r"\byou (?:are|'re) not (?:logged|signed) in\b",
    r"\byou must be (?:logged|signed) in\b", r"\b(?:log|sign) in to (?:comment|continue|read|post)\b",
    r"\bgive us (?:your )?feedback\b", r"\bread the rest of (?:the|our|my|this)\b",
    r"\bsubscribers (?:also )?(?:receive|get|enjoy)\b",
    # de
    r"\bmelde(?:n sie sich| dich) (?:hier |jetzt )?(?:\w+ ){0,4}an\b", r"\b(?:ihren|deinen|euren) posteingang\b",
    r"\b(?:sie|du) (?:sind|bist|müssen|musst) (?:\w+ ){0,3}(?:eingeloggt|angemeldet|einloggen|anmelden)\b",
    r"\b(?:jetzt|hier) (?:kostenlos |gratis )?(?:anmelden|registrieren|abonnieren|herunterladen)\b",
    r"\bbenachrichtigung(?:en)? aktivieren\b", r"\bjede (?:kleine )?spende\b",
    r"\bunterstütze(?:n sie)? (?:uns|unsere arbeit|unseren journalismus)\b",
    r"\b(?:erhalten sie|erhältst du) exklusive\b", r"\b\d+ ausgaben (?:gratis|kostenlos)\b",
    r"\bgefällt (?:dir|ihnen) unser\b", r"\bhinterlass(?:e|t|en sie)\b.{0,30}\bkommentar\b",
    # es, fr, it, pt, pl
    r"\bhazte (?:miembro|socio|suscriptor)\b", r"\bs[ií]guenos en\b", r"\búnete (?:a|desde)\b",
    r"\bcanal de (?:telegram|whatsapp|youtube)\b", r"\bcancela cuando quieras\b",
    r"\bapoya (?:nuestro|el) periodismo\b", r"\binscrivez-vous\b", r"\bsoutenez(?:-nous)?\b",
    r"\bsuivez-nous\b", r"\bseguici su\b", r"\bsostieni(?:ci)?\b", r"\bsiga-nos\b",
    r"\bsubskrypc\w*\b", r"\bzapisz się\b", r"\bwesprzyj\b", r"\bdołącz do dyskusji\b",
)
PROMO_TOKENS = frozenset({
    "newsletter", "subscribe", "subscription", "promo", "promotion", "ad", "ads", "advert",
    "advertisement", "adsense", "sponsor", "sponsored", "banner", "paywall", "signup", "cta",
    "dfp", "gpt", "adslot", "adunit", "commercial", "marketing", "offer", "donate", "membership",
})

# --- related: recommended reading and teaser lists ----------------------------------------
RELATED_HEAD = _rx(
    r"^\s*(?:related(?: articles?| stories| posts| content| coverage| news| reading| links)?|"
    r"related (?:articles?|stories|posts|content|coverage|news|reading) (?:from|on|about|in)\b.*|"
    r"don['’]?t miss|do not miss|nicht verpassen|à ne pas manquer|no te pierdas|da non perdere|"
    r"read (?:more|also|next)|more (?:from|on|about|stories|news|in)\b.*|see also|also read|"
    r"more (?:\w+ ){1,3}stories|(?:our |the )?latest (?:\w+ )?stories|next up in\b.*|"
    r"you (?:may|might) (?:also )?(?:like|enjoy|be interested)|recommended(?: for you| stories)?|"
    r"most (?:read|popular|viewed|shared)|trending(?: now| news| stories)?|more(?=\s*:)|top stories|popular(?: posts| now)?|"
    r"latest(?: news| stories| posts)?|what to read next|further reading|editor'?s? picks|"
    r"lesen sie auch|lesen sie mehr|auch interessant|mehr zum thema|weitere (?:nachrichten|meldungen|"
    r"artikel|themen)(?: aus \w+(?: \w+)?)?|more (?:news|stories|headlines)|autres actualités|"
    r"altre notizie|outras notícias|meer nieuws|das könnte sie auch interessieren|"
    r"more (?:[\w-]+ ){1,3}(?:stories|articles|headlines|reads)|"
    r"meistgelesen|weitere artikel|empfehlungen|à lire aussi|lire aussi|à voir aussi|sur le même sujet|"
    r"les plus lus|nos (?:articles|dossiers)|te puede interesar|lee también|leer más|más noticias|"
    r"noticias relacionadas|lo más leído|también te puede interesar|leggi anche|potrebbe interessarti|"
    r"articoli correlati|leia também|veja também|mais lidas|lees ook|meer nieuws|"
    # longer German/Spanish/Polish lead-ins: "Lesen Sie auch die folgenden Beiträge:", "Das Thema
    # könnte dich auch interessieren:", "Mehr zum Thema auf example.de", "Notas relacionadas"
    r"(?:lesen sie|lies) auch(?: (?:die|diese) (?:folgenden )?(?:beiträge|artikel))?|"
    r"(?:das|dieses|dies)(?: thema)? könnte (?:sie|dich|euch) (?:auch )?interessieren|"
    r"mehr zum thema(?: auf \S+)?|weitere (?:beiträge|artikel) (?:aus|zu|zum|von) .{1,40}|"
    r"notas relacionadas|art[ií]culos relacionados|te (?:puede|podría) interesar|"
    r"podría interesarte|przeczytaj (?:też|także|również)|"
    # "Weitere Informationen zum Coronavirus:", "Weitere Infos unter www.example.de", "Entdecke
    # weitere Homestorys", "Alle Artikel zu unseren Recherchen", "More information:"
    r"(?:weitere|mehr) (?:infos?|informationen)(?: (?:zu|zum|zur|unter|auf|über|hierzu) .{1,50})?|"
    r"(?:entdecke|entdecken sie) (?:weitere|mehr)\b.{0,40}|alle (?:artikel|beiträge) (?:zu|zum|über) .{1,40}|"
    r"(?:more|further) information(?: (?:on|about|at) .{1,40})?|más información(?: (?:en|sobre) .{1,40})?|"
    # "Weitere Tourentipps in Schweden", "Auch auf example.de", "Vorschau auf den nächsten Artikel"
    r"weitere [\w-]*(?:tipps|rezepte|artikel|beiträge|themen|nachrichten|geschichten|storys|videos)"
    r"(?: \S+){0,4}|auch (?:auf|bei) [\w.-]+\.[a-z]{2,4}|(?:vorschau auf den )?nächsten? (?:artikel|beitrag)|"
    r"vorherige[rn]? (?:artikel|beitrag)|(?:next|previous) (?:article|post|story))"
    r"\s*[:.!]?\s*$",
)
RELATED_INLINE = _rx(
    r"^\s*(?:related|read more|read also|also read|see also|more|lesen sie auch|mehr dazu|auch interessant|"
    r"weiterlesen|lire aussi|à lire|à lire également|voir aussi|lee también|lea también|leer más|lea más|lea|"
    r"le puede interesar|leggi anche|leia também|leia mais|veja também|lees ook|lees meer|"
    r"czytaj (?:też|także|więcej)|zobacz (?:też|także|również)|dowiedz się więcej|przeczytaj|"
    # "Auch lesen: <headline>", "VEA TAMBIÉN: ...", "PUEDES VER: ...", "À lire aussi » ..."
    r"auch lesen|lesen sie (?:hier|dazu|mehr)|lies auch|lies hier|vea también|ver también|"
    r"mira también|mira|puedes ver|te puede interesar|à lire aussi|lire également|da non perdere)"
    r"\s*[:|»>-]\s*\S",
    r"^\s*(?:schon gelesen|auch interessant|empfehlungen aus der redaktion|das könnte sie interessieren|"
    r"mehr zum thema|war (?:der|dieser) artikel (?:nützlich|hilfreich)|was this (?:article|page) "
    r"helpful|czytaj także|polecamy)\s*[?:!.]?\s*$",
)
#: A summary that ends in its "read more" link: "... [czytaj więcej]", "... Weiterlesen »".
READ_MORE_TAIL = _rx(
    r"[\[(]?\s*(?:read more|continue reading|weiterlesen|mehr lesen|lire la suite|leer más|"
    r"seguir leyendo|leggi (?:tutto|di più)|czytaj (?:więcej|dalej)|lees verder|leia mais)\s*[\])]?"
    r"\s*[»›>→]*\s*$",
)
RELATED_TOKENS = frozenset({
    "related", "recommended", "recommendations", "recirc", "recirculation", "readmore",
    "popular", "trending", "mostread", "outbrain", "taboola", "teaser", "teasers",
    "suggested", "suggestions", "widget", "sidebar", "aside", "rail",
    "latest", "cards", "river", "carousel",
})

#: Short words a Title Case headline leaves in lower case ("Dating Back To the 1940s").
TITLE_SMALL_WORDS = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "with", "by", "from",
    "as", "is", "vs", "de", "la", "le", "les", "des", "du", "el", "los", "las", "y", "e", "et", "und",
    "der", "die", "das", "von", "im", "da", "do", "di", "del",
})

# --- footer: source lines, counters, copyright, share bars, bylines -----------------------
FOOTER = _rx(
    r"^\s*source(?: link)?\s*[:.]?\s*$", r"^\s*(?:quelle|source|fuente|fonte|bron)\s*:\s*\S{0,40}$",
    r"\b(?:visited \d+ times?|\d+ visits? today|views?:\s*\d|all rights reserved|copyright|"
    r"alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|"
    r"tutti i diritti riservati|terms (?:of (?:use|service)|and conditions)|privacy policy|impressum|"
    r"mentions légales|aviso legal|originally (?:appeared|published) (?:on|in))\b",
    # view counters with thousands separators or a k/m suffix: "1,234 views", "12.5k Aufrufe"
    r"^\s*\d[\d.,\u00a0\u202f ]*[km]?\s+(?:views?|aufrufe|vues|visitas|visualizzazioni|weergaven|"
    r"visualizações|wyświetle[nń]\w*)\s*$", r"^\s*©",
    r"^\s*\d+ (?:besucher|gäste|mitglieder|visitors|guests|users|members) (?:sind |are )?online\b",
    r"^\s*(?:tags?|schlagworte|mots-clés|etiquetas|"
    r"categories|categorías|catégories|themen|filed under|posted in)\s*:",
    r"\bthe post .{3,200} appeared first on\b",
    r"^\s*(?:this article|this story) (?:was|is|first|originally)\b.{0,120}$",
)
SHARE = _rx(
    r"^\s*(?:(?:möchten sie )?(?:den|diesen) artikel teilen\??|(?:rezept|artikel|seite) drucken|"
    r"print (?:this )?(?:article|recipe|page)|share(?: this(?: article| story| post)?)?(?: on)?|tweet|teilen|partager|compartir|"
    r"condividi|compartilhar|delen|e-?mail|print|drucken|imprimer|imprimir|copy link|"
    r"link kopieren|facebook|twitter|x|linkedin|whatsapp|pinterest|reddit|telegram|flipboard|"
    r"messenger|xing|read later|save for later|bookmark|merken)\s*[:.]?\s*$",
    r"^(?:\s*(?:facebook|twitter|linkedin|whatsapp|pinterest|reddit|email|e-mail|print|share|"
    r"telegram|messenger|x|(?:rezept|artikel) drucken|(?:bei|auf) pinterest (?:speichern|merken)|"
    r"print recipe|pin recipe)\s*[,|·•]?){2,}\s*$",
)
#: Month names and their abbreviations (en, de, fr, es, it, pt, nl, pl), for date-led bylines and
#: date stamps.
_MONTHS = (
    r"jan(?:uary|uar|vier|eiro|uari)?|feb(?:ruary|ruari|ruar|braio)?|f[ée]vr(?:ier)?|fevereiro|mar(?:ch|s|zo|ço)?|"
    r"märz|maart|apr(?:il|ile)?|avr(?:il)?|abr(?:il)?|may|mai|mayo|maggio|maio|mei|jun(?:e|i|io|ho)?|"
    r"juin|giugno|jul(?:y|i|io|ho)?|juil(?:let)?|luglio|aug(?:ust|usti|ustus)?|ago(?:sto)?|ao[uû]t|"
    r"sep(?:t|tember|tembre|tiembre|tembro)?|set(?:tembre|embro)?|oct(?:ober|obre|ubre)?|okt(?:ober)?|"
    r"ottobre|out(?:ubro)?|nov(?:ember|embre|iembre|embro)?|dec(?:ember)?|dez(?:ember|embro)?|"
    r"d[ée]c(?:embre)?|dic(?:iembre|embre)?|ene(?:ro)?|gen(?:naio)?|sty(?:cznia)?|lut(?:ego)?|"
    r"marca|kwietnia|maja|czerwca|lipca|sierpnia|wrze[sś]nia|pa[zź]dziernika|listopada|grudnia"
)
#: "By Jane Doe and John Roe | Reuters": reads capitals, matched against the original text.
BYLINE_NAME = _rx_cased(
    r"^\s*(?i:by|von|par|por|di|door|from)\s+[A-ZÀ-Ý][\w.'’-]+(?:\s+[A-ZÀ-Ý][\w.'’-]+){0,3}"
    r"(?:\s*(?:,|(?i:and|und|et|y|e)|&|\|)\s*[A-ZÀ-Ý][\w.'’-]+(?:\s+[A-ZÀ-Ý][\w.'’-]+){0,3})*\s*"
    r"(?:[,|·•—–-].{0,80})?$",
)
BYLINE = _rx(
    r"^\s*(?:published|updated|posted|last updated|veröffentlicht|aktualisiert|stand|publié|"
    r"mis à jour|publicado|actualizado|pubblicato|aggiornato)\b.{0,80}$",
    r"^\s*\d+\s*(?:min(?:ute)?s?|minuten?)\s*(?:read|lesezeit|de lecture|de lectura|lettura)\b",
    r"^\s*(?:about |vor )?(?:an?|\d+)\s*(?:sec|second|min|minute|hour|hr|day|week|month|year|"
    r"stunden?|tagen?|minuten?|heures?|jours?|horas?|días?)s?\.?\s*(?:ago|her)?\b.{0,40}$",
    r"^\s*(?:il y a|hace|há)\s+\d+\s*\w+\s*$",
    r"^\s*(?:reading time|lesezeit|temps de lecture|tiempo de lectura)\b.{0,30}$",
    # question-and-answer sites: "Asked 8 years, 2 months ago", "Viewed 1,234 times"
    r"^\s*(?:asked|answered|modified|edited|viewed|active)\s+(?:\d[\d,.]*\s*times|.{1,30}\bago|today|"
    r"yesterday)\b.{0,30}$",
    # a line led by a date, with a few words after it (section, tags, author): "28 kwietnia 2021
    # Polityka", "2021-10-16 | Botschaft", "11 Jan 2019", "23.10.2018"
    r"^\s*(?:\d{1,2}\.?\s*(?:de\s+)?(?:" + _MONTHS + r")\.?\s*(?:de\s+)?\d{4}|\d{1,2}\.\d{1,2}\.\d{2,4}|"
    r"\d{4}-\d{2}-\d{2})\b\W*(?:[^\W\d]+(?:\W+|$)){0,8}$",
    # a news agency's name on its own line is the story's source
    r"^\s*(?:by\s+)?(?:the )?(?:associated press|reuters|agence france-presse|afp|ap|dpa|efe|ansa|upi|"
    r"press trust of india|pti|ians|xinhua)\s*$",
)
#: A date: "2018-08-25", "25.08.2018", "11/20/2019", "Nov. 20", "November 20th", "22. November",
#: "22 de outubro".
DATE = _rx(
    r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b",
    rf"\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b",
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:de\s+|of\s+)?(?:{_MONTHS})\b",
)
#: Words a date stamp carries besides the date: month and weekday names, clock and time-zone
#: words ("sexta-feira, 22 de outubro de 2010 às 20:13", "Nov. 20, 2019, 9:28 AM UTC").
DATE_WORDS = _rx(
    rf"^(?:{_MONTHS}|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|"
    r"mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|"
    r"domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|segunda|terça|quarta|quinta|sexta|"
    r"feira|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|uhr|utc|gmt|est|edt|cst|"
    r"cdt|pst|pdt|cet|cest|mez|mesz|bst|ist|jst|kst|hrs|heure|heures|horas|ore|uur)$",
)

#: Author bios and contributor lines: whole sentences, so matched even when they end in a period.
AUTHOR_BIO = _rx(
    r"\bcontributed (?:to )?this (?:report|story|article)\b", r"\bcontributed reporting\b", r"\bopinions expressed\b",
    r"\b(?:is|was) (?:a|an|the) (?:[\w-]+ ){0,4}(?:writer|reporter|editor|correspondent|journalist|"
    r"columnist|contributor|photographer|producer)\b(?: (?:at|for|of|with) .{0,80})?\.?\s*$",
    r"^\s*(?:follow|contact) (?:me|him|her|them|the author|us) (?:on|at)\b",
    r"^\s*\(?(?:additional )?(?:reporting|writing|editing) by\b",
    r"^\s*have a (?:news )?tip\b",
    r"^\s*(?:über (?:den autor|die autorin)|about the author|sobre el autor|à propos de l'auteur)\s*:?\s*$",
    r"\b(?:has|have) been (?:writing|reporting) (?:about|on|for)\b.{0,80}\bsince (?:19|20)\d\d\b",
    r"\bexpert who has (?:covered|written about|reported on)\b",
)
#: "Jane Doe is a staff writer at X covering ...": a named person introduced by their job at the
#: start of a block, whatever follows (reads capitals, matched against the original text).
AUTHOR_BIO_NAMED = _rx_cased(
    r"^\s*[A-ZÀ-Ý][\w.'’-]+(?:\s+[A-ZÀ-Ý][\w.'’-]+){1,3}\s*(?:\([^()]{1,60}\)\s*)?,?\s*"
    r"(?:is|was|ist|est|es|è)\s+(?:(?i:a|an|the|ein|eine|un|une|una|uno)\s+)?(?:[\w-]+\s+){0,5}?"
    r"(?i:writer|reporter|editor|correspondent|journalist|columnist|contributor|photographer|"
    r"producer|author|publisher|redakteur(?:in)?|autor(?:in)?|journalist(?:in)?|korrespondent(?:in)?|"
    r"journaliste|rédact(?:eur|rice)|correspondant(?:e)?|periodista|redactor(?:a)?|corresponsal|"
    r"giornalista|redattore|redattrice)\b",
)
#: Notes the site adds to its stories: affiliate and advertising disclosures, disclaimers, reprint
#: and copyright notices, the "filed under" line of blog software, citation hints.
SITE_NOTICE = _rx(
    r"\bohne gewähr\b", r"\baffiliate-? ?links?\b",
    r"\bwe (?:may )?(?:receive|earn|get) (?:a )?(?:small )?(?:compensation|commission)\b",
    r"\b(?:erhalten|bekommen) wir (?:eine )?(?:kleine )?provision\b",
    r"\b(?:this|the) (?:post|article|page) (?:contains|may contain) (?:affiliate|references to products|"
    r"sponsored)\b", r"\bdieser (?:beitrag|artikel|post) enthält (?:werbung|affiliate|anzeigen|provision)",
    r"^\W*(?:werbung|anzeige)\s*[.:*]", r"\badvertisers? (?:do not|don't|does not) influence\b",
    r"\b(?:hat|haben) keinerlei einfluss auf unsere (?:empfehlungen|bewertungen|auswahl)\b",
    r"\blinks? kennzeichnen wir\b",
    r"\bcopyrighted property\b", r"\bwritten permission\b", r"\bschriftliche(?:n)? genehmigung\b",
    r"\bwurde von (?:\w+ ){0,2}(?:medizinern|ärzten|ärztinnen|experten|fachärzten) (?:\w+ )?geprüft\b",
    r"^\s*(?:suggested citation|zitiervorschlag|cite this article)\b",
    r"\b(?:this entry was posted|der beitrag wurde am|dieser (?:beitrag|eintrag) wurde am)\b",
    r"\b(?:abgelegt|kategorisiert) unter\b",
    r"^\s*(?:eingestellt|gepostet|posted|publicado|publié) (?:von|by|por|par) .{1,40}\b(?:um|at|a las|à) "
    r"\d{1,2}[:.]\d\d",
)
FOOTER_TOKENS = frozenset({
    "footer", "copyright", "share", "sharing", "social", "sharebar", "byline", "author",
    "meta", "date", "timestamp", "time", "dateline", "toolbar", "tools", "print", "tags", "tag",
    "credits", "disclaimer", "legal", "source", "info",
})

# --- navigation: menus, breadcrumbs, pagination -------------------------------------------
NAVIGATION = _rx(
    r"^\s*(?:home|startseite|accueil|inicio|portada|menu|menü|skip to (?:main )?content|"
    r"zum inhalt springen|aller au contenu|ir al contenido|search|suche|rechercher|buscar|"
    r"log ?in|log ?out|anmelden|connexion|iniciar sesión|next|previous|zurück|weiter|suivant|"
    r"précédent|siguiente|anterior|back to top|nach oben|haut de page|volver arriba|"
    r"page \d+(?: of \d+)?|seite \d+)\s*[:›»>]?\s*$",
    r"^\s*(?:\S+\s+[›»>/|]\s+){2,}\S+\s*$",
)
NAVIGATION_TOKENS = frozenset({
    "nav", "navigation", "navbar", "menu", "menubar", "breadcrumb", "breadcrumbs", "pagination",
    "pager", "header", "masthead", "topbar", "skip", "skiplink", "search", "login", "toc",
    "subnav", "megamenu", "dropdown", "hamburger", "tabs", "sitemap",
})

# --- comments ----------------------------------------------------------------------------
COMMENT = _rx(
    r"^\s*(?:\d+\s+)?(?:comments?|kommentare?|commentaires?|comentarios?|commenti|comentários|reacties)"
    r"\s*(?:\(\d+\))?\s*[:.]?\s*$",
    r"^\s*(?:reply|antworten|répondre|responder|rispondi|report|melden|signaler|like|gefällt mir)\s*$",
    r"\b(?:leave a (?:comment|reply)|post a comment|add a comment|join the (?:conversation|discussion)|"
    r"log in to comment|kommentar schreiben|schreiben sie einen kommentar|laisser un commentaire|"
    r"deja un comentario|deja tu comentario|lascia un commento|deixe um comentário)\b",
    r"^\s*e-?mail\s*\((?:wird|will|required|erforderlich|obligatoire|obligatorio)\b",
    r"\b(?:your email address will not be published|ihre e-mail-adresse wird nicht veröffentlicht|"
    r"votre adresse (?:e-mail|courriel) ne sera pas publiée|tu dirección de correo electrónico no "
    r"será publicada)\b",
    # "Jane Doe says:": up to four words, one space after each but the last (more may follow it);
    # written as (word space){1,4}, not word (space word){0,3} spaces: the same texts, and the
    # engine gives up on a text that is no such line in fewer steps
    r"^\s*(?:\S+\s){1,4}\s*(?:says|said on|schreibt|sagt|dit|dice|wrote)\s*:?\s*$",
    # the lookahead turns a text without a colon down in one fast scan, before ".{0,80}" would
    # try each of 80 places for the verb
    r"^(?=[^:]*:).{0,80}\b(?:said|says|wrote|schrieb|a écrit|escribió)\s*:\s*$",
)
COMMENT_TOKENS = frozenset({
    "comment", "comments", "commentlist", "disqus", "reply", "replies", "respond", "discussion",
    "discourse", "reactions", "responses", "community", "forum", "kommentare",
})

# --- consent: cookie and privacy banners ----------------------------------------------------
CONSENT = _rx(
    r"\bcookies?\b.{0,200}\b(?:use|utiliz|verwend|nutz|utilis|usamos|utilizamos|accept|akzept|"
    r"consent|zustimm|einwillig|consentement|consentimiento|experience|erlebnis|expérience|"
    r"experiencia|privacy|datenschutz)",
    r"\b(?:accept all|alle akzeptieren|tout accepter|aceptar todo|accetta tutto|manage (?:cookies|"
    r"preferences|consent)|cookie settings|cookie-einstellungen|paramètres des cookies|"
    r"we value your privacy|wir respektieren ihre privatsphäre)\b",
    r"\b(?:mit der verarbeitung (?:meiner|ihrer|deiner) (?:personenbezogenen )?daten|"
    r"i agree to the processing of my)\b",
)
#: ("cmp" is not one: Adobe AEM names every component cmp-*, so whole corporate pages read as consent.)
CONSENT_TOKENS = frozenset({"cookie", "cookies", "consent", "gdpr", "privacy", "onetrust", "didomi"})
