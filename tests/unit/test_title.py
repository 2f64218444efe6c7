"""Headlines on real pages of the news corpora (../shared/eval/news-html, news-text), reduced
to the title variants each page declares and shows."""

import json

from trafilatura.utils import load_html

from broadsheet.extract.clean import clean
from broadsheet.extract.page import Page
from broadsheet.extract.title_html import html_title, strip_site
from broadsheet.extract.title_text import find_title


def _page(title=None, og=None, twitter=None, ld=None, h1=None, site=None, ld_type="NewsArticle"):
    head = f"<title>{title}</title>" if title else ""
    if og:
        head += f'<meta property="og:title" content="{og}">'
    if twitter:
        head += f'<meta name="twitter:title" content="{twitter}">'
    if site:
        head += f'<meta property="og:site_name" content="{site}">'
    if ld:
        head += '<script type="application/ld+json">' + json.dumps({"@type": ld_type, "headline": ld}) + "</script>"
    body = f"<article><h1>{h1}</h1><p>Text.</p></article>" if h1 else "<p>Text.</p>"
    return load_html(f"<html><head>{head}</head><body>{body}</body></html>")


def test_site_and_date_parts_are_stripped_from_declared_titles():
    keys = {"dw", "dwcom"}
    assert strip_site("Russland-Wahl: Nadeschdin setzt auf ein Ende der Putin-Ära – DW – 30.01.2024", keys) == (
        "Russland-Wahl: Nadeschdin setzt auf ein Ende der Putin-Ära"
    )
    # A tagline that names neither the site nor a date stays (Habertürk's "Güncel haberler").
    assert strip_site("Türkiye'de orman yangınları! - Güncel haberler", {"haberturk"}) == (
        "Türkiye'de orman yangınları! - Güncel haberler"
    )


def test_the_json_ld_headline_wins_over_a_differing_og_title():
    # waz.de: the page's h1, og:title and <title> say one thing, its article's headline another.
    tree = _page(
        title="Archäologische Sensation: Uralte Maya-Städte in Guatemala entdeckt",
        og="Archäologische Sensation: Uralte Maya-Städte in Guatemala entdeckt",
        ld="Unbekannte Maya-Städte werfen neues Licht auf die Frühzeit",
        h1="Archäologische Sensation: Uralte Maya-Städte in Guatemala entdeckt",
    )
    assert html_title(tree, None, None, "www.waz.de") == "Unbekannte Maya-Städte werfen neues Licht auf die Frühzeit"


def test_a_json_ld_headline_cut_short_gives_way_to_the_whole_one():
    # mexiconewsdaily.com: the JSON-LD headline stops at a length limit.
    whole = "Mexico to fight ‘illogical’ steel tariffs, citing trade surplus in US’s favor"
    tree = _page(og=whole, ld="Mexico to fight ‘illogical’ steel tariffs, citing trade surplus in US’s ", h1=whole)
    assert html_title(tree, None, "Mexico News Daily", "mexiconewsdaily.com") == whole


def test_a_label_in_the_json_ld_headline_that_the_h1_and_og_do_without_goes():
    # bild.de "… | Sport"; dagbladet.no "«Kicker»: …".
    tree = _page(
        title="Bubi-Bomber wieder da: Thioune fordert Geduld mit Niemiec | Sport | BILD.de",
        og="Bubi-Bomber wieder da: Thioune fordert Geduld mit Niemiec",
        ld="Bubi-Bomber wieder da: Thioune fordert Geduld mit Niemiec | Sport",
        h1="Bubi-Bomber wieder da: Thioune fordert Geduld mit Niemiec",
    )
    assert html_title(tree, None, "bild.de", "www.bild.de") == "Bubi-Bomber wieder da: Thioune fordert Geduld mit Niemiec"
    tree = _page(og="Nordmann dømt til livstid", ld="«Evnukkmakeren»: Nordmann dømt til livstid", h1="Nordmann dømt til livstid")
    assert html_title(tree, None, "dagbladet.no", "www.dagbladet.no") == "Nordmann dømt til livstid"


