"""Benchmark: screen a ~20 KB noisy news page (engine and tagger loaded beforehand).

The page is the sample ``../shared/samples/inbound/wernigerode-hoi-an-2022.txt``
(21.7 KB, itself 57 % boilerplate) followed by synthetic boilerplate (menus,
headline lists, a footer) up to the target size, or a synthetic page when the
samples are absent. The embedder runs
without its text cache, so every repeat embeds the sentences again. Goal: p50 ≤ 1.5 s
on 2 cores.

    .venv/bin/python benchmarks/bench_screening.py [--repeats 9] [--kb 24]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from features.embedding.embedder import TextEmbedder
from features.tagging.tagger import SectorTagger
from matcher import load_engine
from matcher.screening import screen_text
from service.settings import PROJECT_ROOT, get_settings

SAMPLE = PROJECT_ROOT.parent / "shared" / "samples" / "inbound"
SAMPLE_PAGE = SAMPLE / "wernigerode-hoi-an-2022.txt"

_BOILERPLATE = """
Trang chủ | Thời sự | Đối ngoại | Kinh tế | Xã hội | Văn hóa | Thể thao | Video
Đăng nhập | Đăng ký | Tìm kiếm

Tin liên quan
Giá xăng dầu hôm nay điều chỉnh giảm {i}
Dự báo thời tiết: Miền Trung nắng nóng gay gắt ngày {i}
Đội tuyển U23 chốt danh sách tập huấn đợt {i}
Kết quả xổ số miền Nam ngày {i}/5

Đọc nhiều
Khởi công dự án đường vành đai số {i}
Giá vàng hôm nay: vàng nhẫn tăng mạnh phiên {i}

Giới thiệu | Liên hệ quảng cáo | RSS | Điều khoản sử dụng
© Bản quyền thuộc về Báo điện tử. Giấy phép số {i}/GP-BTTTT.
"""

_SYNTHETIC_ARTICLE = (
    "Ngày 12/3/2025, đoàn đại biểu thành phố Toulouse (Pháp) đã làm việc với lãnh "
    "đạo tỉnh về hợp tác trong lĩnh vực xử lý nước thải và năng lượng tái tạo. "
    "Phía Toulouse sẵn sàng chia sẻ kinh nghiệm vận hành nhà máy xử lý nước thải, "
    "đồng thời mong muốn tìm hiểu cơ hội nhập khẩu nông sản chế biến của tỉnh. "
    "Hai bên thống nhất giao các cơ quan chuyên môn xây dựng kế hoạch cụ thể.\n\n"
)


def noisy_page(kb: int) -> tuple[str, str]:
    """(page text, description) of about ``kb`` kilobytes."""
    if SAMPLE_PAGE.exists():
        text, origin = SAMPLE_PAGE.read_text(encoding="utf-8"), SAMPLE_PAGE.name
    else:
        text, origin = _SYNTHETIC_ARTICLE * 8, "synthetic article (samples absent)"
    i = 0
    while len(text.encode("utf-8")) < kb * 1000:
        text += _BOILERPLATE.format(i=i)
        i += 1
    return text, f"{origin} + {i} synthetic boilerplate blocks"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--kb", type=int, default=24)
    args = parser.parse_args()
    settings = get_settings()
    engine = load_engine(settings.data_dir)
    embedder = TextEmbedder(model=settings.model, cache_dir=settings.cache_dir).load()
    tagger = SectorTagger(engine.catalog.taxonomy, embedder, resolver=engine.resolver)
    page, origin = noisy_page(args.kb)
    screen_text(page, engine=engine, tagger=tagger)  # warm-up: sector prototypes
    times = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        result = screen_text(page, engine=engine, tagger=tagger)
        times.append(time.perf_counter() - start)
    import torch

    print(f"page: {len(page.encode('utf-8')):,} bytes ({origin})")
    print(
        f"text kind: {result.text_kind}, sentences screened: {result.n_sentences}, "
        f"boilerplate dropped: {result.boilerplate_share:.0%}"
    )
    print(
        f"party: {result.party.name} ({result.party.id}), provinces: "
        f"{len(result.provinces)}; torch threads: {torch.get_num_threads()}"
    )
    p50, p90 = np.percentile(times, 50), np.percentile(times, 90)
    print(f"repeats: {args.repeats}  p50 {p50:.3f} s  p90 {p90:.3f} s  "
          f"min {min(times):.3f} s  (goal p50 ≤ 1.5 s on 2 cores)")  # fmt: skip


if __name__ == "__main__":
    main()
