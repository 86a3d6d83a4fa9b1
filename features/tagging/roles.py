"""The role a sentence gives its sectors: strength, need or interest.

Cue words decide (need > interest > strength when several match); the tagger puts
an embedding vote between the cue words and the default rule (future or proposal:
interest; otherwise strength). A text's ``interest`` counts as a ``need`` in a
locality's profile (:data:`PROFILE_ROLE_OF`).
"""

from __future__ import annotations

from features.names.folding import nfc
from features.names.script import phrase_pattern

__all__ = [
    "TEXT_ROLES",
    "PROFILE_ROLE_OF",
    "ROLE_PROTOTYPES",
    "role_cue",
    "classify_role",
]

TEXT_ROLES = ("strength", "need", "interest")
"""The roles a text can give a sector (a profile has only strength and need)."""

PROFILE_ROLE_OF = {"strength": "strength", "need": "need", "interest": "need"}
"""How a role read from text is used in a profile: interest counts as a need."""


def _cues(text: str) -> tuple[str, ...]:
    """Cue phrases from a ``|``-separated string."""
    return tuple(p.strip() for p in text.split("|") if p.strip())


# Cue words per role, lowercased NFC; Latin cues match on word boundaries, CJK cues
# as substrings. Checked in the order need, interest, strength.
_ROLE_CUES: dict[str, tuple[str, ...]] = {
    "need": _cues(
        "cần|thiếu|thiếu hụt|mong muốn được hỗ trợ|mong được hỗ trợ|mong được|"
        "đề nghị hỗ trợ|kêu gọi|khó khăn|hạn chế|yếu kém|còn yếu|chưa đáp ứng|"
        "chưa đủ|chưa có|quá tải|xuống cấp|bị ngập|ô nhiễm|thách thức|"
        "tìm kiếm đối tác|học hỏi|muốn học hỏi|cần hỗ trợ|hỗ trợ kỹ thuật|thấp hơn|"
        "mới đạt|chưa qua đào tạo|đang chịu|thất thoát|ép giá|đang thiếu|bất cập|"
        "vướng mắc|đòi hỏi|nhu cầu|gặp khó|chịu ảnh hưởng|thiệt hại|suy giảm|"
        "lo ngại|còn thấp|chưa cao|lạc hậu|cũ kỹ|mong nhận được|rất cần|need|needs|"
        "needed|lack|lacks|lacking|shortage|shortages|seek|seeks|seeking|"
        "looking for|in search of|require|requires|help to|help us|struggle|"
        "struggles|problem|problems|insufficient|want to learn|would like to learn|"
        "suffers|suffer|overloaded|too few|not enough|under water|stay under|"
        "bottleneck|gap|gaps|limited|weak|poor|outdated|ageing|aging|challenge|"
        "challenges|would benefit|assistance|scarce|inadequate|urgently|besoin|"
        "besoins|manque|manquent|recherche|recherchent|cherche|cherchent|"
        "insuffisant|insuffisants|insuffisante|insuffisantes|difficulté|"
        "difficultés|pénurie|souhaite bénéficier|a besoin|faible|faibles|limité|"
        "limités|vétuste|vétustes|défi|défis|appui|déficit|bedarf|fehlt|fehlen|"
        "benötigt|benötigen|suchen|sucht|mangel|engpass|engpässe|probleme|"
        "unterstützung bei|mangelt|schwach|veraltet|herausforderung|"
        "herausforderungen|fachkräftemangel|knapp|必要|不足|需要|課題|困難|求め|缺乏|短缺|急需|寻求"
    ),
    "interest": _cues(
        "hợp tác|mong muốn hợp tác|mong muốn|sẵn sàng|đề xuất|kết nối|trao đổi|"
        "giao lưu|thúc đẩy|tăng cường|ký kết|thỏa thuận|liên kết|mời|hướng tới|"
        "mở rộng|thiết lập|kết nghĩa|ghi nhớ|chia sẻ kinh nghiệm|cùng nhau|"
        "cooperate|cooperation|co-operation|collaborate|collaboration|partnership|"
        "partner with|would like|wish to|keen to|interested in|exchange|exchanges|"
        "joint|together|propose|proposes|welcome|could|open to|explore|"
        "look forward|invite|invites|sister city|twinning|jointly|mutual|"
        "share experience|share experiences|coopération|coopérer|partenariat|"
        "souhaite|souhaitent|souhaiterait|échange|échanges|conjoint|ensemble|"
        "aimerait|envisage|jumelage|inviter|partager|zusammenarbeit|"
        "zusammenarbeiten|kooperation|partnerschaft|möchte|möchten|austausch|"
        "gemeinsam|gemeinsame|würde|gerne|anstreben|interesse|einladen|"
        "städtepartnerschaft|協力|連携|交流|希望|合作|愿意"
    ),
    "strength": _cues(
        "thế mạnh|lợi thế|nổi tiếng|có kinh nghiệm|hàng đầu|đứng đầu|dẫn đầu|"
        "lớn nhất|hiện đại|đạt chuẩn|thu hút|tiên tiến|phát triển mạnh|có nhiều|"
        "sở hữu|expertise|leading|leader|leads|renowned|famous|known for|"
        "award-winning|strength|strengths|experienced|largest|modern|world-class|"
        "home to|hosts|specialise|specialize|our|savoir-faire|réputé|réputée|"
        "renommé|renommés|premier|première|reconnu|possède|kompetenz|führend|"
        "stärke|stärken|erfahrung|bekannt|moderne|unsere|強み|優れ|評価|有名|先進|优势|领先|著名|"
        "丰富"
    ),
}