def test_without_json_ld_the_variant_the_titles_agree_on():
    # dw.com: og:title and <title> carry section, site and date; twitter:title and the h1 do not.
    tree = _page(
        title="Ukrainische Gegenoffensive: Ziele, Chancen, Risiken | Europa | DW | 28.04.2023",
        og="Ukrainische Gegenoffensive: Ziele, Chancen, Risiken | DW | 28.04.2023",
        twitter="Ukrainische Gegenoffensive: Ziele, Chancen, Risiken",
        h1="Ukrainische Gegenoffensive: Ziele, Chancen, Risiken",
    )
    assert html_title(tree, None, "DW.COM", "www.dw.com") == "Ukrainische Gegenoffensive: Ziele, Chancen, Risiken"
    # tageszeitung.it: the site name in the affix is read off the domain.
    tree = _page(
        title="„Unermüdlicher Einsatz“ – Die Neue Südtiroler Tageszeitung",
        og="„Unermüdlicher Einsatz“ - Die Neue Südtiroler Tageszeitung",
        h1="„Unermüdlicher Einsatz“",
    )
    assert html_title(tree, None, None, "www.tageszeitung.it") == "„Unermüdlicher Einsatz“"


def test_text_dump_headline_is_not_the_photo_caption_or_the_byline():
    # theguardian.com (news-text): caption twice (alt text, then with its credit), section
    # label, headline, standfirst, byline, date, the article.
    dump = "\n".join(
        [
            "Skip to main content",
            "  • World",
            "  • Europe",
            "The gutted remains of the two buildings, which had about 140 apartments",
            "View image in fullscreen",
            "The gutted remains of the two buildings, which had about 140 apartments. Photograph: Eva Manez/Reuters",
            "Spain",
            "Death toll in Valencia fire rises to 10 as remains of last missing person found",
            "Police in Spanish city continue to search debris after blaze that consumed one of the buildings in less than an hour",
            "Associated Press in Valencia",
            "Sat 24 Feb 2024 12.42 CET",
            "Email link",
            "The death toll from a fire that left two residential buildings charred ruins in the Spanish city of"
            " Valencia rose to 10 on Saturday, as forensic teams found the last missing person in the rubble.",
            "Forensic police found the 10th victim inside the building, the national government delegate in"
            " Valencia said, adding that the search of the debris would continue for several more days.",
            "Although there were no other missing people reported, police and firefighters would continue the"
            " complex work of searching the ruins, she said on Saturday morning to the press.",
        ]
    )
    page = clean(Page.from_text(dump))
    assert find_title(page) == "Death toll in Valencia fire rises to 10 as remains of last missing person found"


def _dump_title(*lines):
    return find_title(clean(Page.from_text("\n".join(lines))))


def test_text_dump_headline_is_not_the_authors_name_and_role_over_the_date():
    # mirror.co.uk (news-text): section path, headline, standfirst, empty bullets, the
    # author's name and role, the date, the article.
    assert _dump_title(
        "  • News",
        "  • US News",
        "  • Crime",
        "Man kept six women chained in hole in basement before cooking body parts",
        "Neighbours said there was a sickening smell coming from the house",
        "  •  ",
        "  •  ",
        "News",
        "Steffan Rhys Deputy Content Hub Director",
        "08:39, 06 Jan 2026Updated 08:41, 06 Jan 2026",
        "Torture-murder suspect Gary Heidnik is led into courtroom for the second day of jury selection.",
        "Millions of people are familiar with the terrifying scenes of The Silence of the Lambs, the"
        " Oscar-winning film that catapulted Hannibal Lecter into the popular psyche.",
        "The house had been searched twice before, but nothing was found, the police said on Monday.",
    ) == "Man kept six women chained in hole in basement before cooking body parts"


def test_text_dump_headline_is_the_last_item_of_its_breadcrumb_not_the_path():
    # ilanganews.co.za (news-text): "Home 9 Izindaba 9 <headline>", then the headline alone.
    headline = "Ikhansela “lisola uthishanhloko” ngezimbuzi zalo ezifohla zidle i-rice lesikole zife"
    assert _dump_title(
        "      □ Sithumelele izindaba nezithombe",
        "      □ Xhumana nathi",
        "Wednesday, 03 December 2025",
        "Home 9 Izindaba 9 " + headline,
        headline,
        "by Ilanga D | 5 November 2024",
        "MTHOBISI SITHOLE ",
        "Kuthiwaligqinsile imbuzi efile, esiyona-kele emagcekeni aseMabaso High School kubhalwa"
        " izivivinyo zikamatikuletsheni ikhansela lendawo okuthiwa lisola lesi sikole.",
        "Kuthiwa lisola isikole ngokubulala izimbuzi zalo ezidla intshela ye-rice eziyithola khona.",
    ) == headline


