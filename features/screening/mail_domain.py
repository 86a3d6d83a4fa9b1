"""The place a sender's e-mail or web domain names, and the country it says.

Local governments write from their own domains: ``city.yokkaichi.mie.jp``,
``seoul.go.kr``, ``stadt-erfurt.de``, ``punecorporation.org``. A two-letter top-level
domain is a country (``uk`` is GB); a label, less the generic words of government
domains (``city``, ``pref``, ``go``, ``stadt-``, ``-corporation`` …), may name a
catalog place. Read only on the sender's own lines (letterhead, address, contact,
signature): a recipient's address names the recipient. The documentation domains of
RFC 2606 (``example.org``) name no place; a label under them may.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["DomainCue", "domain_cues"]

_ADDRESS = re.compile(r"[\w.+-]+@((?:[a-z0-9-]+\.)+[a-z]{2,})\b", re.IGNORECASE)
_WEB = re.compile(r"\b(?:https?://)?www\.((?:[a-z0-9-]+\.)+[a-z]{2,})\b", re.IGNORECASE)
# Labels of government and mail domains that name no place.
_GENERIC = frozenset(
    "www mail mail2 email smtp webmail city cities town vill village pref metro lg "
    "go gov govt gouv gob gub gv or co ac ed ne com org net int edu info biz "
    "example invalid test localhost intl international admin office post "
    "portal web site home".split()
)
# Country-code domains sold for other uses: no country.
_VANITY = frozenset("io tv me ai fm cc ws to".split())
_TLD_COUNTRY = {"uk": "GB"}
# Generic words glued to a place's name in a domain label ("stadt-erfurt",
# "punecorporation", "cityofsydney", "busanjin-gu").
_PREFIX = re.compile(
    r"^(?:cityof|city|townof|countyof|stadt|ville|villede|landkreis|kreis|mairie"
    r"|commune|gemeinde|kommune|provincia|comune|ayuntamiento|prefeitura"
    r"|municipio|municipalidad|region|departement)-?"
)
_SUFFIX = re.compile(
    r"-?(?:city|shi|si|gun|gu|ken|cho|machi|mura|county|council|corporation"
    r"|municipality|metropole|metropolis|region|regione|departement|kommune"
    r"|kreis|gov)$"
)
_MIN_NAME = 4


@dataclass(frozen=True)
class DomainCue:
    """A sender's domain: its country (None for a generic one) and the place
    names its labels may be, most specific first."""

    domain: str
    country: str | None
    names: tuple[str, ...]


def _label_names(label: str) -> list[str]:
    names = []
    for part in (label, *label.split("-")):
        core = _SUFFIX.sub("", _PREFIX.sub("", part)).strip("-")
        for name in (part, core) if core else ():
            if len(name) >= _MIN_NAME and name not in _GENERIC and name not in names:
                names.append(name)
    return names


def _cue(domain: str) -> DomainCue | None:
    labels = domain.lower().split(".")
    tld = labels[-1]
    country = None
    if len(tld) == 2 and tld not in _VANITY:
        country = _TLD_COUNTRY.get(tld, tld.upper())
    names = [n for label in labels[:-1] for n in _label_names(label)]
    return DomainCue(domain.lower(), country, tuple(names)) if names else None


def domain_cues(lines: Iterable[str]) -> list[DomainCue]:
    """The domains of the e-mail and web addresses on ``lines`` (the sender's own
    lines), each once, in order."""
    out: dict[str, DomainCue] = {}
    for line in lines:
        for m in (*_ADDRESS.finditer(line), *_WEB.finditer(line)):
            domain = m.group(1).lower()
            if domain not in out and (cue := _cue(domain)) is not None:
                out[domain] = cue
    return list(out.values())
