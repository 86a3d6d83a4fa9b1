"""Kummu et al.'s unit names with broken encoding, joined to catalog units anyway.

Some names in the file are mojibake of three kinds: Latin-1 or Central-European
bytes read as Mac Roman ("G‰vleborg" = Gävleborg, "⁄steck˝ kraj" = Ústecký kraj),
which re-encoding repairs; a lost letter written as U+FFFD read as Mac Roman
("ArdÔøΩche" = Ardèche), which nothing can repair, so the lost letter is matched
as a wildcard of one or two letters; and dropped letters ("Jnkping" = Jönköping),
matched as the catalog name without its non-ASCII letters. Each reading is tried
only when the name as written joins nothing, and only a unique unit is joined. In
Russia, Kazakhstan and Ukraine a Kummu noun may also join the one unit whose ISO
name begins with it (``stem_hits``: "Kursk" → Kurskaya oblast').
"""

from __future__ import annotations

import re

from features.names.folding import fold, strip_affixes

__all__ = ["ADJECTIVAL", "BROKEN", "match_unit", "repairs", "stem_hits"]

# Countries whose ISO names are adjectives or genitives of Kummu's nouns ("Kursk"
# is Kurskaya oblast', "Aqmola" is Aqmola oblysy, "Volyn" is Volynska oblast).
ADJECTIVAL = {"RUS", "KAZ", "UKR"}
BROKEN = "ÔøΩ"  # U+FFFD (bytes EF BF BD) read as Mac Roman: the letter is lost
_MARK = "zqxqz"  # stands for the lost letter while the name is folded


def repairs(name: str) -> list[str]:
    """The name read again: Latin-1 or Central-European bytes read as Mac Roman."""
    if name.isascii() or BROKEN in name:
        return []
    try:
        raw = name.encode("mac_roman")
    except UnicodeEncodeError:
        return []
    found = []
    for encoding in ("cp1252", "cp1250"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text != name and text.isprintable() and text not in found:
            found.append(text)
    return found


def _wildcards(name: str) -> list[re.Pattern]:
    """Folded patterns of a name with lost letters: each one is one or two letters."""
    if BROKEN not in name:
        return []
    folded = fold(name.replace(BROKEN, _MARK))
    forms = {folded, strip_affixes(folded)[0]}
    return [
        re.compile(re.escape(f).replace(_MARK, "[a-z]{1,2}"))
        for f in sorted(forms)
        if len(f.replace(_MARK, "")) >= 3
    ]


def match_unit(
    name: str,
    units: dict[str, set[str]],
    unit_keys,
    ascii_keys: dict[str, set[str]],
) -> tuple[set[str], str]:
    """Catalog units a Kummu name joins, and how: ``as written``, ``re-encoded``,
    ``lost letter`` or ``dropped letters`` (tried in that order while none joins).

    ``units``: id → folded keys of the country's units; ``unit_keys`` makes keys of
    a name; ``ascii_keys``: id → keys of the unit's names without non-ASCII letters.
    """
    keys = unit_keys(name)
    hits = {lid for lid, k in units.items() if keys & k}
    if hits:
        return hits, "as written"
    for text in repairs(name):
        keys = unit_keys(text)
        hits = {lid for lid, k in units.items() if keys & k}
        if hits:
            return hits, "re-encoded"
    patterns = _wildcards(name)
    if patterns:
        hits = {
            lid
            for lid, k in units.items()
            if any(p.fullmatch(key) for p in patterns for key in k)
        }
        return hits, "lost letter"
    if name.isascii():
        keys = unit_keys(name)
        hits = {lid for lid, k in ascii_keys.items() if keys & k}
        return hits, "dropped letters"
    return set(), "as written"


def stem_hits(name: str, units: dict[str, set[str]], unit_keys) -> set[str]:
    """Units whose folded name begins with the name (5 letters or more) and goes
    on ("kursk" → "kurskaya oblast"); for ``ADJECTIVAL`` countries only."""
    keys = {k for k in unit_keys(name) if len(k) >= 5}
    return {
        lid
        for lid, ks in units.items()
        if any(k.startswith(x) and k != x for x in keys for k in ks)
    }