def test_text_dump_headline_loses_a_label_run_into_it_and_skips_reading_furniture():
    # stern.de (news-text): the section label "Meinung" rendered on the headline's line; the
    # teaser line above starts where the headline does, after its own label.
    assert _dump_title(
        "  • Auto",
        "  • Capital",
        "  • Donald Trump: Warum Kritik an seinem Charakter so ineffektiv ist",
        "Meinung Warum Kritik an Trumps Charakter so ineffektiv ist und verpufft",
        "capital",
        "  • von Jemima Kelly",
        "  • 05. November 2024",
        "  • 3 Min",
        "Donald Trump bei einem Auftritt",
        "© ZUMA Press Wire / Imago Images",
        "Kopiere den aktuellen Link",
        "Die Demokraten versuchen, Trump als unmoralisch zu entlarven, doch die Angriffe auf seinen"
        " Charakter laufen oft ins Leere. Warum moralische Selbstdarstellung nicht der beste Weg ist.",
        "Donald Trump hat unglaublich viel Glück in seinem Leben gehabt, und das war auch in diesem"
        " Wahlzyklus wieder so.",
    ) == "Warum Kritik an Trumps Charakter so ineffektiv ist und verpufft"
    # publico.es (news-text): a reading-time line right over the headline.
    assert _dump_title(
        "  • Sucesos",
        "  • Gente",
        "Tiempo de lectura: 6 min",
        'Los vecinos de Carabanchel exigen cambios en las próximas ediciones de San Isidro: "15 días son una salvajada"',
        "Los residentes del barrio madrileño denuncian la duración de las fiestas un año más, como"
        " consecuencia de la escasa regulación.",
        "Luna González",
        "Madrid-29/05/2025 20:00",
        "Distintos grupos vecinales mantienen sus reclamaciones sobre un cambio en el modelo de las"
        " Fiestas de San Isidro, en el distrito de Carabanchel.",
        "Este 2025, la celebración de esta fiesta popular ha tenido lugar desde el 2 hasta el 15 de mayo.",
    ) == 'Los vecinos de Carabanchel exigen cambios en las próximas ediciones de San Isidro: "15 días son una salvajada"'


def test_text_dump_headline_with_a_colon_and_a_list_of_nouns_is_not_a_list_of_names():
    # A headline that lists nouns after a colon is not a byline of names, and the label over it
    # is a kicker.
    assert _dump_title(
        "  • Politik",
        "  • Wirtschaft",
        "  • Sport",
        "Krieg in der Region",
        "Neue Offensive: Ziele, Chancen, Risiken",
        "Die Armee bereitet seit Wochen einen Vorstoß vor. Was er bringen kann und woran er scheitern"
        " könnte, im Überblick.",
        "Von Anna Berger",
        "12.03.2024",
        "Seit Wochen wird über den Beginn der Offensive spekuliert, nun mehren sich die Anzeichen, dass"
        " sie bald beginnt und die Truppen an mehreren Abschnitten der Front zugleich vorrücken.",
        "Militärexperten rechnen damit, dass die Kämpfe viele Wochen dauern werden und die Verluste auf"
        " beiden Seiten hoch sein werden, wie bereits im vergangenen Jahr.",
    ) == "Neue Offensive: Ziele, Chancen, Risiken"


