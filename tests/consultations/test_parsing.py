from consultations.parsing import split_units, text_from_upload

RESOLUTION = """UCHWAŁA NR XXI/150/2026
RADY MIEJSKIEJ W RADLINIE
z dnia 26 listopada 2026 r.

w sprawie przyjęcia Rocznego programu współpracy Miasta Radlin z organizacjami pozarządowymi na rok 2027

Na podstawie art. 18 ust. 2 pkt 15 ustawy z dnia 8 marca 1990 r. o samorządzie gminnym (Dz. U. z 2024 r. poz. 1465) oraz art. 5a ust. 1 ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie
Rada Miejska w Radlinie uchwala, co następuje:

§ 1. 1. Przyjmuje się Roczny program współpracy, stanowiący załącznik do uchwały.
2. Program obejmuje:
1) cele;
2) zasady współpracy, w szczególności:
a) pomocniczości,
b) partnerstwa;
3) formy współpracy:
– zlecanie zadań,
– konsultowanie projektów aktów.
§ 2. Wykonanie uchwały powierza się Burmistrzowi Miasta Radlin.
§ 3. Uchwała wchodzi w życie
z dniem 1 stycznia 2027 r.
"""


def test_resolution_is_split_into_numbered_units():
    units = split_units(RESOLUTION)
    labels = [u.label for u in units]
    assert units[0].kind == "preamble"
    assert "Na podstawie art. 18 ust. 2 pkt 15" in units[0].text
    assert labels[1:] == [
        "§ 1",
        "§ 1 ust. 1",
        "§ 1 ust. 2",
        "§ 1 ust. 2 pkt 1",
        "§ 1 ust. 2 pkt 2",
        "§ 1 ust. 2 pkt 2 lit. a",
        "§ 1 ust. 2 pkt 2 lit. b",
        "§ 1 ust. 2 pkt 3",
        "§ 1 ust. 2 pkt 3 tiret 1",
        "§ 1 ust. 2 pkt 3 tiret 2",
        "§ 2",
        "§ 3",
    ]
    by_label = {u.label: u for u in units}
    assert by_label["§ 1 ust. 1"].text.startswith("Przyjmuje się Roczny program")
    assert (
        by_label["§ 2"].text
        == "Wykonanie uchwały powierza się Burmistrzowi Miasta Radlin."
    )
    # A line without a number continues the unit before it.
    assert by_label["§ 3"].text == "Uchwała wchodzi w życie\nz dniem 1 stycznia 2027 r."
    assert [u.depth for u in units[1:5]] == [1, 2, 2, 3]


def test_statute_articles_and_a_reference_at_the_start_of_a_line():
    units = split_units(
        "Art. 5. 1. Organy administracji publicznej prowadzą działalność.\n"
        "2. Współpraca odbywa się na zasadach, o których mowa w art. 3\n"
        "ust. 2. Współpraca obejmuje:\n"
        "1) konsultowanie projektów aktów normatywnych.\n"
        "Art. 5a. Organ stanowiący uchwala roczny program współpracy."
    )
    assert [u.label for u in units] == [
        "Art. 5",
        "Art. 5 ust. 1",
        "Art. 5 ust. 2",
        "Art. 5 ust. 2 pkt 1",
        "Art. 5a",
    ]
    assert units[2].text.endswith("w art. 3\nust. 2. Współpraca obejmuje:")


def test_annex_chapters_number_their_sections():
    units = split_units(
        "Rozdział 1\nCele programu\n1. Celem głównym jest rozwój współpracy.\n"
        "2. Celami szczegółowymi są:\n1) wzmocnienie organizacji;\n"
        "Rozdział 2\nZasady\n1. Współpraca opiera się na zasadzie pomocniczości."
    )
    labels = [u.label for u in units]
    assert labels == [
        "Rozdział 1",
        "Rozdział 1 ust. 1",
        "Rozdział 1 ust. 2",
        "Rozdział 1 ust. 2 pkt 1",
        "Rozdział 2",
        "Rozdział 2 ust. 1",
    ]
    assert units[0].text == "Cele programu"


def test_numbers_in_the_preamble_are_not_units():
    units = split_units("Uchwała\n2027 r. to rok programu.\n§ 1. Tekst.")
    assert [u.kind for u in units] == ["preamble", "paragraph"]


def test_docx_and_txt_uploads_give_their_text(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("§ 1. Zażółć gęślą jaźń.")
    document.add_paragraph("§ 2. Druga jednostka.")
    path = tmp_path / "projekt.docx"
    document.save(path)
    text = text_from_upload("projekt.docx", path.read_bytes())
    assert [u.label for u in split_units(text)] == ["§ 1", "§ 2"]
    assert text_from_upload("a.txt", "§ 1. Łódź".encode("cp1250")) == "§ 1. Łódź"
