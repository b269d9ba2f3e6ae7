"""Build the .docx files of the corpus from the real texts beside them.

Each document carries the words of its source (see the .json beside it) and
numbers its provisions with Word's automatic list numbering, as a clerk's Word
file does: the numbers are in the numbering part, not in the text. Run from the
repository root: ``python tests/data/acts/make_docx.py``.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

HERE = Path(__file__).parent


def add_list(document, num_id: int, levels: list[tuple[str, str]]) -> None:
    """A list ``num_id`` whose level ``i`` is written ``levels[i]`` (format, text)."""
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'
    )
    num = parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)


def numbered(document, text: str, num_id: int, level: int):
    paragraph = document.add_paragraph(text)
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
            f'<w:numId w:val="{num_id}"/></w:numPr>'
        )
    )
    return paragraph


def tracked(paragraph, deleted: str, inserted: str, after: str) -> None:
    """Append a tracked replacement of ``deleted`` by ``inserted``, then ``after``."""
    stamp = 'w:author="Urząd" w:date="2024-01-01T00:00:00Z"'
    paragraph._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="1" {stamp}><w:r><w:delText xml:space="preserve">'
            f"{deleted}</w:delText></w:r></w:del>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="2" {stamp}><w:r><w:t xml:space="preserve">'
            f"{inserted}</w:t></w:r></w:ins>"
        )
    )
    paragraph.add_run(after)


def swidwin() -> None:
    document = docx.Document()
    add_list(document, 7, [("decimal", "§%1."), ("decimal", "%2.")])
    for line in [
        "UCHWAŁA Nr XXXII/154/21",
        "RADY POWIATU ŚWIDWIŃSKIEGO",
        "z dnia 28 października 2021 r.",
        "w sprawie uchwalenia „Programu współpracy Powiatu Świdwińskiego z organizacjami pozarządowymi oraz podmiotami wymienionymi w art. 3 ust. 3 ustawy o działalności pożytku publicznego i o wolontariacie w 2022 roku”",
        "Na podstawie art. 12 pkt 11 ustawy z dnia 5 czerwca 1998 roku o samorządzie powiatowym ( tj. Dz. U. z 2020 r. poz. 920 ze zm.) oraz art. 5a ust. 1 ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie (t.j. Dz.U. z 2020 r. poz. 1057 ze zm.), uchwala się, co następuje:",
    ]:
        document.add_paragraph(line)
    numbered(
        document,
        "Uchwala się „Program współpracy Powiatu Świdwińskiego z organizacjami pozarządowymi oraz podmiotami wymienionymi w art. 3 ust. 3 ustawy o działalności pożytku publicznego i o wolontariacie w 2022 roku”.",
        7,
        0,
    )
    numbered(
        document,
        "Ilekroć w niniejszym „Programie współpracy Powiatu Świdwińskiego z organizacjami pozarządowymi oraz podmiotami wymienionymi w art. 3 ust. ustawy o działalności pożytku publicznego i o wolontariacie w 2022 roku”, zwanym dalej Programem jest mowa o :",
        7,
        0,
    )
    for line in [
        "Powiecie – należy przez to rozumieć Powiat Świdwiński,",
        "Radzie Powiatu – należy przez to rozumieć Radę Powiatu Świdwińskiego,",
        "Zarządzie – należy przez to rozumieć Zarząd Powiatu Świdwińskiego,",
        "Wydziałach – należy przez to rozumieć Wydziały Starostwa Powiatowego w Świdwinie,",
        "ustawie – należy przez to rozumieć ustawę z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie,",
        "organizacjach – należy przez to rozumieć organizacje pozarządowe i podmioty, o których mowa w art. 3 ust. 3 ustawy,",
    ]:
        numbered(document, line, 7, 1)
    document.save(HERE / "docx-swidwin-uchwala-xxxii-154-21.docx")


def art5a() -> None:
    document = docx.Document()
    add_list(document, 8, [("decimal", "%1."), ("decimal", "%2)")])
    document.add_paragraph("Art. 5a.")
    document.add_paragraph(
        "Ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie"
    )
    numbered(
        document,
        "Organ stanowiący jednostki samorządu terytorialnego uchwala, po konsultacjach z organizacjami pozarządowymi oraz podmiotami wymienionymi w art. 3 ust. 3, przeprowadzonych w sposób określony w art. 5 ust. 5, roczny program współpracy z organizacjami pozarządowymi oraz podmiotami wymienionymi w art. 3 ust. 3. Roczny program współpracy jest uchwalany do dnia 30 listopada roku poprzedzającego okres obowiązywania programu.",
        8,
        0,
    )
    numbered(
        document,
        "Organ stanowiący jednostki samorządu terytorialnego może uchwalić, w sposób określony w ust. 1, wieloletni program współpracy z organizacjami pozarządowymi oraz podmiotami wymienionymi w art. 3 ust. 3.",
        8,
        0,
    )
    document.add_paragraph(
        "2a. W przypadku gdy po konsultacjach, o których mowa w ust. 1, właściwa rada działalności pożytku publicznego wyrazi opinię o projekcie rocznego lub wieloletniego programu współpracy, opinię tę organ wykonawczy jednostki samorządu terytorialnego załącza do przedstawianego organowi stanowiącemu jednostki samorządu terytorialnego projektu rocznego lub wieloletniego programu współpracy."
    )
    paragraph = numbered(
        document,
        "Organ wykonawczy jednostki samorządu terytorialnego, nie później niż do dnia ",
        8,
        0,
    )
    tracked(
        paragraph,
        "30 kwietnia",
        "31 maja",
        " każdego roku, jest obowiązany przedłożyć organowi stanowiącemu jednostki samorządu terytorialnego oraz opublikować w Biuletynie Informacji Publicznej sprawozdanie z realizacji programu współpracy za rok poprzedni.",
    )
    numbered(
        document,
        "Roczny program współpracy z organizacjami pozarządowymi oraz podmiotami wymienionymi w art. 3 ust. 3 zawiera w szczególności:",
        8,
        0,
    )
    for line in [
        "cel główny i cele szczegółowe programu;",
        "zasady współpracy;",
        "zakres przedmiotowy;",
        "formy współpracy, o których mowa w art. 5 ust. 2;",
        "priorytetowe zadania publiczne;",
        "okres realizacji programu;",
        "sposób realizacji programu;",
        "wysokość środków planowanych na realizację programu;",
        "sposób oceny realizacji programu;",
    ]:
        numbered(document, line, 8, 1)
    document.save(HERE / "docx-udpp-art5a-tracked.docx")


def mragowo() -> None:
    document = docx.Document()
    add_list(
        document, 9, [("decimal", "§ %1"), ("decimal", "%2."), ("lowerLetter", "%3/")]
    )
    document.add_paragraph(
        "w sprawie : ogłoszenia otwartego konkursu ofert na realizację zadań własnych Gminy Mrągowo w roku 2009"
    )
    document.add_paragraph("zarządza się co następuje :")
    numbered(document, "", 9, 0)
    numbered(
        document,
        "Ogłasza się otwarty konkurs ofert na realizację zadań własnych Gminy Mrągowo w roku 2009 w zakresie :",
        9,
        1,
    )
    for line in [
        "rozwijania kultury fizycznej i sportu,",
        "edukacyjnej opieki wychowawczej ,",
        "ratownictwa i ochrony ludności.",
    ]:
        numbered(document, line, 9, 2)
    numbered(
        document,
        "Zlecenie realizacji zadań publicznych nastąpi w formie wsparcia zadań wraz z udzieleniem dotacj i na dofinansowanie j ego realizacj i.",
        9,
        1,
    )
    numbered(document, "", 9, 0)
    document.add_paragraph(
        "Treść ogłoszenia o otwartym konkursie ofert stanowi załącznik do zarządzenia."
    )
    numbered(document, "", 9, 0)
    document.add_paragraph(
        "Ogłoszenie o konkursie publikuje się poprzez jego zamieszczenie :"
    )
    for line in [
        "w Gazecie Olsztyńskiej - Kurier Mrągowski,",
        "w Biuletynie Informacji Publicznej Urzędu Gminy Mrągowo,",
        "na tablicy ogłoszeń Urzędu Gminy Mrągowo.",
    ]:
        numbered(document, line, 9, 1)
    numbered(document, "", 9, 0)
    document.add_paragraph("Wykonanie zarządzenia zleca się Sekretarzowi Gminy.")
    numbered(document, "", 9, 0)
    document.add_paragraph("Zarządzenie wchodzi w życie z dniem podpisania.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Wójt Gminy Mrągowo"
    table.rows[0].cells[1].text = "Jerzy Krasiński"
    document.save(HERE / "docx-mragowo-zarzadzenie-konkurs-2009.docx")


if __name__ == "__main__":
    swidwin()
    art5a()
    mragowo()