def test_text_dump_byline_word_opening_a_headline_and_a_lone_by_over_the_name():
    # "Von … bis …: statement" opens with a byline's word and is a headline; "By" alone on its
    # line over the name is a byline all the same.
    assert _dump_title(
        "  • Recherche",
        "  • Newsletter",
        "  • Spenden",
        "Spionage",
        "Von Hamburg bis Dresden: Das Netz der Agenten",
        "Ein Netzwerk hat über Jahre Wissen aus Laboren abgezogen, zeigen interne Unterlagen, die uns"
        " vorliegen.",
        "von Lena Vogt, Paul Krämer",
        "21. Mai 2025",
        "Selten sind Ermittler so massiv gegen ein Netzwerk an deutschen Hochschulen vorgegangen wie in"
        " den vergangenen Wochen, als sie in mehreren Städten zugleich Wohnungen durchsuchten.",
        "Die Beschuldigten sollen sich als Dolmetscher ausgegeben und so Zugang zu Laboren erhalten"
        " haben, in denen an militärisch nutzbarer Technik geforscht wird.",
    ) == "Von Hamburg bis Dresden: Das Netz der Agenten"
    assert _dump_title(
        "  • Careers",
        "  • Jobs",
        "CAREER FEATURE",
        "04 March 2025",
        "Labs in exile: displaced researchers count the cost of starting over",
        "War and unrest can force scientists to uproot their lives, with a heavy toll on their work and"
        " families.",
        "By",
        "Maria Santos",
        "View author publications",
        "Search author on: Index Scholar",
        "  • Email",
        "  • Facebook",
        "  • LinkedIn",
        "Find a new job",
        "You have full access to this article via your institution.",
        "When the shelling reached the outskirts of the city, the physics department packed what it"
        " could into two lorries and left for a campus four hundred kilometres to the west.",
        "Most of its equipment stayed behind, and so did a third of its staff, who could not or would"
        " not leave their families and homes in the occupied districts.",
    ) == "Labs in exile: displaced researchers count the cost of starting over"


def test_text_dump_headline_is_not_a_two_sentence_promo_nor_a_wrapped_paragraph_line():
    # A promo of two sentences over the byline; a paragraph hard-wrapped into lines, the next
    # going on in lower case.
    assert _dump_title(
        "  • Nation",
        "  • World",
        "Ministers paid their own way on official trips, spokesman says",
        "email",
        "whatsapp",
        "facebook",
        "A file photograph shows the spokesman speaking at a press conference in the capital on May 3, 2024.",
        "  • Home",
        "  • Money",
        "New to our app? It helps you grow your savings easily. Deposit 100 and get a 10 bonus",
        "By Sam Lee",
        "Friday, 22 Nov 2024 4:55 PM",
        "Private companies did not pay for the ministers' recent trips abroad, the government spokesman"
        " said on Friday, rejecting claims made by opposition lawmakers this week.",
        "He said the government still covered the cost of the delegation while business leaders who"
        " joined the trips paid for their own flights and hotels.",
    ) == "Ministers paid their own way on official trips, spokesman says"
    assert _dump_title(
        "  • Nacional",
        "  • Internacional",
        "Detenido un agente por agredir a su pareja durante años",
        "Marta López",
        "Corresponsal",
        "12/05/2024 20:00",
        "Un agente de la unidad que se encarga de la seguridad del Parlamento",
        "en la capital ha sido detenido tras presentar su pareja, también agente, una denuncia por"
        " malos tratos",
        "Según la denuncia, los hechos se habrían producido durante los últimos cuatro años en el"
        " domicilio que ambos compartían en un barrio del norte de la ciudad, donde vivían con sus dos hijos.",
        "El detenido ha sido suspendido de sus funciones de forma cautelar mientras dure la"
        " investigación abierta por la fiscalía, según han confirmado fuentes del cuerpo.",
    ) == "Detenido un agente por agredir a su pareja durante años"


def test_text_dump_headline_may_be_a_lone_bullet_item_under_a_section_word():
    # A bullet beside no other bullet is no menu; a one-word section name over the headline that
    # ends with it is no kicker to penalise.
    assert _dump_title(
        "  • Home",
        "  • Front Page",
        "Wed, Oct 16, 2024 page1",
        "  • Allies launch joint drills after neighbour's naval exercises",
        "TENSIONS: Officials accused the neighbour's coast guard of ramming a civilian patrol boat,"
        " which sustained minor damage",
        "AFP, CAPITAL",
        "Thousands of troops yesterday launched joint exercises in the northern and western parts of"
        " the country, a day after the neighbour ended two days of naval drills nearby.",
        "The annual exercises are focused on defending the north coast of the country and will run for"
        " two weeks, the armed forces said in a statement on Tuesday.",
    ) == "Allies launch joint drills after neighbour's naval exercises"
    assert _dump_title(
        "  • Nyheter",
        "  • Sport",
        "  • Nöje",
        "Norrby",
        "Elin, 19, försvunnen i Norrby",
        "Polisen ber om tips",
        "Karin Lund",
        "Uppdaterad 15.59 | Publicerad 14.14",
        "19-åriga Elin försvann i Norrby i tisdags och har inte setts sedan dess av familj eller vänner.",
        "Polisen har nu inlett en särskild händelse och ber allmänheten om hjälp med tips om var hon"
        " kan vara.",
    ) == "Elin, 19, försvunnen i Norrby"


