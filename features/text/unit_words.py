"""The words a sender writes around its name, in one place: type words and titles.

* :data:`UNIT_TYPE_WORDS` — the type word a sender writes with its name ("Landkreis",
  "Regency", "Aimag", "Câmara Municipal", "tỉnh", "県", "郡", "군") and the catalog
  level it means; :data:`UNIT_TYPE_SUFFIXES` — the same as a romanised ending after
  a hyphen ("Hwasun-gun", "Nagano-ken").
* :data:`SENDER_TITLES` — a signatory's title or office word, never the sender's
  name ("International Officer", "Landrat", "Gouverneur").

Read by :mod:`features.screening.sender_unit` and
:mod:`features.screening.letterhead`. Latin words are compared folded, as whole
words; CJK and Hangul ones end a unit's name.
"""

from __future__ import annotations

__all__ = [
    "UNIT_TYPE_WORDS",
    "UNIT_TYPE_SUFFIXES",
    "NAME_FIRST_TYPES",
    "SENDER_TITLES",
    "RECIPIENT_BODIES",
    "ORGANISATION_FIELDS",
]

# Type words written with a unit's name, by the level they mean ("town" is below
# a city: a town or village). Latin words are compared folded, as whole words; the
# CJK and Hangul ones end a unit's name ("小布施町", "元阳县", "홍천군").
UNIT_TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "admin1": ("province", "provincia", "provinz", "provinsi", "prefecture",
               "prefectural", "provincial", "state",
               "region", "regione", "aimag", "aimak", "oblast", "governorate",
               "krai", "kray", "oblys", "oblysy", "viloyat", "viloyati",
               "bundesland", "freistaat", "canton", "kanton", "voivodeship",
               "województwo", "fylke", "fylkeskommune", "län", "megye", "vármegye",
               "vármegyei", "megyei", "komitat", "komitats", "kraj", "județ",
               "județul", "tỉnh", "bang", "περιφέρεια",
               # 州: a foreign state or region (サマルカンド州, 加利福尼亚州) or a
               # Chinese autonomous prefecture: first level or the one below;
               # 주: a foreign state or region (크즐오르다주, 캘리포니아주)
               "県", "府", "都", "道", "省", "州", "자치도", "특별자치도", "도", "주"),
    "admin2": ("county", "landkreis", "kreis", "regency", "kabupaten", "powiat",
               "huyện", "郡", "县", "縣", "自治州", "自治县", "盟", "旗", "군"),
    "city": ("city", "stadt", "ville", "municipality", "municipal", "municipio",
             "município", "municipalité", "comune", "kota", "cidade", "prefeitura",
             "ayuntamiento", "bezirksamt", "thành phố",
             "kommune", "kommun", "δήμος",
             # a métropole or agglomération named after its city ("Bordeaux
             # Métropole", "Métropole de Lyon"): the city, when written so
             "métropole", "eurométropole", "agglomération",
             "市", "시", "특례시", "특별시", "광역시", "특별자치시"),
    "town": ("town", "township", "village", "gemeinde", "marktgemeinde", "commune",
             "gmina",
             "町", "村", "镇", "乡", "区", "읍", "면", "구"),
}  # fmt: skip

# Type words written after the name in their language ("Kobe City Waterworks
# Bureau", "Kettle Ridge County Council", "Nordland fylkeskommune"): what follows
# them is an office, not the name.
NAME_FIRST_TYPES = frozenset(
    "city county town township village shire regency prefecture municipality"
    " kommune kommun fylke fylkeskommune län krai kray oblys oblysy viloyat"
    " viloyati".split()
)

# Romanised type endings after a hyphen ("Hwasun-gun", "Jeollanam-do", "Nagano-ken",
# "Obuse-machi"), by level.
UNIT_TYPE_SUFFIXES: dict[str, tuple[str, ...]] = {
    "admin1": ("do", "ken", "to", "fu"),
    "admin2": ("gun", "gun-ji"),
    "city": ("si", "shi"),
    "town": ("gu", "eup", "myeon", "machi", "cho", "mura", "son"),
}  # fmt: skip

# A signatory's title ("International Officer, Cumbria County Council"): a run of
# these names a person's post, not the sending unit.
SENDER_TITLES: tuple[str, ...] = (
    "officer", "head", "director", "chair", "chairperson", "mayor", "governor",
    "president", "secretary", "manager", "coordinator", "adviser", "advisor",
    "commissioner", "commissioners", "board", "division", "section", "unit",
    "landrat", "landrätin", "bürgermeister", "oberbürgermeister", "maire",
    "président", "presidente", "présidence", "presidência", "gabinete",
    "pemerintah", "bupati", "câmara", "camara", "assessore", "sindaco",
    "gouverneur", "gouverneure", "gobernador", "governatore", "önkormányzat",
    "önkormányzata", "selbstverwaltung", "samosprávny", "samosprávneho",
    "chính", "quyền", "văn", "phòng", "thống", "đốc", "fachdienst",
)  # fmt: skip

# The Vietnamese recipient's institution as a letter from abroad writes it in its
# own language (compared folded, as a substring): a letterhead line naming it is the
# addressee's, never the sender's. (The Vietnamese form, "Ủy ban nhân dân", heads a
# Vietnamese unit's own letter and is not here.)
RECIPIENT_BODIES: tuple[str, ...] = (
    "people's committee", "comité populaire", "volkskomitee", "comitato popolare",
    "comité popular",
    "人民委員会", "人民委员会", "인민위원회",
)  # fmt: skip

# A form's field naming the sender's body ("Organization: Township of …", a web
# contact form or a registration sheet; "所属：", "소속:"): its value is the sender.
ORGANISATION_FIELDS: tuple[str, ...] = (
    "organization", "organisation", "organisme", "institution", "affiliation",
    "authority", "agency", "municipality", "organización", "organizzazione",
    "behörde", "dienststelle", "cơ quan", "đơn vị",
    "所属", "所属団体", "団体名", "单位", "单位名称", "소속", "기관", "기관명",
)  # fmt: skip
