"""The sender's e-mail and web domains (features.screening.mail_domain)."""

from features.screening.mail_domain import domain_cues


def _names(line):
    return [(c.country, c.names) for c in domain_cues([line])]


def test_a_country_code_domain_gives_the_country_and_the_place_label():
    assert _names("E-mail: intl@city.yokkaichi.mie.jp") == [("JP", ("yokkaichi",))]
    assert _names("seoul@seoul.go.kr") == [("KR", ("seoul",))]
    assert _names("info@wandsworth.gov.uk") == [("GB", ("wandsworth",))]


def test_generic_words_glued_to_a_name_are_taken_off():
    assert _names("www.stadt-erfurt.de") == [("DE", ("stadt-erfurt", "erfurt"))]
    assert _names("a.rao@punecorporation.org") == [(None, ("punecorporation", "pune"))]
    assert _names("info@cityofsydney.nsw.gov.au") == [
        ("AU", ("cityofsydney", "sydney"))
    ]


def test_documentation_and_vanity_domains_name_no_country_or_place():
    assert _names("dfa.intl@example.org") == []
    assert _names("hello@startup.io") == [(None, ("startup",))]


def test_each_domain_once_in_the_order_written():
    cues = domain_cues(
        ["Tel. 1 · a@stadt-jena.de", "www.stadt-jena.de · b@landkreis-emsland.de"]
    )
    assert [c.domain for c in cues] == ["stadt-jena.de", "landkreis-emsland.de"]