def test_text_dump_headline_keeps_its_header_across_photo_lines_and_notes_on_the_article():
    # A caption between the headline and its standfirst and date, an author's portrait (alt text
    # doubled), a note on the article itself.
    assert _dump_title(
        "  • Kjendis",
        "  • Sport",
        "  • Nyheter",
        "Fikk besøk av manageren på fødestua: – Helt utrolig",
        "BESØK: Sangeren fikk besøk av manageren sin da hun fødte datteren. Foto: Ola Nordmann",
        "Manageren måtte ta grep da sangeren fødte tre uker for tidlig.",
        "15.10.24 23:35",
        "Kari Hansen Tips meg",
        "I flere år har manageren jobbet med sangeren, og de to har blitt så gode venner at han ble"
        " invitert inn på fødestua da hun fødte sitt første barn i høst.",
        "Det hele skjedde svært raskt, forteller hun i et nytt intervju, og ingen var forberedt på at"
        " det skulle gå så fort som det gjorde den kvelden.",
    ) == "Fikk besøk av manageren på fødestua: – Helt utrolig"
    assert _dump_title(
        "  • Competitions",
        "  • Jobs",
        "South Africa",
        "Home » News » South Africa",
        "Severe storms escalate in the province, residents urged to avoid flood risks",
        "Picture of Thandi MokoenaPicture of Thandi Mokoena",
        "By Thandi Mokoena",
        "Journalist",
        "4 minute read",
        "28 November 2025",
        "03:26 pm",
        "RELATED ARTICLES",
        "Water crisis deepens as desperate residents turn to the river for survival",
        "Growing sinkhole in the township ignored",
        "The MEC urged the public to limit travel during severe weather conditions.",
        "Picture: iStock",
        "The provincial government has issued urgent warnings to residents as severe summer weather"
        " continues to batter the region, with more storms expected over the weekend.",
        "Fast-moving storm systems are threatening communities across the province, bringing heavy"
        " rain, hail and strong winds that have already damaged homes and roads.",
    ) == "Severe storms escalate in the province, residents urged to avoid flood risks"
    assert _dump_title(
        "Welt Politik Kultur Wirtschaft Sport Reise Gesundheit Wissen Video",
        "Europa News",
        "Tausende demonstrieren für das umstrittene Gesetz",
        "Tausende haben am Montag in der Hauptstadt an einer Kundgebung der Regierung teilgenommen.",
        "Von Eva Roth",
        "Zuerst veröffentlicht am 30/04/2024 - 16:17",
        "Kommentare",
        "Diesen Artikel teilen",
        "Dieser Artikel wurde im Original veröffentlicht auf Englisch",
        "Tausende sind am Montag in der Hauptstadt auf die Straße gegangen, um ihre Unterstützung für"
        " das umstrittene Gesetz zu zeigen, das die Regierung in dieser Woche beschließen will.",
        "Die Opposition hatte in den vergangenen Wochen zu Protesten gegen das Vorhaben aufgerufen, an"
        " denen sich ebenfalls viele Menschen beteiligten.",
    ) == "Tausende demonstrieren für das umstrittene Gesetz"


