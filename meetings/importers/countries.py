"""Country names, demonyms and capitals to ISO 3166-1 alpha-2 codes. No database here.

Inputs look like:  "President of Azerbaijan", "Azerbaijani", "Russian-Chinese talks",
"The Kremlin, Moscow", "London, United Kingdom", "Türkiye", "Turkiye".
Names come from pycountry (ISO 3166-1 and the former states of ISO 3166-3); the common
names, demonyms and capitals that ISO does not carry are listed here.
"""

import functools
import re
import unicodedata

import ahocorasick
import pycountry

# Former states that old records need, with the alpha-2 codes ISO reserved for them.
FORMER_STATES = {
    "SU": ("USSR", "Union of Soviet Socialist Republics"),
    "YU": ("Yugoslavia", "Socialist Federal Republic of Yugoslavia"),
    "CS": ("Czechoslovakia", "Czechoslovak Socialist Republic"),
    "DD": ("East Germany", "German Democratic Republic"),
}

# States that ISO 3166-1 does not list, recognised by some states and not by others: their
# leaders meet foreign leaders as heads of state. Codes: Kosovo's, which the EU and the IMF
# use (one ISO leaves to its users); Abkhazia's and South Ossetia's of GOST 7.67, the
# Russian standard of country codes, which names them.
PARTLY_RECOGNISED = {
    "XK": ("Kosovo", "Republic of Kosovo"),
    "AB": ("Abkhazia", "Republic of Abkhazia"),
    "OS": ("South Ossetia", "Republic of South Ossetia"),
}

