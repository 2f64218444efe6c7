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