def test_text_dump_header_far_above_where_the_article_was_taken_to_start():
    # A gallery of short captions between the header (headline, standfirst, byline, date) and the
    # first paragraph of prose, then a list of other stories with their bylines.
    assert _dump_title(
        "  • Mode",
        "  • Beauty",
        "  • Lifestyle",
        "Coverstory",
        'Das Model auf dem Cover: "Was ich nicht will: gewöhnlich sein"',
        "Seit den Neunzigern ist sie ein Supermodel. An ihrer Bekanntheit hat sich wenig geändert, an"
        " ihrem Lebensstil umso mehr. Im Interview verrät sie, was ihr heute wichtig ist.",
        "Von Jonas Weber",
        "23. April 2024",
        *[f"Look {n}: Mantel, Bluse und Stiefel von einem Modehaus aus Paris" for n in range(1, 46)],
        "Am beliebtesten",
        "Diese Sandalen tragen im Sommer alle",
        "Von Lea Brandt",
        "Es ist ein regnerischer Morgen in London Anfang Februar, in einem Fotostudio in einem schicken"
        " Viertel warten Stylisten, Visagisten und ein Fotograf auf das Model, das pünktlich um neun erscheint.",
        "Sie trinkt einen Kaffee, scherzt mit dem Team und setzt sich dann für zwei Stunden in die"
        " Maske, bevor die ersten Bilder für die Titelgeschichte entstehen.",
    ) == 'Das Model auf dem Cover: "Was ich nicht will: gewöhnlich sein"'


def test_text_dump_headline_is_not_an_item_of_a_story_list_above_its_header():
    # Teasers over the header, each with its author and date under it (or its author over it),
    # then the article's headline with its standfirst and photo.
    teasers = [
        ("Harbour Council Votes to Rebuild the Old Pier Before Winter", "Lena Fischer", "March 3, 2024"),
        ("Why the City's Bus Timetable Keeps Changing Every Spring", "Omar Haddad", "March 2, 2024"),
        ("Five Bakeries That Still Make Bread the Slow Way", "Grace Okafor", "March 1, 2024"),
    ]
    headline = "Regional Airport Adds Three Routes After Record Summer"
    lines = ["  • Home", "  • Business", "Economy"]
    for title, name, day in teasers:
        lines += [title, name, day, "────────", "Travel"]
    header = [
        headline,
        "The new flights start in May and the airport expects a busier year than ever before",
        "[airport-runway-1200x800]",
        "Passengers wait at the departure hall on Friday.",
        "Nora Lind",
        "March 4, 2024",
        "The regional airport will add three new routes this spring after a summer in which more"
        " travellers passed through its gates than in any year since it opened.",
        "The airport's director said the new routes had been planned for years and that the"
        " airlines had asked for more slots than the runway could give them.",
    ]
    lines += header
    assert _dump_title(*lines) == headline
    # The author over each teaser instead (a middle initial in one name).
    lines = ["  • Home", "  • Business", "Economy"]
    for title, name, _ in teasers:
        lines += ["────────", "Travel", name.replace(" ", " Q. ", 1) if name.startswith("O") else name, title]
    lines += [header[0]] + header[2:]  # no standfirst
    assert _dump_title(*lines) == headline


def test_text_dump_headline_is_not_a_box_heading_printed_twice():
    # A poll's heading over its question and again on its tab, between the header and the article.
    headline = "State lawmakers approve revised school funding plan"
    assert _dump_title(
        "  • News",
        "  • Politics",
        headline,
        "Follow us [fb] [tw]",
        "Advertisement",
        "Question of the Week",
        "Should the state spend more on rural schools next year?",
        "Question of the Week",
        "( )  Yes",
        "( )  No",
        "By Sam Reyes - Associated Press - Friday, May 3, 2024",
        "State lawmakers approved a revised school funding plan on Friday after weeks of talks"
        " between the two chambers, sending the bill to the governor.",
    ) == headline


def test_text_dump_short_headline_named_by_its_breadcrumb_or_over_a_whole_header():
    # Two words, the breadcrumb's last item, over its date and a long photo caption.
    assert _dump_title(
        "  • Home",
        "  • Kultur",
        "Die Stadtzeitung am Abend",
        "  • Politik",
        "  • Sport",
        "Sie sind hier: Home » Kultur » „Unvergessene Ehrenamtliche“",
        "„Unvergessene Ehrenamtliche“",
        "erstellt: 02. Mai 2025, 10:15 in: Kultur | Kommentare : 0",
        "[festsaal-1024x768]",
        "Die Preisträger (von links nach rechts): Anna Berger, Paul Huber, Lisa Moser, Tom Gruber,"
        " Eva Egger, Jan Wolf, Maria Lang, Max Bauer und Lena Koch bei der Feier",
        "Der Kulturverein der Stadt hat am Freitag seine langjährigen Mitglieder geehrt.",
        "Im Festsaal des Rathauses versammelten sich mehr als zweihundert Gäste, um die Arbeit der"
        " Ehrenamtlichen zu würdigen, die den Verein seit Jahrzehnten tragen.",
    ) == "„Unvergessene Ehrenamtliche“"
    # Three words over a standfirst, a photo, the author and the date.
    assert _dump_title(
        "  • Innenriks",
        "  • Utenriks",
        "Nettstedet bruker informasjonskapsler. Les mer",
        "Frykten vil vokse",
        "Ekspert mener at de nye sanksjonene vil gjøre regimet mer uforutsigbart i månedene som kommer.",
        "[bilde-1]",
        "Kari Nordmann",
        "Publisert 06.01.2026 - 17:29",
        "I korte trekk",
        "  • Regimet fordømte sanksjonene som ble innført på mandag.",
        "  • Eksperter venter flere rakettoppskytinger i vinter.",
        "Mandag ble de nye sanksjonene innført, og allerede samme kveld kom den første reaksjonen fra"
        " regimet, som kalte dem et brudd på internasjonal rett.",
    ) == "Frykten vil vokse"