# Organisations, sides of a meeting as countries are: their officials act for them (a
# Secretary General for NATO, whatever their own country). Codes: the two ISO 3166 reserved
# for the European Union and the United Nations, and codes ISO leaves to its users (X*).
ORGANISATIONS = {
    "EU": (
        "European Union",
        "European Union",
        [
            "European Union",
            "European Commission",
            "Council of the European Union",
            "European Council",
            "European Parliament",
            "EU",
        ],
    ),
    "UN": (
        "United Nations",
        "United Nations",
        [
            "United Nations",
            "United Nations Organization",
            "UN",
            "U.N.",
            "UN Security Council",
            "United Nations Security Council",
        ],
    ),
    "XN": (
        "NATO",
        "North Atlantic Treaty Organization",
        ["NATO", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation"],
    ),
    "XU": ("African Union", "African Union", ["African Union", "African Union Commission"]),
    "XA": (
        "ASEAN",
        "Association of Southeast Asian Nations",
        ["ASEAN", "Association of Southeast Asian Nations"],
    ),
    "XO": (
        "OSCE",
        "Organization for Security and Co-operation in Europe",
        [
            "OSCE",
            "Organization for Security and Co-operation in Europe",
            "Organization for Security and Cooperation in Europe",
        ],
    ),
    "XI": (
        "IAEA",
        "International Atomic Energy Agency",
        ["IAEA", "International Atomic Energy Agency"],
    ),
    "XW": (
        "World Health Organization",
        "World Health Organization",
        ["World Health Organization", "World Health Organisation"],
    ),
    "XF": ("IMF", "International Monetary Fund", ["IMF", "International Monetary Fund"]),
    "XB": ("World Bank", "World Bank Group", ["World Bank", "World Bank Group"]),
    "XT": ("WTO", "World Trade Organization", ["WTO", "World Trade Organization"]),
    "XE": ("Council of Europe", "Council of Europe", ["Council of Europe"]),
}


def all_organisations():
    """(code, name, official name) of every organisation the archive knows as a side."""
    return [(code, name, official) for code, (name, official, _) in ORGANISATIONS.items()]


def is_organisation(code):
    return code in ORGANISATIONS


# Names in common use that ISO spells otherwise.
COMMON_NAMES = {
    "RU": ["Russia", "Russian Federation", "Россия", "Российская Федерация", "RUSSIA"],
    "US": ["United States", "United States of America", "USA", "U.S.", "US", "America", "США"],
    "GB": [
        "United Kingdom",
        "UK",
        "U.K.",
        "Great Britain",
        "Britain",
        "England",
        "Scotland",
        "Великобритания",
        "Northern Ireland",
    ],
    "KR": ["Republic of Korea", "South Korea", "Korea", "Корея"],
    "KP": ["DPRK", "North Korea", "Democratic People's Republic of Korea", "КНДР"],
    "CN": ["China", "PRC", "People's Republic of China", "Китай", "КНР"],
    "TW": ["Taiwan"],
    "IR": ["Iran", "Иран"],
    "SY": ["Syria", "Сирия"],
    "VN": ["Vietnam", "Viet Nam", "Вьетнам"],
    "LA": ["Laos"],
    "MD": ["Moldova", "Молдавия", "Молдова"],
    "TR": ["Turkey", "Türkiye", "Turkiye", "Турция"],
    "CZ": ["Czech Republic", "Czechia"],
    "VE": ["Venezuela"],
    "BO": ["Bolivia"],
    "TZ": ["Tanzania"],
    "PS": [
        "Palestine",
        "State of Palestine",
        "Palestinian Authority",
        "Palestinian National Authority",
    ],
    "VA": ["Vatican", "Holy See", "Vatican City"],
    "BN": ["Brunei"],
    "CV": ["Cape Verde"],
    "CI": ["Cote d'Ivoire", "Côte d'Ivoire", "Ivory Coast"],
    "CD": ["Democratic Republic of the Congo", "DR Congo", "DRC"],
    "CG": ["Republic of the Congo", "Congo"],
    "MK": ["Macedonia", "North Macedonia"],
    "FM": ["Micronesia"],
    "SZ": ["Swaziland", "Eswatini"],
    "MM": ["Myanmar", "Burma"],
    "KG": ["Kyrgyzstan", "Kyrgyz Republic", "Киргизия", "Кыргызстан"],
    "AE": ["UAE", "United Arab Emirates", "Emirates", "ОАЭ"],
    "SA": ["Saudi Arabia", "Kingdom of Saudi Arabia"],
    "BY": ["Belarus", "Byelorussia", "Белоруссия", "Беларусь"],
    "UA": ["Ukraine", "Украина"],
    "KZ": ["Kazakhstan", "Казахстан"],
    "AZ": ["Azerbaijan", "Азербайджан"],
    "AM": ["Armenia", "Армения"],
    "GE": ["Georgia", "Грузия"],
    "UZ": ["Uzbekistan", "Узбекистан"],
    "TJ": ["Tajikistan", "Таджикистан"],
    "TM": ["Turkmenistan", "Туркмения", "Туркменистан"],
    "DE": ["Germany", "FRG", "Федеративная Республика Германия", "Германия", "Deutschland"],
    "FR": ["France", "Франция", "Frankreich"],
    "IN": ["India", "Индия"],
    "JP": ["Japan", "Япония"],
    "IT": ["Italy", "Италия"],
    "IL": ["Israel", "Израиль"],
    "EG": ["Egypt", "Египет"],
    "AB": ["Abkhazia", "Абхазия"],
    "OS": ["South Ossetia", "South Ossetia-Alania", "Южная Осетия"],
    # The CPSU was the Soviet state's party: its General Secretary the USSR's leader.
    "SU": ["Soviet Union", "USSR", "U.S.S.R.", "СССР", "CPSU", "КПСС"],
    "DD": ["GDR", "East Germany"],
}

DEMONYMS = {
    "AF": ["Afghan"],
    "AL": ["Albanian"],
    "DZ": ["Algerian"],
    "AO": ["Angolan"],
    "AR": ["Argentine", "Argentinian"],
    "AM": ["Armenian"],
    "AU": ["Australian"],
    "AT": ["Austrian"],
    "AZ": ["Azerbaijani", "Azeri"],
    "BH": ["Bahraini"],
    "BD": ["Bangladeshi"],
    "BY": ["Belarusian", "Belorussian"],
    "BE": ["Belgian"],
    "BJ": ["Beninese"],
    "BO": ["Bolivian"],
    "BA": ["Bosnian"],
    "BR": ["Brazilian"],
    "BG": ["Bulgarian"],
    "BF": ["Burkinabe"],
    "KH": ["Cambodian"],
    "CM": ["Cameroonian"],
    "CA": ["Canadian"],
    "CF": ["Central African"],
    "TD": ["Chadian"],
    "CL": ["Chilean"],
    "CN": ["Chinese"],
    "CO": ["Colombian"],
    "CG": ["Congolese"],
    "CR": ["Costa Rican"],
    "HR": ["Croatian", "Croat"],
    "CU": ["Cuban"],
    "CY": ["Cypriot"],
    "AB": ["Abkhazian", "Abkhaz"],
    "OS": ["South Ossetian"],
    "CZ": ["Czech"],
    "DK": ["Danish"],
    "DO": ["Dominican"],
    "EC": ["Ecuadorian"],
    "EG": ["Egyptian"],
    "SV": ["Salvadoran"],
    "ER": ["Eritrean"],
    "EE": ["Estonian"],
    "ET": ["Ethiopian"],
    "FI": ["Finnish"],
    "FR": ["French"],
    "GA": ["Gabonese"],
    "GE": ["Georgian"],
    "DE": ["German"],
    "GH": ["Ghanaian"],
    "GR": ["Greek"],
    "GT": ["Guatemalan"],
    "GN": ["Guinean"],
    "HT": ["Haitian"],
    "HN": ["Honduran"],
    "HU": ["Hungarian"],
    "IS": ["Icelandic"],
    "IN": ["Indian"],
    "ID": ["Indonesian"],
    "IR": ["Iranian"],
    "IQ": ["Iraqi"],
    "IE": ["Irish"],
    "IL": ["Israeli"],
    "IT": ["Italian"],
    "JM": ["Jamaican"],
    "JP": ["Japanese"],
    "JO": ["Jordanian"],
    "KZ": ["Kazakh", "Kazakhstani"],
    "KE": ["Kenyan"],
    "KW": ["Kuwaiti"],
    "KG": ["Kyrgyz", "Kirghiz", "Kyrgyzstani"],
    "LA": ["Lao", "Laotian"],
    "LV": ["Latvian"],
    "LB": ["Lebanese"],
    "LY": ["Libyan"],
    "LT": ["Lithuanian"],
    "LU": ["Luxembourgish"],
    "MK": ["Macedonian"],
    "MG": ["Malagasy"],
    "MY": ["Malaysian"],
    "ML": ["Malian"],
    "MT": ["Maltese"],
    "MR": ["Mauritanian"],
    "MX": ["Mexican"],
    "MD": ["Moldovan"],
    "MN": ["Mongolian"],
    "ME": ["Montenegrin"],
    "MA": ["Moroccan"],
    "MZ": ["Mozambican"],
    "MM": ["Myanmar", "Burmese"],
    "NA": ["Namibian"],
    "NP": ["Nepalese", "Nepali"],
    "NL": ["Dutch", "Netherlands"],
    "NZ": ["New Zealand"],
    "NI": ["Nicaraguan"],
    "NE": ["Nigerien"],
    "NG": ["Nigerian"],
    "KP": ["North Korean"],
    "NO": ["Norwegian"],
    "OM": ["Omani"],
    "PK": ["Pakistani"],
    "PS": ["Palestinian"],
    "PA": ["Panamanian"],
    "PY": ["Paraguayan"],
    "PE": ["Peruvian"],
    "PH": ["Philippine", "Filipino"],
    "PL": ["Polish"],
    "PT": ["Portuguese"],
    "QA": ["Qatari"],
    "RO": ["Romanian"],
    "RU": ["Russian", "российский", "российская", "российские"],
    "RW": ["Rwandan"],
    "SA": ["Saudi"],
    "SN": ["Senegalese"],
    "RS": ["Serbian"],
    "SG": ["Singaporean"],
    "SK": ["Slovak", "Slovakian"],
    "SI": ["Slovenian", "Slovene"],
    "SO": ["Somali"],
    "ZA": ["South African"],
    "KR": ["South Korean", "Korean"],
    "SS": ["South Sudanese"],
    "ES": ["Spanish"],
    "LK": ["Sri Lankan"],
    "SD": ["Sudanese"],
    "SE": ["Swedish"],
    "CH": ["Swiss"],
    "SY": ["Syrian"],
    "TW": ["Taiwanese"],
    "TJ": ["Tajik", "Tajikistani"],
    "TZ": ["Tanzanian"],
    "TH": ["Thai"],
    "TN": ["Tunisian"],
    "TR": ["Turkish"],
    "TM": ["Turkmen"],
    "UG": ["Ugandan"],
    "UA": ["Ukrainian"],
    "AE": ["Emirati"],
    "GB": ["British"],
    "US": ["American"],
    "UY": ["Uruguayan"],
    "UZ": ["Uzbek", "Uzbekistani"],
    "VE": ["Venezuelan"],
    "VN": ["Vietnamese"],
    "YE": ["Yemeni"],
    "ZM": ["Zambian"],
    "ZW": ["Zimbabwean"],
    "SU": ["Soviet"],
    "YU": ["Yugoslav"],
    "CS": ["Czechoslovak"],
}

# Cities where meetings are held: enough to give a host country from a place line.
CITIES = {
    "RU": [
        "Moscow",
        "The Kremlin",
        "Kremlin",
        "Sochi",
        "St Petersburg",
        "St. Petersburg",
        "Saint Petersburg",
        "Novo-Ogaryovo",
        "Zavidovo",
        "Kazan",
        "Vladivostok",
        "Yekaterinburg",
        "Novosibirsk",
        "Kaliningrad",
        "Bocharov Ruchei",
        "Valdai",
        "Nizhny Novgorod",
        "Ufa",
        "Samara",
        "Gorki",
        "Strelna",
        "Star City",
        "Krasnaya Polyana",
        "Krasnodar",
        "Volgograd",
        "Krasnoyarsk",
        "Chelyabinsk",
        "Yaroslavl",
        "Izhevsk",
        "Kemerovo",
        "Rostov-on-Don",
        "Rostov",
        "Astrakhan",
        "Irkutsk",
        "Pskov",
        "Leningrad",
        "Ivanovo",
        "Naberezhnye Chelny",
        "Naberezhniye Chelny",
        "Nalchik",
        "Ulyanovsk",
        "Ryazan",
        "Arkhangelsk",
        "Veliky Novgorod",
        "Novgorod",
        "Rybinsk",
        "Makhachkala",
        "Cherepovets",
        "Vologda",
        "Ulan-Ude",
        "Elista",
        "Novorossiisk",
        "Novorossiysk",
        "Kursk",
        "Surgut",
        "Karelia",
        "Yakutia",
        "Tatarstan",
        "Vladimir Region",
        "Tver",
        "Omsk",
        "Tomsk",
        "Anapa",
        "Amur",
        "Primorye",
        "Novy Urengoi",
        "Chita",
        "Tambov",
        "Yuzhno-Sakhalinsk",
        "Perm",
        "Magadan",
        "Grozny",
        "Magnitogorsk",
        "Orenburg",
        "Severodvinsk",
        "Tula",
        "Kolomna",
        "Sabetta",
        "Murmansk",
        "Khabarovsk",
        "Smolensk",
        "Saratov",
        "Novo-Ogaryovo Residence",
        "Москва",
        "Кремль",
        "Сочи",
        "Санкт-Петербург",
    ],
    "US": [
        "New York City",
        "Texas",
        "Washington",
        "Washington, D.C.",
        "New York",
        "White House",
        "The White House",
        "Camp David",
        "Oval Office",
        "Rose Garden",
        "East Room",
        "Roosevelt Room",
        "Cabinet Room",
    ],
    "GB": [
        "London",
        "Downing Street",
        "10 Downing Street",
        "Number 10 Downing Street",
        "Gleneagles",
        "Edinburgh",
        "Chequers",
        "Greenwich",
    ],
    "FR": ["Paris", "Elysee", "Élysée", "Elysee Palace", "Élysée Palace", "Bordeaux"],
    "DE": ["Berlin", "Bonn", "Hamburg", "Weimar", "Dresden", "Hannover", "Meseberg"],
    "CN": ["Beijing", "Shanghai", "Qingdao", "Hangzhou"],
    "JP": ["Tokyo", "Osaka"],
    "IN": ["New Delhi", "Delhi", "Goa"],
    "AZ": ["Baku"],
    "AM": ["Yerevan"],
    "GE": ["Tbilisi"],
    "AB": ["Sukhum", "Sukhumi"],
    "OS": ["Tskhinval", "Tskhinvali"],
    "BY": ["Minsk"],
    "UA": ["Kiev", "Kyiv"],
    "KZ": ["Astana", "Nur-Sultan", "Almaty"],
    "UZ": ["Tashkent", "Samarkand"],
    "KG": ["Bishkek", "Cholpon-Ata"],
    "TJ": ["Dushanbe"],
    "TM": ["Ashgabat"],
    "MD": ["Chisinau"],
    "TR": ["Ankara", "Istanbul"],
    "CH": ["Geneva", "Bern", "Davos"],
    "AT": ["Vienna"],
    "IT": ["Rome", "Genoa", "Sardinia", "Porto Rotondo"],
    "ES": ["Madrid"],
    "IL": ["Jerusalem", "Tel Aviv"],
    "EG": ["Cairo", "Sharm el-Sheikh"],
    "IR": ["Tehran"],
    "SA": ["Riyadh", "Jeddah"],
    "AE": ["Abu Dhabi", "Dubai"],
    "VN": ["Hanoi"],
    "KR": ["Seoul", "Busan"],
    "KP": ["Pyongyang"],
    "BR": ["Brasilia"],
    "ZA": ["Johannesburg", "Pretoria", "Durban"],
    "AR": ["Buenos Aires"],
    "IE": ["Dublin"],
    "BE": ["Brussels"],
    "PL": ["Warsaw"],
    "LT": ["Vilnius"],
    "CZ": ["Prague"],
    "HU": ["Budapest"],
    "RS": ["Belgrade"],
    "SG": ["Singapore"],
    "ID": ["Jakarta", "Bali"],
    "VA": ["Vatican"],
    "SY": ["Damascus"],
    "CU": ["Havana"],
    "IS": ["Reykjavik"],
    "MX": ["Mexico City"],
    "PE": ["Lima"],
    "CA": ["Ottawa"],
    "AU": ["Canberra", "Brisbane"],
    "TH": ["Bangkok"],
    "GR": ["Athens"],
    "MN": ["Ulaanbaatar", "Ulan Bator"],
    "NO": ["Oslo"],
    "MY": ["Kuala Lumpur"],
    "PS": ["Ramallah", "Bethlehem"],
    "NL": ["The Hague", "Amsterdam"],
    "SI": ["Ljubljana"],
    "BG": ["Sofia"],
    "FI": ["Helsinki", "Turku"],
}


def _fold(text):
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).replace("’", "'")
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split()).lower()