# Role prototypes: generic statements of each role, embedded once per tagger. They
# decide only for sentences with no cue word, and only with a clear lead.
ROLE_PROTOTYPES: dict[str, tuple[str, ...]] = {
    "strength": (
        "Tỉnh có nhiều kinh nghiệm và dẫn đầu cả nước trong lĩnh vực này.",
        "Thành phố đã xây dựng thành công và vận hành hiệu quả nhiều năm nay.",
        "Our region has decades of experience and is known for its achievements.",
        "The city already operates modern facilities that serve the whole population.",
        "Notre territoire dispose d'un savoir-faire reconnu et d'équipements modernes.",
        "Unsere Region verfügt über langjährige Erfahrung und moderne Einrichtungen.",
    ),
    "need": (
        "Tỉnh đang gặp nhiều khó khăn và rất cần được hỗ trợ về vốn và kỹ thuật.",
        "Địa phương còn thiếu nguồn lực, hạ tầng yếu kém chưa đáp ứng nhu cầu.",
        "The province faces serious problems and needs outside help and funding.",
        "We lack the skills and equipment to solve this and seek technical assistance.",
        "Le territoire manque de moyens et cherche un appui technique et financier.",
        "Der Region fehlen Mittel und Fachleute, sie braucht dringend Unterstützung.",
    ),
    "interest": (
        "Hai bên mong muốn hợp tác, trao đổi đoàn và ký kết thỏa thuận.",
        "Tỉnh đề xuất thiết lập quan hệ đối tác và triển khai dự án chung với bạn.",
        "Both sides would like to cooperate and exchange delegations.",
        "The city proposes a partnership and a joint project with its counterpart.",
        "Les deux collectivités souhaitent coopérer et lancer un projet commun.",
        "Beide Seiten möchten zusammenarbeiten und ein gemeinsames Projekt starten.",
    ),
}


_FUTURE_CUES = _cues(
    "sẽ|dự kiến|kế hoạch|định hướng|will|plan|plans|planned|intend|intends|aim|"
    "aims|va|vont|prévoit|projet|plant|予定|计划|将"
)


_ROLE_PATTERNS = {role: phrase_pattern(cues) for role, cues in _ROLE_CUES.items()}


_FUTURE_PATTERN = phrase_pattern(_FUTURE_CUES)


def role_cue(text: str) -> str | None:
    """The role named by a cue word in ``text`` (need, then interest, then strength).

    Args:
        text: One sentence.

    Returns:
        One of :data:`TEXT_ROLES`, or None when no cue word occurs.
    """
    low = nfc(text).lower()
    for role in ("need", "interest", "strength"):
        pattern = _ROLE_PATTERNS[role]
        if pattern is not None and pattern.search(low):
            return role
    return None


def classify_role(text: str) -> str:
    """The role a sentence gives its sectors, from cue words alone.

    Cue words decide (:func:`role_cue`). Without a cue, a sentence about the future
    or a proposal is ``"interest"``; any other sentence describes what a place has,
    so ``"strength"``. (:class:`SectorTagger` puts an embedding vote between the
    cue words and this default.)

    Args:
        text: One sentence.

    Returns:
        One of :data:`TEXT_ROLES`.
    """
    cue = role_cue(text)
    if cue is not None:
        return cue
    if _FUTURE_PATTERN is not None and _FUTURE_PATTERN.search(nfc(text).lower()):
        return "interest"
    return "strength"