def test_text_dump_headline_is_not_a_toggles_labels_over_the_article():
    # A summary box of short points under the header, closed by its toggle right over the
    # article's first paragraph.
    assert _dump_title(
        "  • News",
        "  • Science",
        "Library reopens after flood repairs",
        "[library-hall]",
        "Readers return to the main hall on Monday.",
        "By Tom Ashby",
        "Published 12.03.2025 - 09:40",
        "In brief",
        "  • Ground floor closed for eight months",
        "  • New shelves built from old reading tables",
        "  • Four thousand books could not be saved",
        "Show more Show less",
        "The town library opened its doors again on Monday, eight months after a burst river bank flooded"
        " its ground floor and ruined thousands of books.",
        "Staff said the new shelves had been built from the old reading tables, which had dried out well.",
    ) == "Library reopens after flood repairs"


def test_text_dump_headline_goes_on_in_a_line_the_renderer_broke_off_at_a_colon():
    # The second half of the headline was set on its own line, an image's file-name placeholder after it.
    assert _dump_title(
        "  • Politik",
        "  • Kultur",
        "  • Sport",
        "Die Stadt kann alles",
        ": Eine Stadt der Rekorde[4fa2c1e0-b]",
        "Ein Kommentar über eine Stadt, die sich gerne mit allen anderen vergleicht",
        "Von Jan Muster",
        "11.07.2026, 09:30 Uhr",
        "Wir leben in einer Stadt der Rekorde. Das fängt beim Bürgermeister an, der in jeder seiner Reden"
        " die größten Zahlen nennt, die er finden kann.",
        "Die Liste ließe sich lange fortsetzen, länger als in jeder anderen Stadt des Landes.",
    ) == "Die Stadt kann alles: Eine Stadt der Rekorde"


def test_text_dump_headline_after_a_list_that_heads_each_item_over_a_standfirst_as_long():
    # "Latest" over each of the list's stories (not over the article's headline), an offer's
    # price in the account bar, and a standfirst as long as the headline under it.
    headline = "Cup final 2024 results: three local players among the scorers as the city celebrates its first title in decades"
    standfirst = "Adams, Baker, Clarke and Dunn all scored in a final the whole city had been waiting for since 1951"
    lines = ["  • News", "  • Sport", "  • Opinion", "Log In", "Join for £2/month", "Sport", "Latest", "Latest"]
    for teaser in (
        "6m agoWhy the league's new rules have made every single match feel the same to me",
        "1h agoThe transfer that tells you where the club is heading next season",
        "3h agoHow a small club from the coast reached the final against all the odds and its rivals",
    ):
        lines += [teaser, "Latest"]
    lines = lines[:-1] + [
        headline,
        standfirst,
        "[comp-1693355557]",
        "The players celebrate the third goal on Saturday (Photos: Getty/AP)",
        "By Jane Doe",
        "March 4, 2024 1:55 am",
        "CITY STADIUM — Four players from the town's own academy scored as the club won its first cup final"
        " in more than seventy years on Saturday.",
        "The crowd stayed in the stadium long after the final whistle, singing songs that older fans said"
        " they had not heard since they were children.",
    ]
    assert len(headline.split()) == len(standfirst.split())
    assert _dump_title(*lines) == headline