@functools.cache
def _tables():
    names, demonyms, cities = {}, {}, {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names.setdefault(_fold(value), c.alpha_2)
        if "," in c.name:  # "Korea, Republic of" -> "Republic of Korea"
            head, _, tail = c.name.partition(",")
            names.setdefault(_fold(f"{tail.strip()} {head.strip()}"), c.alpha_2)
    for code, forms in (FORMER_STATES | PARTLY_RECOGNISED).items():
        for form in forms:
            names.setdefault(_fold(form), code)
    for code, forms in COMMON_NAMES.items():
        for form in forms:
            names[_fold(form)] = code
    for code, (_, _, forms) in ORGANISATIONS.items():
        for form in forms:
            names.setdefault(_fold(form), code)
    for code, forms in DEMONYMS.items():
        for form in forms:
            demonyms[_fold(form)] = code
    for code, forms in CITIES.items():
        for form in forms:
            cities[_fold(form)] = code
    return names, demonyms, cities


SHORT_FORMS = frozenset("U.S. US USA UK U.K. UAE DPRK PRC FRG GDR USSR EU UN U.N. IMF WTO".split())
# Their shapes: a capital that opens one, then what may follow it. A pattern that opens with
# a letter is searched for fast; one that opens with a look behind, or with a choice of
# words, is tried at every character of a transcript (a tenth of its parse).
_SHORT_FORM_SHAPES = re.compile(
    r"[UDPFGEIW](?:\.S\.|SA|SSR|S|K|\.K\.|AE|PRK|RC|RG|DR|U|N|\.N\.|MF|TO)(?!\w)"
)


def _short_forms(text):
    """(position, form) of each short form in text that stands as a word of its own."""
    for m in _SHORT_FORM_SHAPES.finditer(text):
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_."):
            continue
        if m.group() in SHORT_FORMS:
            yield start, m.group()


def country_code(text):
    """The ISO code for a country name, demonym or city, or None."""
    if not text:
        return None
    names, demonyms, cities = _tables()
    key = _fold(text).strip(" .,")
    found = names.get(key) or demonyms.get(key) or cities.get(key)
    if not found and " of " in key:
        # "Republic of Turkey", "Kingdom of Cambodia", "Republic of Gambia": a state's
        # style before its name.
        found = names.get(STATE_STYLE.sub("", key))
    return found


STATE_STYLE = re.compile(
    r"^(?:the )?(?:(?:islamic|federal|democratic|people's|socialist|arab|united|federative"
    r"|plurinational|bolivarian|hashemite|oriental|cooperative) )*(?:republic|kingdom|state"
    r"|sultanate|principality|grand duchy|commonwealth|federation|emirate) of (?:the )?"
)


@functools.lru_cache(maxsize=16384)
def find_countries_cached(text):
    return tuple(_find_countries(text))


def find_countries(text):
    text = text or ""
    # Titles and roles repeat and are cached; a document's whole text would only fill the
    # cache (and the parse workers' memory).
    return list(find_countries_cached(text)) if len(text) < 500 else _find_countries(text)


def _find_countries(text):
    """ISO codes of the countries named (or adjectives used) in text, in order of appearance.

    Every country's name and demonym is looked for at once in the lower-cased text (an
    Aho-Corasick automaton, so that a long transcript costs one pass in C); a match counts
    where it is a whole word that opens with a capital ("Syria", "Chinese", not "jersey" or
    "turkey"), or in Cyrillic ("российский").
    """
    if not text:
        return []
    names, demonyms, _ = _tables()
    lower = text.lower()
    if len(lower) != len(text):  # "İ" lowers to two characters: keep the positions
        lower = "".join(c.lower()[0] for c in text)
    if not lower.isascii():
        # The names are looked for folded ("Türkiye" as "turkiye", "Democratic People’s
        # Republic of Korea" with a plain apostrophe): fold the text alike, a character
        # for a character, so that a match's place is its place in the text.
        for char, folded in _one_for_one(frozenset(lower)).items():
            lower = lower.replace(char, folded)  # a few characters: faster than translate
    matches, size = [], len(lower)
    for end, (length, code) in _automaton().iter(lower):
        start = end - length + 1
        if start and (lower[start - 1].isalnum() or lower[start - 1] in "_."):
            continue
        if end + 1 < size and (lower[end + 1].isalnum() or lower[end + 1] == "_"):
            continue
        if text[start].isupper() or "а" <= text[start] <= "я" or text[start] == "ё":
            matches.append((start, -length, code))
    if not text.isascii() and CYRILLIC_LETTER.search(text):
        matches.extend(_russian_forms(text))
    if " und " in text or " der " in text or " des " in text or "isch" in text:
        matches.extend(_forms(GERMAN_NAME, GERMAN_NAMES, lower))  # folded: "franzosischen"
    french = "é" in text and sum(word in lower for word in FRENCH_WORDS)  # é: French's mark
    if french and (french >= 2 or len(text) < 100):
        # (an office is short: "Président des États-Unis d'Amérique")
        matches.extend(_forms(FRENCH_NAME, FRENCH_NAMES, lower.replace("’", "'")))
    hits, reached = [], 0
    for start, minus_length, code in sorted(matches):  # the longest at each place, in turn
        if start >= reached:
            hits.append((start, code))
            reached = start - minus_length
    for start, form in _short_forms(text):
        key = _fold(form)
        hits.append((start, names.get(key) or demonyms.get(key)))
    found = []
    for _, code in sorted(hits):
        if code and code not in found:
            found.append(code)
    return found


# Countries named in Russian, whose names change with their case ("Россия", "России",
# "Россией"; "Соединённых Штатов Америки"), by stem and ending: (code, pattern), the
# adjective ("российский", "китайских") with them. No library declines them better for so
# few words: a morphological analyser would still need these names.
_EN = r"(?:я|и|ю|ей)"  # Россия, России, Россию, Россией
_M = r"(?:а|у|ом|е)?"  # Казахстан, Казахстана, Казахстану, Казахстаном, Казахстане
_ADJ = r"[а-яё]*"
RUSSIAN_NAMES = [
    ("RU", rf"росси{_EN}|российск{_ADJ}|российско"),
    (
        "US",
        rf"соединённ{_ADJ} штат{_ADJ} америки|соединенн{_ADJ} штат{_ADJ} америки"
        rf"|американск{_ADJ}",
    ),
    ("CN", rf"кита(?:й|я|е|ю|ем)|китайск{_ADJ}"),
    ("JP", rf"япони{_EN}|японск{_ADJ}"),
    ("IN", rf"инди{_EN}|индийск{_ADJ}"),
    ("DE", rf"германи{_EN}|германск{_ADJ}|немецк{_ADJ}"),
    ("FR", rf"франци{_EN}|французск{_ADJ}"),
    ("GB", rf"великобритани{_EN}|британи{_EN}|британск{_ADJ}"),
    ("IT", rf"итали{_EN}|итальянск{_ADJ}"),
    ("TR", rf"турци{_EN}|турецк{_ADJ}"),
    ("IR", rf"иран{_M}|иранск{_ADJ}"),
    ("IQ", rf"ирак{_M}|иракск{_ADJ}"),
    ("KZ", rf"казахстан{_M}|казахстанск{_ADJ}|казахск{_ADJ}"),
    ("BY", rf"беларус(?:ь|и|ью)|белорусси{_EN}|белорусск{_ADJ}"),
    ("UA", rf"украин(?:а|ы|е|у|ой)|украинск{_ADJ}"),
    ("AZ", rf"азербайджан{_M}|азербайджанск{_ADJ}"),
    ("AM", rf"армени{_EN}|армянск{_ADJ}"),
    ("GE", rf"грузи{_EN}|грузинск{_ADJ}"),
    ("UZ", rf"узбекистан{_M}|узбекск{_ADJ}|узбекистанск{_ADJ}"),
    ("KG", rf"киргизи{_EN}|кыргызстан{_M}|киргизск{_ADJ}|кыргызск{_ADJ}"),
    ("TJ", rf"таджикистан{_M}|таджикск{_ADJ}"),
    ("TM", rf"туркменистан{_M}|туркменск{_ADJ}"),
    ("MD", rf"молдави{_EN}|молдов(?:а|ы|е|у|ой)|молдавск{_ADJ}"),
    ("VN", rf"вьетнам{_M}|вьетнамск{_ADJ}"),
    ("MN", rf"монголи{_EN}|монгольск{_ADJ}"),
    ("SY", rf"сири{_EN}|сирийск{_ADJ}"),
    ("IL", rf"израил(?:ь|я|ю|ем|е)|израильск{_ADJ}"),
    ("EG", rf"египт{_M}|египетск{_ADJ}"),
    ("SA", rf"саудовск{_ADJ} арави{_EN}"),
    ("BR", rf"бразили{_EN}|бразильск{_ADJ}"),
    ("ZA", rf"южно-?африканск{_ADJ}"),
    ("RS", rf"серби{_EN}|сербск{_ADJ}"),
    ("PL", rf"польш(?:а|и|у|ей)|польск{_ADJ}"),
    ("FI", rf"финлянди{_EN}|финск{_ADJ}"),
    ("AT", rf"австри{_EN}|австрийск{_ADJ}"),
    ("ES", rf"испани{_EN}|испанск{_ADJ}"),
    ("GR", rf"греци{_EN}|греческ{_ADJ}"),
    ("HU", rf"венгри{_EN}|венгерск{_ADJ}"),
    ("BG", rf"болгари{_EN}|болгарск{_ADJ}"),
    ("CU", rf"куб(?:а|ы|е|у|ой)|кубинск{_ADJ}"),
    ("VE", rf"венесуэл(?:а|ы|е|у|ой)|венесуэльск{_ADJ}"),
    ("AF", rf"афганистан{_M}|афганск{_ADJ}"),
    ("PK", rf"пакистан{_M}|пакистанск{_ADJ}"),
    ("KR", rf"республик{_ADJ} коре{_EN}|южн{_ADJ} коре{_EN}|южнокорейск{_ADJ}"),
    ("EU", rf"европейск{_ADJ} союз{_ADJ}|евросоюз{_ADJ}"),
]


def _names_pattern(table, letters):
    """One pattern of a table of (code, pattern of the names in a language), each a whole
    word of that language's letters; the table's entry a match is of: its lastgroup."""
    return re.compile(
        rf"(?<![{letters}0-9])(?:"
        + "|".join(f"(?P<n{n}>{pattern})" for n, (_, pattern) in enumerate(table))
        + rf")(?![{letters}0-9])"
    )


def _forms(pattern, table, text):
    """(start, -length, code) of each match of a _names_pattern in text."""
    for m in pattern.finditer(text):
        yield m.start(), m.start() - m.end(), table[int(m.lastgroup[1:])][0]


RUSSIAN_NAME = _names_pattern(RUSSIAN_NAMES, "а-яёa-z")
# Short names in capitals: "США", "КНР", "РФ" (not "рф" of a word in lower case).
RUSSIAN_SHORT = {
    "США": "US",
    "РФ": "RU",
    "КНР": "CN",
    "КНДР": "KP",
    "ФРГ": "DE",
    "ОАЭ": "AE",
    "ЮАР": "ZA",
    "ЕС": "EU",
    "ООН": "UN",
    "НАТО": "XN",
}
RUSSIAN_SHORT_NAME = re.compile(r"(?<![А-ЯЁа-яё])(" + "|".join(RUSSIAN_SHORT) + r")(?![А-ЯЁа-яё])")
CYRILLIC_LETTER = re.compile(r"[А-ЯЁа-яё]")


def _russian_forms(text):
    """(start, -length, code) of each country named in Russian in text."""
    # Cyrillic lowers letter for letter: the places stay.
    yield from _forms(RUSSIAN_NAME, RUSSIAN_NAMES, text.lower())
    for m in RUSSIAN_SHORT_NAME.finditer(text):
        yield m.start(), m.start() - m.end(), RUSSIAN_SHORT[m.group()]


# Countries named in German, whose adjectives are written small and declined ("dem
# französischen Präsidenten", "der russischen Seite") and whose names are not English
# ("Frankreich", "Russlands"): stem and ending, for some thirty countries. Read in a text
# that has German's words; the text is folded ("französischen" as "franzosischen").
_GE = r"[a-z]*"  # an adjective's ending
GERMAN_NAMES = [
    ("FR", rf"frankreichs?|franzosisch{_GE}"),
    ("DE", rf"deutschlands?|bundesrepublik deutschland|deutsch{_GE}"),
    ("RU", rf"russlands?|russisch{_GE}|russische foderation"),
    ("US", rf"vereinigte[nr]? staaten(?: von amerika)?|amerikanisch{_GE}|us-amerikanisch{_GE}"),
    ("CN", rf"chinesisch{_GE}|volksrepublik china"),
    ("JP", rf"japanisch{_GE}"),
    ("GB", rf"gro(?:ss|ß)britanniens?|britisch{_GE}|vereinigte[ns]? konigreichs?"),
    ("IT", rf"italiens?|italienisch{_GE}"),
    ("ES", rf"spaniens?|spanisch{_GE}"),
    ("PL", rf"polens?|polnisch{_GE}"),
    ("UA", rf"ukrainisch{_GE}"),
    ("IN", rf"indiens?|indisch{_GE}"),
    ("TR", rf"turkei|turkisch{_GE}"),
    ("AT", rf"osterreichs?|osterreichisch{_GE}"),
    ("CH", rf"schweiz|schweizerisch{_GE}"),
    ("NL", rf"niederlanden?|niederlandisch{_GE}"),
    ("BE", rf"belgiens?|belgisch{_GE}"),
    ("GR", rf"griechenlands?|griechisch{_GE}"),
    ("IL", rf"israelisch{_GE}"),
    ("CA", rf"kanadas?|kanadisch{_GE}"),
    ("BR", rf"brasiliens?|brasilianisch{_GE}"),
    ("MX", rf"mexikos?|mexikanisch{_GE}"),
    ("EG", rf"agyptens?|agyptisch{_GE}"),
    ("ZA", rf"sudafrikas?|sudafrikanisch{_GE}"),
    ("SE", rf"schwedens?|schwedisch{_GE}"),
    ("NO", rf"norwegens?|norwegisch{_GE}"),
    ("DK", rf"danemarks?|danisch{_GE}"),
    ("FI", rf"finnlands?|finnisch{_GE}"),
    ("CZ", rf"tschechiens?|tschechisch{_GE}"),
    ("HU", rf"ungarns?|ungarisch{_GE}"),
    ("EU", r"europaische[n]? union"),
]
GERMAN_NAME = _names_pattern(GERMAN_NAMES, "a-z")


# Countries named in French, whose adjectives are written small ("le chancelier allemand")
# and whose names are not English ("l’Allemagne", "les États-Unis"): some thirty countries,
# read in a text that has French's words; the text is folded ("etats-unis").
_FR = r"(?:e|s|es)?"  # an adjective's ending
FRENCH_NAMES = [
    ("FR", rf"francais{_FR}|republique francaise"),
    ("DE", rf"allemagne|allemand{_FR}"),
    ("RU", rf"russie|russe{_FR}|federation de russie"),
    ("US", rf"etats-unis(?: d'amerique)?|americain{_FR}"),
    ("GB", rf"royaume-uni|britannique{_FR}"),
    ("CN", rf"chine|chinois{_FR}"),
    ("JP", rf"japon|japonais{_FR}"),
    ("IT", r"italie|italien(?:ne)?s?"),
    ("ES", rf"espagne|espagnol{_FR}"),
    ("PL", rf"pologne|polonais{_FR}"),
    ("UA", r"ukrainien(?:ne)?s?"),
    ("IN", r"inde|indien(?:ne)?s?"),
    ("TR", rf"turquie|turc|turque{_FR}"),
    ("AT", r"autriche|autrichien(?:ne)?s?"),
    ("CH", rf"suisse{_FR}"),
    ("NL", rf"pays-bas|neerlandais{_FR}"),
    ("BE", rf"belgique|belge{_FR}"),
    ("GR", r"grece|grec(?:que)?s?"),
    ("IL", r"israelien(?:ne)?s?"),
    ("BR", r"bresil|bresilien(?:ne)?s?"),
    ("MX", rf"mexique|mexicain{_FR}"),
    ("EG", r"egypte|egyptien(?:ne)?s?"),
    ("MA", rf"maroc|marocain{_FR}"),
    ("DZ", r"algerie|algerien(?:ne)?s?"),
    ("TN", r"tunisie|tunisien(?:ne)?s?"),
    ("SN", rf"senegal|senegalais{_FR}"),
    ("LB", rf"liban|libanais{_FR}"),
    ("SA", r"arabie saoudite|saoudien(?:ne)?s?"),
    ("SY", r"syrie|syrien(?:ne)?s?"),
    ("KR", r"coree du sud|sud-coreen(?:ne)?s?"),
    ("EU", r"union europeenne"),
]
FRENCH_NAME = _names_pattern(FRENCH_NAMES, "a-z")


def french_country(name):
    """The country a name is, whole, in French ("États-Unis d'Amérique"), or None."""
    folded = _fold(name).replace("’", "'")
    return next((code for code, pattern in FRENCH_NAMES if re.fullmatch(pattern, folded)), None)


FRENCH_WORDS = (" et ", " de la ", " du ", " des ", " les ", " avec ")  # two make it French


def german_country_word(word):
    """Whether a word names a country in German, as its adjective is written small
    ("französischen")."""
    return bool(GERMAN_NAME.fullmatch(_fold(word)))


_ASCII = frozenset(chr(i) for i in range(128))


def _one_for_one(chars):
    """{character: its letter} for each accented character of chars ("ü": "u", "’": "'");
    a character that folds to more than one ("ﬁ") or to none is kept."""
    table = {}
    for c in chars - _ASCII:
        folded = _fold(c)
        if c.isspace():
            table[c] = " "
        elif len(folded) == 1 and folded != c:
            table[c] = folded
    return table


@functools.cache
def _automaton():
    """Every name and demonym of four letters or more (without a leading "the": "State of
    Palestine" is read from its capital), with its length and its country."""
    names, demonyms, _ = _tables()
    automaton = ahocorasick.Automaton()
    for table in (demonyms, names):  # a name wins over a demonym spelt alike
        for form, code in table.items():
            form = form.removeprefix("the ")
            if len(form) > 3:
                automaton.add_word(form, (len(form), code))
    # Places whose names hold a country's and are no part of it: a match of these, the
    # longer, names nothing ("New Jersey" is not Jersey, "New Mexico" not Mexico).
    for form in ("new jersey", "new mexico", "new england", "new south wales", "new guinea"):
        automaton.add_word(form, (len(form), None))
    automaton.make_automaton()
    return automaton


def city_country(text):
    """The country of the first known city or country named in a place line."""
    if not text:
        return None
    names, demonyms, cities = _tables()
    for part in re.split(r",\s*", text):
        key = _fold(part).strip(" .")
        # "The Tver Region", "Krasnodar Territory": the region of a known city.
        region = re.sub(r"^the |\s+(?:region|territory|oblast|krai)$", "", key)
        if key in cities or region in cities:
            return cities.get(key) or cities[region]
        if key in names:
            return names[key]
    return None


# Russia's regions as kremlin.ru and government.ru print them, without "Republic of" or
# "Region": places, never part of a person's name ("Head of Ingushetia Yunus-Bek Yevkurov").
REGIONS = frozenset(
    _fold(r)
    for r in """
    Adygea|Altai Republic|Altai Territory|Amur|Arkhangelsk|Astrakhan|Bashkortostan|Bashkiria
    |Belgorod|Bryansk|Buryatia
    |Chechnya|Chechen Republic|Chelyabinsk|Chukotka|Chuvashia|Crimea|Dagestan|Ingushetia
    |Irkutsk|Ivanovo|Jewish Autonomous|Kabardino-Balkaria|Kabardino-Balkarian Republic
    |Kaluga|Kamchatka|Karachayevo-Circassia|Karachay-Cherkessia|Karelia|Kemerovo|Kuzbass
    |Kalmykia|Khabarovsk|Khakassia|Khanty-Mansi|Khanty-Mansiysk|Kirov|Komi|Kostroma|Krasnodar|Kuban
    |Krasnoyarsk|Kurgan|Kursk|Leningrad|Lipetsk|Magadan|Mari El|Mordovia|Murmansk|Nenets
    |North Ossetia|North Ossetia-Alania|Alania|Novgorod|Nizhny Novgorod|Omsk|Orenburg|Oryol
    |Novosibirsk|Penza|Perm|Primorye|Primorsky|Pskov|Rostov|Ryazan|Sakha|Yakutia|Sakhalin|Samara
    |Saratov|Sevastopol|Smolensk|Stavropol|Sverdlovsk|Tambov|Tatarstan|Tomsk|Tula|Tuva
    |Tver|Tyumen|Udmurtia|Ulyanovsk|Vladimir Region|Volgograd|Vologda|Voronezh|Yamal
    |Yamalo-Nenets|Yaroslavl|Zabaikalsky|Zabaykalsky|Trans-Baikal|Transbaikalia|Far East
    |Siberia|Urals|Arctic|North Caucasus|Caucasus|Kaliningrad|Moscow Region|Kuril Islands|Kurils
    """.replace("\n", "").split("|")
)
REGION_WORDS = re.compile(
    r"\s+(?:region|territory|oblast|krai|republic|province|district|autonomous area"
    r"|autonomous district|area)$"
)


# Other countries' states and regions, for offices such as "Governor of California" and
# "Minister-President of Bavaria": US states and Canada's provinces as pycountry names them,
# Germany's and Austria's Länder under their English names too.
FOREIGN_REGIONS = {
    "DE": [
        "Bavaria",
        "Saxony",
        "Lower Saxony",
        "Thuringia",
        "Hesse",
        "North Rhine-Westphalia",
        "Rhineland-Palatinate",
        "Saxony-Anhalt",
        "Mecklenburg-Western Pomerania",
        "Baden-Württemberg",
        "Baden-Wuerttemberg",
        "Schleswig-Holstein",
        "Saarland",
        "Brandenburg",
    ],
    "AT": ["Tyrol", "Styria", "Carinthia", "Upper Austria", "Lower Austria", "Salzburg"],
    "IT": ["Sicily", "Sardinia", "Lombardy", "Tuscany", "Veneto", "Piedmont"],
    "ES": ["Catalonia", "Andalusia"],
    "GB": ["Wales", "Northern Ireland"],
    "IQ": ["Iraqi Kurdistan", "Kurdistan Region"],
    # The emirates: "Crown Prince of Abu Dhabi", "Ruler of Dubai".
    "AE": ["Abu Dhabi", "Dubai", "Sharjah", "Ajman", "Fujairah", "Ras Al Khaimah", "Umm Al Quwain"],
}


@functools.cache
def _foreign_regions():
    table = {}
    for code, names in FOREIGN_REGIONS.items():
        for name in names:
            table[_fold(name)] = code
    for code, kinds in (("US", {"State"}), ("CA", {"Province", "Territory"}), ("DE", {"Land"})):
        for sub in pycountry.subdivisions.get(country_code=code) or ():
            if sub.type in kinds:
                table.setdefault(_fold(sub.name), code)
    table.pop("georgia", None)  # the country, not the state
    return table


OFFICE_OF_REGION = re.compile(
    r"\bof (?:the )?(?:State of |Free State of )?(?P<region>[A-Z][\w -]+)$"
)


# The region before the office: "Arkansas Governor", "New Jersey Gov.".
REGION_OFFICE = re.compile(
    r"^(?:the )?(?P<region>[A-Z][\w-]+(?: [A-Z][\w-]+){0,2}) (?:Governor|Gov\.|Premier"
    r"|Lieutenant Governor|Lt\. Governor|Attorney General|Minister-President)$"
)


def region_country(role):
    """The country of the region an office is of: "Governor of California" (US),
    "Minister-President of Bavaria" (DE), "Arkansas Governor" (US), "Governor of Sakhalin
    Region" (RU)."""
    m = OFFICE_OF_REGION.search(role or "") or REGION_OFFICE.match(role or "")
    if not m:
        return None
    region = _fold(m.group("region"))
    found = _foreign_regions().get(region)
    if found is None:
        # One of Russia's regions by its name ("Tatarstan", "the Krasnoyarsk Territory").
        key = re.sub(r"^(?:the )?(?:republic of )?", "", region)
        if key in REGIONS or REGION_WORDS.sub("", key) in REGIONS:
            found = "RU"
    return found


# Former states: no party to a meeting held after they ceased to exist.
DISSOLVED = {"SU": (1991, 12, 26), "YU": (2003, 2, 4), "CS": (1992, 12, 31), "DD": (1990, 10, 3)}


def existed_on(code, date):
    end = DISSOLVED.get(code)
    return end is None or date is None or (date.year, date.month, date.day) <= end


def is_region(text):
    """A region ("Ingushetia", "Perm Territory", "Republic of Udmurtia", "Kirov Region")."""
    key = _fold(text or "").strip(" .,")
    key = re.sub(r"^(?:the\s+)?(?:republic of\s+)?", "", key)
    return key in REGIONS or bool(REGION_WORDS.search(key))


def is_demonym(word):
    return _fold(word).strip(".,") in _tables()[1]


def is_country_word(word):
    names, demonyms, _ = _tables()
    key = _fold(word).strip(".,")
    return key in names or key in demonyms


# Governments that publish their own records: the site's country takes part in what it
# records ("PM meeting with President Biden" on gov.uk: the United Kingdom's PM).
PUBLISHERS = {
    "kremlin.ru": "RU",
    "government.ru": "RU",
    "mid.ru": "RU",
    "whitehouse.gov": "US",
    "state.gov": "US",
    "presidency.ucsb.edu": "US",
    "gov.uk": "GB",
    "mea.gov.in": "IN",
    "pmindia.gov.in": "IN",
    "fmprc.gov.cn": "CN",
    "president.az": "AZ",
    "elysee.fr": "FR",
    "pm.gov.au": "AU",
    "pm.gc.ca": "CA",
    "bundesregierung.de": "DE",
    "bundeskanzler.de": "DE",
    "kantei.go.jp": "JP",
    "mofa.go.jp": "JP",
}


# Governments' own names for their offices and sites, as a republisher's "Source:" line, a
# page's site name or a copied page's header gives them.
PUBLISHER_NAMES = [
    (re.compile(r"\bwhite ?house\b|\bwhitehouse\.gov\b"), "US"),
    (
        re.compile(r"\b(?:u\.? ?s\.?|united states) department of state\b|\bstate department\b"),
        "US",
    ),
    (
        re.compile(
            r"^(?:the )?department of state\b|\boffice of the (?:spokesperson|press secretary)"
        ),
        "US",
    ),
    (re.compile(r"\bprime minister'?s office\b|\b10 downing street\b|\bgov\.uk\b"), "GB"),
    (re.compile(r"\bforeign,? commonwealth (?:&|and) development office\b"), "GB"),
    (re.compile(r"^(?:the )?president of russia\b|\bthe kremlin\b|^kremlin\b"), "RU"),
    (re.compile(r"\b(?:the )?russian government\b|\bgovernment of (?:the )?russia"), "RU"),
    (re.compile(r"\bministry of foreign affairs of the russian federation\b"), "RU"),
    (re.compile(r"\bpresident of the republic of azerbaijan\b|\bazertac\b|\bazertag\b"), "AZ"),
    (re.compile(r"\bpresidential executive office\b"), "RU"),
    (re.compile(r"^prime minister of japan and his cabinet$|\bkantei\.go\.jp\b"), "JP"),
    (re.compile(r"^(?:the )?federal foreign office$|\bauswaertiges-amt\.de\b"), "DE"),
]


# Any government's name for its own office, whole, as a site names itself above its pages
# ("Ministry of Foreign Affairs of the People's Republic of China", "Ministry of External
# Affairs, Government of India", "Office of the President of Ukraine"): the country it names.
GOVERNMENT_OFFICE = re.compile(
    r"(?:the )?(?:ministry of (?:foreign|external) affairs|foreign ministry|presidency"
    r"|office of the (?:president|prime minister)|prime minister's office|government"
    r"|cabinet office|federal foreign office)(?:,? (?:of )?(?:the )?government)?"
    r"(?: of| -|,) (?:the )?(?P<country>[\w' .-]{3,60})"
)


def government_office(line):
    """The country of the government office a line is the name of, by any government's
    pattern of names ("Ministry of Foreign Affairs of Japan"), or None."""
    name = line.lower()
    if not any(word in name for word in OFFICE_WORDS):
        return None  # most lines: no office named (and the pattern's search is slow)
    m = GOVERNMENT_OFFICE.fullmatch(" ".join(name.replace("’", "'").split()))
    return country_code(m.group("country")) if m else None


OFFICE_WORDS = ("ministry", "office", "government", "presidency", "cabinet")


@functools.lru_cache(maxsize=4096)
def publisher_country(source_url="", source_name=""):
    """The country of the government that published a record, from its URL, or from its
    name ("The White House", "U.S Department of State, Bureau of ...", "GOV.UK")."""
    for text in (source_url, source_name):
        host = re.sub(r"^https?://", "", (text or "").lower()).split("/")[0]
        host = host.removeprefix("www.")
        for domain, code in PUBLISHERS.items():
            if host == domain or host.endswith("." + domain):
                return code
    name = " ".join((source_name or "").lower().replace("’", "'").split())
    for pattern, code in PUBLISHER_NAMES:
        if pattern.search(name):
            return code
    return government_office(name)


def publisher_named(line):
    """The country of the government office a line is the name of, whole ("OFFICE OF THE
    SPOKESPERSON", "Department of State"), or None: not a line that only mentions one
    ("In a ceremony at the Kremlin’s")."""
    name = " ".join(line.lower().replace("’", "'").split())
    return next(
        (code for pattern, code in PUBLISHER_NAMES if pattern.fullmatch(name)), None
    ) or government_office(name)


# Shorter display names than ISO's, where the ISO name is not the one in common use.
DISPLAY_NAMES = {
    "RU": "Russia",
    "KR": "South Korea",
    "KP": "North Korea",
    "IR": "Iran",
    "SY": "Syria",
    "VN": "Vietnam",
    "MD": "Moldova",
    "VE": "Venezuela",
    "BO": "Bolivia",
    "TZ": "Tanzania",
    "LA": "Laos",
    "TW": "Taiwan",
    "PS": "Palestine",
    "VA": "Vatican",
    "BN": "Brunei",
    "CZ": "Czechia",
    "FM": "Micronesia",
    "CD": "DR Congo",
    "CG": "Congo",
    "GB": "United Kingdom",
    "US": "United States",
    "TR": "Türkiye",
}


def all_countries():
    """(code, name, official name, is_former) for every country the archive knows."""
    rows = []
    for c in pycountry.countries:
        name = DISPLAY_NAMES.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
        rows.append((c.alpha_2, name, getattr(c, "official_name", "") or "", False))
    known = {r[0] for r in rows}
    for code, (name, official) in FORMER_STATES.items():
        if code not in known:
            rows.append((code, name, official, True))
    for code, (name, official) in PARTLY_RECOGNISED.items():
        if code not in known:
            rows.append((code, name, official, False))
    return rows
