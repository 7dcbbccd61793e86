#!/usr/bin/env python3
"""Make the pictures and attachments of the sample portal (sites/).

Every picture and attachment that the sample content refers to is drawn here,
so that the repository carries no third-party photos and the files can be
made again at will:

    pip install pillow
    python tools/make_sample_media.py            # writes into sites/*/images, sites/*/files
    python tools/make_sample_media.py --check    # only lists what is missing

What is made:

* news pictures: JPEG 1200x800, drawn scenes (sky, hills, rooms, people) with
  a short Vietnamese label and the mark "Ảnh minh họa"; quality 70, < 120 KB.
  One of them (phu-tho/images/dien-tap-phong-thu.jpg) is stored rotated with
  EXIF Orientation = 6, to test that the generator honours the tag;
* staff portraits: JPEG 400x500, a silhouette on a coloured background, < 30 KB;
* administrative maps: PNG (palette), regions with names, roads, river, < 150 KB;
* attachments: one-page PDFs (forms, meeting invitations) drawn as a 1-bit
  scan, < 30 KB each.

The output is deterministic: the same script gives the same bytes.
"""
from __future__ import annotations

import argparse
import hashlib
import math
import random
import sys
import time
from pathlib import Path

try:
    from PIL import Image, ImageDraw, ImageFilter, ImageFont
except ImportError:  # pragma: no cover - told to the person running it
    sys.exit("Pillow is needed: pip install pillow")

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "sites"

# --------------------------------------------------------------------------
# Fonts: DejaVu has every Vietnamese letter; without it we fall back to
# Pillow's own font (the labels may then lose their diacritics).
# --------------------------------------------------------------------------
_FONT_DIRS = [
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
]


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    names = ["DejaVuSans-Bold.ttf", "arialbd.ttf"] if bold else ["DejaVuSans.ttf", "arial.ttf"]
    for folder in _FONT_DIRS:
        for name in names:
            path = folder / name
            if path.exists():
                return ImageFont.truetype(str(path), size)
    try:
        return ImageFont.load_default(size)
    except TypeError:  # Pillow < 10.1
        return ImageFont.load_default()


def rng_for(name: str) -> random.Random:
    return random.Random(int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:12], 16))


# --------------------------------------------------------------------------
# What to make. Keys are paths under sites/.
# --------------------------------------------------------------------------
NEWS = {
    # phu-tho
    "phu-tho/images/trung-tam-phuc-vu-hanh-chinh-cong.jpg": ("office", "Trung tâm Phục vụ hành chính công tỉnh"),
    "phu-tho/images/khai-giang-nam-hoc.jpg": ("school", "Khai giảng năm học 2026 - 2027"),
    "phu-tho/images/hoc-sinh-chao-co.jpg": ("school_flag", "Giờ chào cờ đầu năm học"),
    "phu-tho/images/canh-dong-phu-tho.jpg": ("fields", "Cánh đồng lúa vụ mùa"),
    "phu-tho/images/dien-tap-phong-thu.jpg": ("forest_fire", "Diễn tập chữa cháy rừng"),
    "phu-tho/images/trao-khen-dien-tap.jpg": ("hall_award", "Trao giấy khen diễn tập"),
    "phu-tho/images/hoi-nghi-cai-cach-hanh-chinh.jpg": ("hall", "Hội nghị cải cách hành chính"),
    "phu-tho/images/so-hoa-ho-so.jpg": ("office", "Số hóa hồ sơ thủ tục hành chính"),
    "phu-tho/images/may-quet-ho-so.jpg": ("scanner", "Máy quét hồ sơ tốc độ cao"),
    "phu-tho/images/ngay-hoi-dai-doan-ket.jpg": ("festival", "Ngày hội Đại đoàn kết"),
    "phu-tho/images/trao-nha-dai-doan-ket.jpg": ("house", "Trao nhà Đại đoàn kết"),
    # lac-thuy
    "lac-thuy/images/tuyen-pho-van-minh.jpg": ("street", "Tuyến phố văn minh, sạch đẹp"),
    "lac-thuy/images/trung-thu-lac-thuy.jpg": ("night_lanterns", "Đêm hội trăng rằm"),
    "lac-thuy/images/pha-co-trung-thu.jpg": ("night_feast", "Phá cỗ trông trăng"),
    "lac-thuy/images/to-cong-nghe-so-lac-thuy.jpg": ("digital", "Tổ công nghệ số cộng đồng"),
    # an-binh
    "an-binh/images/lam-duong-bai-lang.jpg": ("road", "Làm đường liên thôn Bãi Lạng"),
    "an-binh/images/tap-huan-ky-nang-so.jpg": ("digital", "Tập huấn kỹ năng số"),
    "an-binh/images/thu-hoach-lua-mua.jpg": ("harvest", "Thu hoạch lúa mùa"),
    "an-binh/images/phoi-thoc.jpg": ("drying", "Phơi thóc sau thu hoạch"),
    "an-binh/images/camera-an-ninh.jpg": ("camera", "Mô hình Camera an ninh"),
    "an-binh/images/ngay-hoi-bai-lang.jpg": ("festival", "Cồng chiêng thôn Bãi Lạng"),
    # hoa-binh
    "hoa-binh/images/ho-doi-bo.jpg": ("lake", "Hồ đồi Bô, phường Hòa Bình"),
    "hoa-binh/images/dien-tap-hoa-binh.jpg": ("forest_fire", "Diễn tập phòng thủ phường Hòa Bình"),
    "hoa-binh/images/vuon-cam-hoa-binh.jpg": ("orchard", "Vườn cam VietGAP"),
    "hoa-binh/images/phan-loai-cam.jpg": ("sorting", "Phân loại cam"),
    "hoa-binh/images/nha-van-hoa-roc-dong.jpg": ("house", "Nhà văn hóa tổ dân phố Rộc Dong"),
}

# The one picture stored rotated, with EXIF Orientation 6.
EXIF_ROTATED = {"phu-tho/images/dien-tap-phong-thu.jpg"}

PORTRAITS = {
    "phu-tho": ["bui-van-thang", "quach-thi-lan", "dinh-cong-hieu", "nguyen-thi-thu-trang",
                 "nguyen-thanh-manh", "nguyen-thuy-hang", "hoang-minh-tuan"],
    "lac-thuy": ["dinh-van-khai", "nguyen-thi-mai-phuong", "le-quang-vinh", "bach-thi-ngoc"],
    "an-binh": ["quach-van-dung", "bui-thi-huong", "dinh-van-thanh", "nguyen-van-cuong"],
    "hoa-binh": ["bui-duc-thinh", "quach-thi-hanh", "truong-van-son", "le-thi-thanh-thuy"],
}
WOMEN = {"nguyen-thuy-hang"}  # names without "Thị" that are women's

MAPS = {
    "phu-tho/images/ban-do-hanh-chinh-tinh-phu-tho.png": {
        "title": "BẢN ĐỒ HÀNH CHÍNH TỈNH PHÚ THỌ",
        "subtitle": "148 xã, phường (từ 01/7/2025)",
        "regions": [  # name, x, y (0..1 inside the map frame), is_town (here: a ward)
            ("Phường Phú Thọ", 0.50, 0.12, True),
            ("Xã Thanh Sơn", 0.22, 0.20, False),
            ("Phường Vĩnh Yên", 0.76, 0.18, True),
            ("Xã Tam Đảo", 0.86, 0.34, False),
            ("Phường Việt Trì", 0.58, 0.32, True),
            ("Xã Kim Bôi", 0.16, 0.50, False),
            ("Phường Hòa Bình", 0.36, 0.45, True),
            ("Xã Phú Thành", 0.30, 0.66, False),
            ("Xã Lạc Thủy", 0.55, 0.62, False),
            ("Xã An Bình", 0.52, 0.80, False),
        ],
        "neighbours": [("Tỉnh Tuyên Quang", "n"), ("Thành phố Hà Nội", "e"),
                       ("Tỉnh Ninh Bình", "s"), ("Tỉnh Sơn La", "w")],
        "river": [(0.05, 0.30), (0.22, 0.35), (0.38, 0.55), (0.47, 0.62), (0.62, 0.78), (0.70, 0.98)],
        "river_name": "Sông Đà",
        "roads": [
            ("QL 21A", (200, 40, 40), [(0.98, 0.30), (0.75, 0.40), (0.55, 0.47), (0.40, 0.60), (0.30, 0.98)]),
            ("Đường Hồ Chí Minh", (230, 140, 20), [(0.10, 0.02), (0.35, 0.10), (0.55, 0.12), (0.95, 0.05)]),
        ],
        "seed": 7,
    },
    "lac-thuy/images/ban-do-xa-lac-thuy.png": {
        "title": "BẢN ĐỒ HÀNH CHÍNH XÃ LẠC THỦY",
        "subtitle": "Tỉnh Phú Thọ",
        "regions": [
            ("Khu 1", 0.22, 0.20, False), ("Khu 2", 0.45, 0.15, False), ("Khu 3", 0.70, 0.20, False),
            ("Khu 4", 0.30, 0.40, False), ("Khu 5", 0.52, 0.38, True), ("Khu 6", 0.75, 0.42, False),
            ("Khu 7", 0.18, 0.60, False), ("Khu 8", 0.42, 0.60, False), ("Khu 9", 0.66, 0.63, False),
            ("Khu 10", 0.84, 0.66, False), ("Khu 11", 0.32, 0.82, False), ("Khu 12", 0.58, 0.84, False),
        ],
        "neighbours": [("Phường Hòa Bình", "n"), ("Xã Khoan Dụ", "e"),
                       ("Xã An Bình", "s"), ("Xã Phú Thành", "w")],
        "river": [],
        "river_name": "",
        "roads": [
            ("QL 21A", (200, 40, 40), [(0.02, 0.55), (0.30, 0.48), (0.52, 0.42), (0.78, 0.45), (0.99, 0.38)]),
        ],
        "seed": 12,
    },
    "an-binh/images/ban-do-xa-an-binh.png": {
        "title": "BẢN ĐỒ HÀNH CHÍNH XÃ AN BÌNH",
        "subtitle": "Tỉnh Phú Thọ",
        "regions": [
            ("Thôn Bãi Lạng", 0.50, 0.25, True), ("Thôn Đồi Sim", 0.76, 0.28, False),
            ("Thôn Đồng Bầu", 0.25, 0.30, False), ("Thôn Khả Thượng", 0.22, 0.62, False),
            ("Thôn Khả Hạ", 0.45, 0.60, False), ("Thôn Suối Đù", 0.62, 0.80, False),
            ("Thôn Vôi", 0.78, 0.57, False),
        ],
        "neighbours": [("Xã Lạc Thủy", "n"), ("Xã Khoan Dụ", "e"),
                       ("Tỉnh Ninh Bình", "s"), ("Phường Hòa Bình", "w")],
        "river": [(0.30, 0.99), (0.42, 0.80), (0.55, 0.72), (0.72, 0.74), (0.99, 0.90)],
        "river_name": "Suối Đù",
        "roads": [
            ("Đường liên xã", (200, 40, 40), [(0.01, 0.35), (0.25, 0.30), (0.50, 0.25), (0.60, 0.02)]),
            ("Đường liên thôn", (230, 140, 20), [(0.50, 0.25), (0.65, 0.27), (0.76, 0.28)]),
        ],
        "seed": 3,
    },
}

A_FORM = "form"
A_INVITE = "invitation"
A_LIST = "list"

ATTACHMENTS = {
    "phu-tho/files/to-khai-dang-ky-khai-sinh.pdf": (A_FORM, {
        "title": "TỜ KHAI ĐĂNG KÝ KHAI SINH",
        "to": "Kính gửi: Ủy ban nhân dân ................................",
        "fields": [
            "Họ, chữ đệm, tên người yêu cầu:",
            "Số định danh cá nhân:",
            "Nơi cư trú:",
            "Quan hệ với người được khai sinh:",
            "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:",
            "Họ, chữ đệm, tên:",
            "Ngày, tháng, năm sinh:                          ghi bằng chữ:",
            "Giới tính:              Dân tộc:              Quốc tịch:",
            "Nơi sinh:",
            "Quê quán:",
            "Họ, chữ đệm, tên người mẹ:",
            "Năm sinh:              Dân tộc:              Quốc tịch:",
            "Họ, chữ đệm, tên người cha:",
            "Năm sinh:              Dân tộc:              Quốc tịch:",
        ],
        "pledge": "Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật "
                  "và chịu trách nhiệm trước pháp luật về cam đoan của mình.",
        "sign": "Người yêu cầu",
    }),
    "phu-tho/files/to-khai-dang-ky-ket-hon.pdf": (A_FORM, {
        "title": "TỜ KHAI ĐĂNG KÝ KẾT HÔN",
        "to": "Kính gửi: ................................................................",
        "fields": [
            "Thông tin                    Bên nữ                    Bên nam",
            "Họ, chữ đệm, tên:",
            "Ngày, tháng, năm sinh:",
            "Dân tộc:",
            "Quốc tịch:",
            "Nơi cư trú:",
            "Giấy tờ tùy thân:",
            "Kết hôn lần thứ mấy:",
        ],
        "pledge": "Chúng tôi cam đoan những lời khai trên đây là đúng sự thật, việc kết hôn "
                  "của chúng tôi là tự nguyện, không vi phạm quy định của Luật Hôn nhân và gia đình.",
        "sign": "Bên nữ                                          Bên nam",
    }),
    "phu-tho/files/to-khai-dang-ky-khai-tu.pdf": (A_FORM, {
        "title": "TỜ KHAI ĐĂNG KÝ KHAI TỬ",
        "to": "Kính gửi: Ủy ban nhân dân ................................",
        "fields": [
            "Họ, chữ đệm, tên người yêu cầu:",
            "Số định danh cá nhân:",
            "Nơi cư trú:",
            "Quan hệ với người đã chết:",
            "Đề nghị cơ quan đăng ký khai tử cho người có tên dưới đây:",
            "Họ, chữ đệm, tên:",
            "Ngày, tháng, năm sinh:",
            "Dân tộc:                         Quốc tịch:",
            "Số định danh cá nhân:",
            "Nơi cư trú cuối cùng:",
            "Đã chết vào lúc:         giờ         phút, ngày         tháng         năm",
            "Nơi chết:",
            "Nguyên nhân chết:",
            "Số Giấy báo tử hoặc giấy tờ thay thế:",
        ],
        "pledge": "Tôi cam đoan nội dung đề nghị đăng ký khai tử trên đây là đúng sự thật "
                  "và chịu trách nhiệm trước pháp luật về cam đoan của mình.",
        "sign": "Người yêu cầu",
    }),
    "phu-tho/files/to-khai-xac-nhan-tinh-trang-hon-nhan.pdf": (A_FORM, {
        "title": "TỜ KHAI CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",
        "to": "Kính gửi: Ủy ban nhân dân ................................",
        "fields": [
            "Họ, chữ đệm, tên người yêu cầu:",
            "Số định danh cá nhân:",
            "Nơi cư trú:",
            "Quan hệ với người được cấp Giấy xác nhận:",
            "Đề nghị cấp Giấy xác nhận tình trạng hôn nhân cho người có tên dưới đây:",
            "Họ, chữ đệm, tên:",
            "Ngày, tháng, năm sinh:",
            "Giới tính:              Dân tộc:              Quốc tịch:",
            "Nơi cư trú:",
            "Tình trạng hôn nhân:",
            "Mục đích sử dụng Giấy xác nhận:",
        ],
        "pledge": "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách "
                  "nhiệm trước pháp luật về cam đoan của mình.",
        "sign": "Người yêu cầu",
    }),
    "phu-tho/files/giay-de-nghi-dang-ky-ho-kinh-doanh.pdf": (A_FORM, {
        "title": "GIẤY ĐỀ NGHỊ ĐĂNG KÝ HỘ KINH DOANH",
        "to": "Kính gửi: Ủy ban nhân dân xã, phường ...............",
        "fields": [
            "Tôi là (ghi họ tên bằng chữ in hoa):",
            "Số định danh cá nhân:",
            "Nơi cư trú:",
            "Điện thoại:                         Thư điện tử:",
            "Đăng ký hộ kinh doanh với các nội dung sau:",
            "1. Tên hộ kinh doanh:",
            "2. Địa chỉ trụ sở hộ kinh doanh:",
            "3. Ngành, nghề kinh doanh:",
            "4. Vốn kinh doanh (đồng):",
            "5. Số lượng lao động (dự kiến):",
            "6. Chủ thể thành lập hộ kinh doanh:   [ ] Cá nhân   [ ] Các thành viên hộ gia đình",
        ],
        "pledge": "Tôi cam kết bản thân không thuộc diện bị cấm đăng ký hộ kinh doanh và "
                  "chịu trách nhiệm về tính hợp pháp, chính xác của nội dung kê khai.",
        "sign": "Chủ hộ kinh doanh",
    }),
    "phu-tho/files/to-khai-de-nghi-tro-giup-xa-hoi.pdf": (A_FORM, {
        "title": "TỜ KHAI ĐỀ NGHỊ TRỢ GIÚP XÃ HỘI",
        "subtitle": "(Áp dụng đối với đối tượng quy định tại Nghị định số 20/2021/NĐ-CP)",
        "to": "Kính gửi: Ủy ban nhân dân ................................",
        "fields": [
            "I. THÔNG TIN CỦA ĐỐI TƯỢNG",
            "1. Họ, chữ đệm, tên:",
            "Ngày, tháng, năm sinh:                  Giới tính:          Dân tộc:",
            "Số định danh cá nhân:",
            "2. Nơi cư trú:",
            "3. Đang hưởng chế độ nào sau đây:  [ ] Lương hưu  [ ] Trợ cấp BHXH  [ ] Khác",
            "4. Thuộc hộ nghèo, cận nghèo:  [ ] Có  [ ] Không",
            "5. Tình trạng khuyết tật (nếu có):",
            "II. THÔNG TIN NGƯỜI KHAI THAY (nếu có)",
            "Họ, chữ đệm, tên:",
            "Quan hệ với đối tượng:",
        ],
        "pledge": "Tôi xin cam đoan những lời khai trên là đúng sự thật, nếu có điều gì khai "
                  "không đúng tôi xin chịu trách nhiệm hoàn toàn.",
        "sign": "Người khai",
    }),
    "phu-tho/files/danh-sach-cong-tac-vien-dich-thuat.pdf": (A_LIST, {
        "agency": ["UBND TỈNH PHÚ THỌ", "SỞ TƯ PHÁP"],
        "title": "DANH SÁCH CỘNG TÁC VIÊN DỊCH THUẬT",
        "subtitle": "(Cập nhật tháng 10/2026)",
        "header": ["TT", "Họ và tên", "Ngôn ngữ dịch", "Điện thoại"],
        "cols": [70, 130, 400, 610, 757],
        "rows": [
            ["1", "Nguyễn Thị Minh Châu", "Tiếng Anh", "0912 305 418"],
            ["2", "Trần Văn Khoa", "Tiếng Trung", "0983 771 205"],
            ["3", "Lê Thị Hồng Nhung", "Tiếng Anh, tiếng Pháp", "0936 240 517"],
            ["4", "Phạm Quốc Bảo", "Tiếng Hàn", "0904 662 390"],
            ["5", "Đỗ Thị Lan Anh", "Tiếng Nhật", "0977 128 463"],
        ],
        "note": "Người yêu cầu liên hệ trực tiếp cộng tác viên hoặc Phòng Tư pháp: 0218 3 863 031.",
    }),
    "phu-tho/files/giay-moi-hoi-nghi-24-11-2026.pdf": (A_INVITE, {
        "agency": ["UBND TỈNH PHÚ THỌ", "VĂN PHÒNG UBND TỈNH"],
        "number": "Số: 412/GM-VP",
        "place_date": "Việt Trì, ngày 19 tháng 11 năm 2026",
        "subject": "Hội nghị triển khai kế hoạch phát triển kinh tế - xã hội "
                   "và dự toán ngân sách năm 2027",
        "body": [
            "Thừa lệnh Chủ tịch UBND tỉnh, Văn phòng UBND tỉnh trân trọng kính mời:",
            "- Lãnh đạo các sở, ban, ngành thuộc UBND tỉnh;",
            "- Chủ tịch UBND các xã, phường;",
            "- Kế toán ngân sách các xã, phường.",
            "Dự Hội nghị triển khai kế hoạch phát triển kinh tế - xã hội và dự toán",
            "ngân sách năm 2027 do đồng chí Nguyễn Thành Mạnh, Chủ tịch UBND tỉnh chủ trì.",
            "Thời gian: 08 giờ 00, thứ Ba, ngày 24/11/2026.",
            "Địa điểm: Hội trường UBND tỉnh, phường Việt Trì.",
            "Phòng Tài chính - Kế hoạch chuẩn bị tài liệu hội nghị.",
            "Rất mong các đại biểu tham dự đúng thời gian./.",
        ],
        "sign": ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "", "", "Trần Đức Long"],
    }),
    "phu-tho/files/giay-moi-tap-huan-17-11-2026.pdf": (A_INVITE, {
        "agency": ["UBND TỈNH PHÚ THỌ", "SỞ KHOA HỌC", "VÀ CÔNG NGHỆ"],
        "number": "Số: 57/GM-VHKHTT",
        "place_date": "Việt Trì, ngày 11 tháng 11 năm 2026",
        "subject": "Tập huấn cập nhật trang thông tin điện tử thành phần",
        "body": [
            "Sở Khoa học và Công nghệ trân trọng kính mời:",
            "- Biên tập viên trang thông tin điện tử các xã, phường;",
            "- Công chức Văn phòng - Thống kê các xã, phường.",
            "Tham dự lớp tập huấn cập nhật tin bài, lịch công tác, giấy mời họp,",
            "thông tin cán bộ lãnh đạo và thủ tục hành chính trên trang thông tin.",
            "Thời gian: cả ngày thứ Ba, 17/11/2026 (sáng từ 08 giờ 00).",
            "Địa điểm: Phòng họp trực tuyến, UBND tỉnh.",
            "Đề nghị học viên mang theo máy tính xách tay.",
        ],
        "sign": ["TRƯỞNG PHÒNG", "", "", "Phạm Thu Hà"],
    }),
    "lac-thuy/files/giay-moi-hop-xet-duyet-tro-cap-26-11-2026.pdf": (A_INVITE, {
        "agency": ["UBND XÃ LẠC THỦY"],
        "number": "Số: 96/GM-UBND",
        "place_date": "Lạc Thủy, ngày 20 tháng 11 năm 2026",
        "subject": "Họp Hội đồng xét duyệt trợ cấp xã hội tháng 11/2026",
        "body": [
            "UBND xã Lạc Thủy trân trọng kính mời:",
            "- Các thành viên Hội đồng xét duyệt trợ cấp xã hội xã;",
            "- Trưởng các khu có hồ sơ đề nghị.",
            "Dự họp xét duyệt hồ sơ đề nghị trợ cấp xã hội hằng tháng.",
            "Thời gian: 08 giờ 00, thứ Năm, ngày 26/11/2026.",
            "Địa điểm: Phòng họp UBND xã.",
            "Công chức Văn hóa - Xã hội chuẩn bị hồ sơ, danh sách đối tượng.",
        ],
        "sign": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Bạch Thị Ngọc"],
    }),
    "lac-thuy/files/don-de-nghi-xac-dinh-muc-do-khuyet-tat.pdf": (A_FORM, {
        "title": "ĐƠN ĐỀ NGHỊ XÁC ĐỊNH, XÁC ĐỊNH LẠI MỨC ĐỘ KHUYẾT TẬT",
        "to": "Kính gửi: Chủ tịch UBND xã Lạc Thủy",
        "fields": [
            "Họ, chữ đệm, tên người đề nghị:",
            "Ngày, tháng, năm sinh:                  Giới tính:",
            "Số định danh cá nhân:",
            "Nơi cư trú:",
            "Họ, tên người đại diện hợp pháp (nếu có):",
            "Quan hệ với người được đề nghị:",
            "Đề nghị:  [ ] Xác định mức độ khuyết tật   [ ] Xác định lại mức độ khuyết tật",
            "Lý do đề nghị xác định lại (nếu có):",
            "Hồ sơ, giấy tờ kèm theo:",
        ],
        "pledge": "Tôi xin cam đoan những lời khai trên là đúng sự thật.",
        "sign": "Người viết đơn",
    }),
    "an-binh/files/to-khai-dang-ky-khai-sinh.pdf": ("copy", "phu-tho/files/to-khai-dang-ky-khai-sinh.pdf"),
    "an-binh/files/huong-dan-khai-sinh-truc-tuyen-an-binh.pdf": (A_LIST, {
        "agency": ["UBND XÃ AN BÌNH", "BỘ PHẬN MỘT CỬA"],
        "title": "HƯỚNG DẪN ĐĂNG KÝ KHAI SINH TRỰC TUYẾN",
        "subtitle": "(Liên thông khai sinh - thường trú - thẻ BHYT cho trẻ dưới 6 tuổi)",
        "header": ["Bước", "Việc cần làm", "Ghi chú"],
        "cols": [70, 140, 470, 757],
        "rows": [
            ["1", "Đăng nhập Cổng DVC quốc gia", "Tài khoản VNeID mức 2"],
            ["2", "Chọn dịch vụ liên thông", "Khai sinh - thường trú - BHYT"],
            ["3", "Chụp Giấy chứng sinh, điền tờ khai", "Ảnh rõ nét, đủ 4 góc"],
            ["4", "Chọn nơi nhận kết quả", "Tại xã hoặc bưu điện"],
            ["5", "Theo dõi tin nhắn, nhận kết quả", "Trong ngày làm việc"],
        ],
        "note": "Cần hỗ trợ: bà Phạm Thị Hoa, công chức Tư pháp - Hộ tịch, 0983 214 670.",
    }),
    "an-binh/files/giay-moi-lam-viec-doan-kiem-tra-23-11-2026.pdf": (A_INVITE, {
        "agency": ["UBND XÃ AN BÌNH"],
        "number": "Số: 71/GM-UBND",
        "place_date": "An Bình, ngày 19 tháng 11 năm 2026",
        "subject": "Làm việc với Đoàn kiểm tra chuyển đổi số của UBND tỉnh",
        "body": [
            "UBND xã An Bình trân trọng kính mời:",
            "- Phó Chủ tịch UBND xã phụ trách văn hóa - xã hội;",
            "- Công chức Văn phòng - Thống kê, Tư pháp - Hộ tịch;",
            "- Tổ trưởng tổ công nghệ số cộng đồng các thôn.",
            "Dự buổi làm việc với Đoàn kiểm tra công tác chuyển đổi số và",
            "Bộ phận Một cửa của UBND tỉnh.",
            "Thời gian: 14 giờ 00, thứ Hai, ngày 23/11/2026.",
            "Địa điểm: Hội trường UBND xã An Bình.",
        ],
        "sign": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "Đinh Văn Thành"],
    }),
}


# --------------------------------------------------------------------------
# Drawing helpers
# --------------------------------------------------------------------------
def mix(c1, c2, t):
    return tuple(int(a + (b - a) * t) for a, b in zip(c1, c2))


def vgradient(img, box, top, bottom):
    d = ImageDraw.Draw(img)
    x0, y0, x1, y1 = box
    h = max(1, y1 - y0)
    for i in range(h):
        d.line([(x0, y0 + i), (x1, y0 + i)], fill=mix(top, bottom, i / h))


def ridge(d, rnd, w, base, amp, color, step=20, waves=3):
    phase = rnd.random() * 6.28
    pts = [(0, base)]
    for x in range(0, w + step, step):
        y = base - amp * (0.5 + 0.5 * math.sin(phase + x / w * waves * 6.28)) \
            - rnd.uniform(0, amp * 0.25)
        pts.append((x, y))
    pts += [(w, 10_000), (0, 10_000)]
    d.polygon(pts, fill=color)


def person(d, x, y, s, shirt, skin=(224, 184, 150), hair=(35, 30, 30), hat=None):
    """A simple standing figure; (x, y) is the feet, s its height."""
    head = s * 0.16
    d.rounded_rectangle([x - s * 0.16, y - s * 0.78, x + s * 0.16, y - s * 0.28],
                        radius=int(s * 0.08), fill=shirt)
    d.rectangle([x - s * 0.13, y - s * 0.30, x + s * 0.13, y], fill=(50, 55, 70))
    d.ellipse([x - head * 0.6, y - s * 0.80 - head * 1.2, x + head * 0.6, y - s * 0.80], fill=skin)
    d.chord([x - head * 0.62, y - s * 0.80 - head * 1.25, x + head * 0.62, y - s * 0.80 - head * 0.3],
            180, 360, fill=hair)
    if hat:
        d.polygon([(x - head, y - s * 0.80 - head * 0.9), (x + head, y - s * 0.80 - head * 0.9),
                   (x, y - s * 0.80 - head * 1.9)], fill=hat)


def seated(d, x, y, s, shirt, skin=(224, 184, 150), hair=(35, 30, 30)):
    """Head and shoulders seen from behind a table; (x, y) is the table line."""
    d.rounded_rectangle([x - s * 0.28, y - s * 0.45, x + s * 0.28, y], radius=int(s * 0.12), fill=shirt)
    d.ellipse([x - s * 0.14, y - s * 0.78, x + s * 0.14, y - s * 0.44], fill=skin)
    d.chord([x - s * 0.15, y - s * 0.80, x + s * 0.15, y - s * 0.55], 180, 360, fill=hair)


def crowd(d, rnd, w, y, s, n, palette):
    for _ in range(n):
        x = rnd.uniform(0, w)
        person(d, x, y + rnd.uniform(-s * 0.08, s * 0.08), s * rnd.uniform(0.9, 1.1), rnd.choice(palette))


SHIRTS = [(240, 240, 235), (70, 110, 170), (180, 60, 60), (60, 130, 90), (220, 180, 60), (120, 90, 150)]
UNIFORM = [(86, 110, 60), (96, 120, 66), (80, 100, 55)]


def flag(d, x, y, w):
    d.line([(x, y), (x, y + w * 2.2)], fill=(90, 90, 90), width=4)
    d.rectangle([x, y, x + w, y + w * 0.66], fill=(218, 37, 29))
    cx, cy, r = x + w / 2, y + w * 0.33, w * 0.2
    pts = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rr = r if k % 2 == 0 else r * 0.4
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    d.polygon(pts, fill=(255, 222, 0))


def banner(d, box, text, fnt):
    d.rectangle(box, fill=(190, 30, 35))
    tw = d.textlength(text, font=fnt)
    x0, y0, x1, y1 = box
    d.text(((x0 + x1 - tw) / 2, y0 + (y1 - y0 - fnt.size) / 2 - 2), text, font=fnt, fill=(255, 230, 120))


# --------------------------------------------------------------------------
# Scenes (1200 x 800)
# --------------------------------------------------------------------------
W, H = 1200, 800
SKY_DAY = ((120, 170, 225), (210, 230, 245))


def outdoor_base(rnd, sky=SKY_DAY, horizon=430, hills=((95, 135, 110), (70, 115, 85))):
    img = Image.new("RGB", (W, H))
    vgradient(img, (0, 0, W, horizon + 80), *sky)
    d = ImageDraw.Draw(img)
    if sky == SKY_DAY:
        sx = rnd.uniform(150, 1050)
        d.ellipse([sx - 45, 70, sx + 45, 160], fill=(255, 245, 200))
        for _ in range(4):
            cx, cy = rnd.uniform(0, W), rnd.uniform(60, 220)
            for k in range(4):
                d.ellipse([cx + k * 35 - 50, cy - 22 - (k % 2) * 12, cx + k * 35 + 30, cy + 18],
                          fill=(245, 248, 252))
    ridge(d, rnd, W, horizon - 40, 150, hills[0], waves=2)
    ridge(d, rnd, W, horizon, 90, hills[1], waves=3)
    return img, d


def scene_fields(rnd, harvest=False):
    img, d = outdoor_base(rnd)
    top = 470
    for i in range(12):
        y0 = top + i * i * 2.6
        y1 = top + (i + 1) * (i + 1) * 2.6
        base = (200, 170, 60) if harvest else (110, 170, 60)
        alt = (222, 190, 80) if harvest else (135, 190, 75)
        d.rectangle([0, y0, W, y1], fill=base if i % 2 else alt)
    for k in range(7):
        x = 80 + k * 170 + rnd.uniform(-30, 30)
        d.line([(x, top), (x - 200 + k * 60, H)], fill=(90, 120, 50), width=3)
    if harvest:
        x, y = 620, 640
        d.rectangle([x, y - 110, x + 230, y], fill=(200, 40, 40))
        d.rectangle([x + 150, y - 170, x + 230, y - 110], fill=(60, 70, 80))
        d.rectangle([x - 90, y - 40, x, y - 10], fill=(120, 120, 120))
        for wx in (x + 40, x + 180):
            d.ellipse([wx - 32, y - 32, wx + 32, y + 32], fill=(30, 30, 30))
        crowd(d, rnd, W * 0.45, 700, 120, 3, SHIRTS)
    else:
        for _ in range(3):
            person(d, rnd.uniform(100, 1100), rnd.uniform(600, 700), 110, rnd.choice(SHIRTS),
                   hat=(230, 215, 160))
    return img


def scene_drying(rnd):
    img, d = outdoor_base(rnd, horizon=360)
    d.rectangle([0, 420, W, H], fill=(185, 180, 170))
    d.polygon([(120, 520), (1080, 520), (1180, 760), (20, 760)], fill=(222, 180, 70))
    for k in range(40):
        x = rnd.uniform(60, 1120)
        y = rnd.uniform(530, 750)
        d.line([(x, y), (x + 60, y + 4)], fill=(200, 160, 55), width=3)
    d.rectangle([820, 250, 1150, 420], fill=(200, 190, 170))
    d.polygon([(800, 260), (985, 170), (1170, 260)], fill=(150, 80, 60))
    for i in range(4):
        person(d, 200 + i * 220 + rnd.uniform(-40, 40), 700 + rnd.uniform(-30, 30), 150,
               rnd.choice(SHIRTS), hat=(230, 215, 160))
    return img


def scene_lake(rnd):
    img, d = outdoor_base(rnd, horizon=420, hills=((80, 120, 100), (60, 105, 80)))
    vgradient(img, (0, 430, W, H), (90, 150, 185), (40, 90, 130))
    d = ImageDraw.Draw(img)
    for _ in range(60):
        x, y = rnd.uniform(0, W), rnd.uniform(440, H)
        d.line([(x, y), (x + rnd.uniform(20, 80), y)], fill=(150, 195, 220), width=2)
    d.polygon([(0, 700), (380, 650), (520, H), (0, H)], fill=(70, 120, 60))
    for i in range(3):
        x = 600 + i * 140
        d.polygon([(x, 610), (x + 90, 610), (x + 70, 630), (x + 20, 630)], fill=(230, 120, 40))
        person(d, x + 45, 615, 50, rnd.choice(SHIRTS))
    for x in (120, 220, 300):
        d.rectangle([x - 6, 560, x + 6, 680], fill=(90, 60, 40))
        d.ellipse([x - 60, 470, x + 60, 590], fill=(50, 110, 50))
    return img


def scene_orchard(rnd, sorting=False):
    img, d = outdoor_base(rnd, horizon=380)
    d.rectangle([0, 400, W, H], fill=(120, 160, 70))
    rows = [(430, 60), (500, 85), (600, 120), (740, 170)]
    for y, r in rows:
        for k in range(int(W / (r * 2.2)) + 2):
            x = k * r * 2.2 + (r if y % 2 else 0) + rnd.uniform(-10, 10)
            d.rectangle([x - r * 0.1, y, x + r * 0.1, y + r * 0.7], fill=(100, 70, 40))
            d.ellipse([x - r, y - r * 1.2, x + r, y + r * 0.4], fill=(45, 110, 45))
            for _ in range(int(r / 6)):
                ox, oy = rnd.uniform(-r * 0.8, r * 0.8), rnd.uniform(-r, r * 0.2)
                q = r * 0.09
                d.ellipse([x + ox - q, y + oy - q, x + ox + q, y + oy + q], fill=(245, 150, 30))
    if sorting:
        d.rectangle([150, 560, 1050, 620], fill=(160, 110, 70))
        for k in range(6):
            x0 = 200 + k * 140
            d.rectangle([x0, 620, x0 + 110, 720], fill=(210, 180, 130))
            for _ in range(10):
                ox, oy = rnd.uniform(10, 100), rnd.uniform(630, 700)
                d.ellipse([x0 + ox - 9, oy - 9, x0 + ox + 9, oy + 9], fill=(245, 150, 30))
        for i in range(4):
            seated(d, 260 + i * 230, 560, 150, rnd.choice(SHIRTS))
    return img


def scene_forest_fire(rnd):
    img, d = outdoor_base(rnd, sky=((170, 170, 165), (220, 205, 180)), hills=((90, 115, 90), (70, 100, 70)))
    d.rectangle([0, 470, W, H], fill=(110, 120, 70))
    for k in range(22):
        x = rnd.uniform(0, W)
        y = rnd.uniform(420, 560)
        s = rnd.uniform(60, 130)
        d.polygon([(x, y - s * 1.6), (x - s * 0.45, y), (x + s * 0.45, y)], fill=(40, 85, 50))
    for _ in range(25):
        x, y, r = rnd.uniform(650, 1050), rnd.uniform(150, 450), rnd.uniform(40, 110)
        d.ellipse([x - r, y - r, x + r, y + r], fill=mix((200, 200, 200), (150, 150, 150), rnd.random()))
    for _ in range(18):
        x, y = rnd.uniform(700, 1000), rnd.uniform(480, 560)
        d.polygon([(x, y - rnd.uniform(40, 90)), (x - 25, y), (x + 25, y)], fill=(240, 120, 30))
        d.polygon([(x, y - 30), (x - 10, y), (x + 10, y)], fill=(255, 210, 60))
    for i in range(6):
        x = 120 + i * 95 + rnd.uniform(-20, 20)
        person(d, x, 700 + rnd.uniform(-20, 20), 170, rnd.choice(UNIFORM), hat=(70, 90, 50))
        d.line([(x + 20, 600), (x + 120, 560)], fill=(90, 60, 30), width=6)
    return img


def scene_road(rnd):
    img, d = outdoor_base(rnd, horizon=400)
    d.rectangle([0, 420, W, H], fill=(115, 160, 80))
    d.polygon([(560, 420), (640, 420), (1000, H), (200, H)], fill=(180, 178, 170))
    d.polygon([(560, 420), (600, 420), (600, H), (200, H)], fill=(205, 203, 195))
    d.rectangle([880, 560, 1060, 660], fill=(240, 190, 40))
    d.ellipse([900, 470, 1040, 600], fill=(150, 150, 150))
    d.ellipse([895, 640, 945, 690], fill=(30, 30, 30))
    d.ellipse([1000, 640, 1050, 690], fill=(30, 30, 30))
    for i in range(7):
        x = 260 + i * 90 + rnd.uniform(-20, 20)
        person(d, x, 560 + i * 28, 110 + i * 10, rnd.choice(SHIRTS), hat=(230, 215, 160))
    return img


def scene_street(rnd):
    img = Image.new("RGB", (W, H))
    vgradient(img, (0, 0, W, 420), (140, 185, 230), (215, 232, 245))
    d = ImageDraw.Draw(img)
    x = 0
    while x < W:
        w = rnd.uniform(110, 170)
        h = rnd.uniform(200, 330)
        col = rnd.choice([(235, 220, 190), (220, 230, 235), (245, 235, 205), (230, 200, 190), (210, 225, 200)])
        d.rectangle([x, 480 - h, x + w - 6, 480], fill=col)
        for fy in range(int(480 - h + 25), 440, 70):
            d.rectangle([x + 20, fy, x + w - 30, fy + 38], fill=(120, 150, 170))
        d.rectangle([x + 10, 430, x + w - 16, 480], fill=(150, 110, 80))
        d.rectangle([x + 8, 405, x + w - 14, 428], fill=rnd.choice([(200, 50, 50), (40, 90, 160), (40, 120, 70)]))
        x += w
    d.rectangle([0, 480, W, 560], fill=(205, 200, 190))
    for k in range(0, W, 60):
        d.line([(k, 480), (k + 30, 560)], fill=(190, 185, 175), width=2)
    d.rectangle([0, 560, W, H], fill=(90, 92, 96))
    for k in range(0, W, 160):
        d.rectangle([k + 30, 675, k + 110, 685], fill=(240, 240, 240))
    for k in range(5):
        tx = 100 + k * 250
        d.rectangle([tx - 6, 420, tx + 6, 560], fill=(100, 70, 40))
        d.ellipse([tx - 55, 330, tx + 55, 440], fill=(60, 130, 60))
    return img


def scene_school(rnd, with_flag=False):
    img = Image.new("RGB", (W, H))
    vgradient(img, (0, 0, W, 470), *SKY_DAY)
    d = ImageDraw.Draw(img)
    d.rectangle([0, 400, W, 470], fill=(120, 165, 95))
    d.rectangle([120, 150, 1080, 470], fill=(245, 215, 120))
    for fl in range(3):
        y = 180 + fl * 95
        d.rectangle([120, y + 70, 1080, y + 78], fill=(230, 195, 100))
        for k in range(10):
            x = 150 + k * 93
            d.rectangle([x, y, x + 60, y + 60], fill=(90, 130, 160))
    d.polygon([(100, 155), (600, 95), (1100, 155)], fill=(180, 70, 50))
    banner(d, (380, 110, 820, 150), "CHÀO MỪNG NĂM HỌC MỚI", font(24, True))
    d.rectangle([0, 470, W, H], fill=(200, 195, 185))
    flag(d, 1000 if not with_flag else 600, 230 if not with_flag else 200, 90)
    rows = 5
    for r in range(rows):
        y = 560 + r * 48
        s = 80 + r * 14
        for k in range(16):
            x = 60 + k * 70 + (r % 2) * 35
            person(d, x, y, s, (250, 250, 250) if k % 5 else (40, 80, 160),
                   hair=(30, 25, 25))
            d.polygon([(x - 6, y - s * 0.74), (x + 6, y - s * 0.74), (x, y - s * 0.55)], fill=(210, 30, 30))
    return img


def indoor_base(rnd, wall=((235, 225, 205), (205, 190, 165))):
    img = Image.new("RGB", (W, H))
    vgradient(img, (0, 0, W, 520), *wall)
    d = ImageDraw.Draw(img)
    d.rectangle([0, 520, W, H], fill=(150, 110, 80))
    for k in range(0, W, 120):
        d.line([(k, 520), (k - 200, H)], fill=(135, 98, 70), width=2)
    return img, d


def scene_hall(rnd, award=False):
    img, d = indoor_base(rnd)
    d.rectangle([150, 60, 1050, 330], fill=(170, 25, 30))
    banner(d, (220, 90, 980, 150), "HỘI NGHỊ" if not award else "LỄ TRAO KHEN THƯỞNG", font(40, True))
    d.text((330, 190), "Phú Thọ, năm 2026", font=font(34), fill=(255, 230, 120))
    d.rectangle([150, 330, 1050, 380], fill=(120, 80, 50))
    if award:
        for i in range(5):
            x = 280 + i * 160
            person(d, x, 520, 190, (245, 245, 245) if i % 2 else (50, 60, 90))
            d.rectangle([x - 35, 380, x + 35, 430], fill=(250, 245, 225))
            d.rectangle([x - 35, 380, x + 35, 430], outline=(200, 160, 40), width=3)
    else:
        d.rectangle([300, 380, 900, 430], fill=(230, 230, 230))
        for i in range(5):
            seated(d, 360 + i * 120, 390, 110, (50, 60, 90) if i != 2 else (245, 245, 245))
        d.rectangle([280, 390, 920, 450], fill=(250, 250, 250))
    for r in range(3):
        y = 640 + r * 70
        for k in range(10):
            seated(d, 80 + k * 115 + (r % 2) * 50, y, 120 + r * 20, rnd.choice(SHIRTS))
    return img


def scene_office(rnd):
    img, d = indoor_base(rnd, wall=((225, 235, 240), (190, 205, 215)))
    d.rectangle([80, 60, 1120, 120], fill=(20, 80, 150))
    d.text((110, 70), "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ", font=font(34, True), fill=(255, 255, 255))
    for k in range(4):
        x = 120 + k * 260
        d.rectangle([x, 150, x + 200, 230], fill=(245, 245, 245), outline=(20, 80, 150), width=3)
        d.text((x + 30, 170), f"Quầy {k + 1}", font=font(30, True), fill=(20, 80, 150))
        seated(d, x + 100, 420, 140, (245, 245, 245))
        d.rectangle([x + 130, 320, x + 200, 380], fill=(40, 40, 45))
        d.rectangle([x + 160, 380, x + 170, 410], fill=(60, 60, 60))
    d.rectangle([60, 420, 1140, 500], fill=(235, 225, 210))
    d.rectangle([60, 500, 1140, 520], fill=(180, 160, 130))
    for i in range(4):
        x = 170 + i * 270 + rnd.uniform(-20, 20)
        seated(d, x, 780, 260, rnd.choice(SHIRTS))
    return img


def scene_scanner(rnd):
    img, d = indoor_base(rnd, wall=((230, 235, 238), (200, 208, 214)))
    d.rectangle([100, 380, 1100, 460], fill=(235, 225, 210))
    d.rectangle([380, 230, 820, 380], fill=(70, 75, 85))
    d.rectangle([400, 250, 800, 300], fill=(40, 40, 45))
    d.polygon([(420, 230), (780, 230), (740, 150), (460, 150)], fill=(245, 245, 245))
    d.rectangle([440, 320, 760, 360], fill=(250, 250, 250))
    d.rectangle([880, 220, 1080, 360], fill=(30, 30, 35))
    d.rectangle([895, 235, 1065, 345], fill=(120, 170, 210))
    for k in range(6):
        d.line([(905, 250 + k * 15), (1050, 250 + k * 15)], fill=(240, 240, 240), width=3)
    seated(d, 250, 640, 300, (245, 245, 245))
    return img


def scene_digital(rnd):
    img, d = indoor_base(rnd, wall=((240, 232, 215), (215, 200, 175)))
    banner(d, (200, 60, 1000, 130), "HỖ TRỢ NGƯỜI DÂN DÙNG DỊCH VỤ SỐ", font(34, True))
    d.rectangle([100, 480, 1100, 540], fill=(160, 120, 80))
    for i in range(3):
        x = 230 + i * 370
        seated(d, x - 60, 480, 230, (20, 100, 180))
        seated(d, x + 80, 480, 220, rnd.choice(SHIRTS), hair=(200, 200, 200))
        d.rounded_rectangle([x - 5, 400, x + 45, 480], radius=8, fill=(30, 30, 35))
        d.rectangle([x + 2, 410, x + 38, 468], fill=(110, 200, 240))
    for k in range(8):
        seated(d, 80 + k * 150, 790, 200, rnd.choice(SHIRTS))
    return img


def scene_camera(rnd):
    img = Image.new("RGB", (W, H))
    vgradient(img, (0, 0, W, H), (60, 70, 80), (30, 35, 45))
    d = ImageDraw.Draw(img)
    for r in range(3):
        for c in range(4):
            x0, y0 = 80 + c * 270, 60 + r * 190
            d.rectangle([x0, y0, x0 + 250, y0 + 170], fill=(20, 25, 30))
            inner = Image.new("RGB", (240, 160))
            vgradient(inner, (0, 0, 240, 160), (110, 140, 160), (90, 110, 90))
            di = ImageDraw.Draw(inner)
            di.polygon([(100, 60), (140, 60), (240, 160), (0, 160)], fill=(130, 130, 125))
            for _ in range(2):
                person(di, rnd.uniform(20, 220), rnd.uniform(110, 150), 40, rnd.choice(SHIRTS))
            img.paste(inner, (x0 + 5, y0 + 5))
            d.text((x0 + 10, y0 + 8), f"CAM {r * 4 + c + 1:02d}", font=font(16, True), fill=(255, 255, 255))
    return img


def scene_festival(rnd):
    img, d = outdoor_base(rnd, horizon=380)
    d.rectangle([0, 430, W, H], fill=(175, 165, 130))
    d.rectangle([250, 180, 950, 430], fill=(200, 170, 120))
    d.polygon([(220, 190), (600, 90), (980, 190)], fill=(120, 70, 50))
    banner(d, (330, 220, 870, 270), "NGÀY HỘI ĐẠI ĐOÀN KẾT", font(30, True))
    flag(d, 160, 170, 80)
    for i in range(7):
        x = 180 + i * 140
        y = 610
        person(d, x, y, 160, (30, 30, 40) if i % 2 else (250, 250, 250))
        d.ellipse([x - 40, y - 125, x + 40, y - 45], fill=(200, 160, 40))
        d.ellipse([x - 14, y - 99, x + 14, y - 71], fill=(230, 190, 70))
    crowd(d, rnd, W, 790, 150, 14, SHIRTS)
    return img


def scene_house(rnd):
    img, d = outdoor_base(rnd, horizon=360)
    d.rectangle([0, 420, W, H], fill=(170, 165, 150))
    d.rectangle([260, 240, 940, 520], fill=(250, 235, 190))
    d.polygon([(230, 250), (600, 120), (970, 250)], fill=(180, 60, 40))
    for k in range(5):
        x = 300 + k * 130
        d.rectangle([x, 320, x + 80, 440], fill=(150, 100, 60) if k == 2 else (120, 160, 180))
    banner(d, (380, 260, 820, 300), "CHÚC MỪNG", font(28, True))
    flag(d, 1000, 230, 80)
    d.rectangle([0, 520, W, 540], fill=(150, 145, 130))
    d.rectangle([350, 560, 850, 610], fill=(190, 30, 35))
    for i in range(6):
        person(d, 330 + i * 105, 700, 170, rnd.choice(SHIRTS))
    crowd(d, rnd, W, 800, 140, 8, SHIRTS)
    return img


def night_base(rnd):
    img = Image.new("RGB", (W, H))
    vgradient(img, (0, 0, W, H), (15, 20, 55), (60, 45, 80))
    d = ImageDraw.Draw(img)
    d.ellipse([900, 60, 1020, 180], fill=(255, 240, 180))
    for _ in range(80):
        x, y = rnd.uniform(0, W), rnd.uniform(0, 350)
        d.point((x, y), fill=(255, 255, 230))
    d.rectangle([0, 560, W, H], fill=(45, 40, 50))
    return img, d


def star_lantern(d, cx, cy, r, color):
    pts = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rr = r if k % 2 == 0 else r * 0.45
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    d.polygon(pts, fill=color)


def scene_night_lanterns(rnd):
    img, d = night_base(rnd)
    for _ in range(14):
        x = rnd.uniform(40, 1160)
        y = rnd.uniform(520, 700)
        s = rnd.uniform(120, 170)
        person(d, x, y + s * 0.6, s, rnd.choice(SHIRTS))
        d.line([(x + 10, y - s * 0.1), (x + 40, y - s * 0.6)], fill=(160, 120, 60), width=3)
        star_lantern(d, x + 40, y - s * 0.6 - 25, 28,
                     rnd.choice([(240, 60, 50), (250, 200, 40), (250, 140, 40)]))
    for k in range(12):
        x = 50 + k * 100
        d.line([(x, 300), (x + 100, 300)], fill=(90, 80, 70), width=2)
        d.ellipse([x + 35, 300, x + 65, 340], fill=(240, 80, 60) if k % 2 else (250, 200, 60))
    return img


def scene_night_feast(rnd):
    img, d = night_base(rnd)
    d.rectangle([150, 520, 1050, 600], fill=(170, 40, 40))
    for k in range(8):
        x = 220 + k * 105
        d.ellipse([x - 40, 490, x + 40, 530], fill=(240, 240, 240))
        for _ in range(5):
            ox = rnd.uniform(-25, 25)
            d.ellipse([x + ox - 10, 480 + rnd.uniform(-10, 10), x + ox + 10, 500],
                      fill=rnd.choice([(245, 150, 30), (120, 190, 60), (250, 220, 80), (200, 60, 60)]))
    d.rectangle([560, 420, 640, 490], fill=(200, 140, 60))
    for i in range(10):
        seated(d, 130 + i * 105, 760, 180, rnd.choice(SHIRTS))
    for k in range(12):
        x = 50 + k * 100
        d.ellipse([x + 35, 250, x + 65, 290], fill=(240, 80, 60) if k % 2 else (250, 200, 60))
    return img


SCENES = {
    "fields": scene_fields,
    "harvest": lambda r: scene_fields(r, harvest=True),
    "drying": scene_drying,
    "lake": scene_lake,
    "orchard": scene_orchard,
    "sorting": lambda r: scene_orchard(r, sorting=True),
    "forest_fire": scene_forest_fire,
    "road": scene_road,
    "street": scene_street,
    "school": scene_school,
    "school_flag": lambda r: scene_school(r, with_flag=True),
    "hall": scene_hall,
    "hall_award": lambda r: scene_hall(r, award=True),
    "office": scene_office,
    "scanner": scene_scanner,
    "digital": scene_digital,
    "camera": scene_camera,
    "festival": scene_festival,
    "house": scene_house,
    "night_lanterns": scene_night_lanterns,
    "night_feast": scene_night_feast,
}


def add_label(img, text):
    over = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(over)
    f = font(34, True)
    tw = d.textlength(text, font=f)
    d.rounded_rectangle([24, H - 92, 24 + tw + 40, H - 30], radius=10, fill=(0, 0, 0, 150))
    d.text((44, H - 85), text, font=f, fill=(255, 255, 255, 255))
    small = font(20)
    mark = "Ảnh minh họa"
    mw = d.textlength(mark, font=small)
    d.rounded_rectangle([W - mw - 46, 20, W - 20, 56], radius=8, fill=(0, 0, 0, 110))
    d.text((W - mw - 33, 25), mark, font=small, fill=(255, 255, 255, 230))
    return Image.alpha_composite(img.convert("RGBA"), over).convert("RGB")


def make_news_picture(rel, scene, label, out):
    rnd = rng_for(rel)
    img = SCENES[scene](rnd)
    img = img.filter(ImageFilter.GaussianBlur(0.8))
    img = add_label(img, label)
    if rel in EXIF_ROTATED:
        # Orientation 6 means "turn 90° clockwise to display": store the
        # picture turned 90° counter-clockwise.
        stored = img.transpose(Image.Transpose.ROTATE_90)
        exif = Image.Exif()
        exif[0x0112] = 6
        stored.save(out, "JPEG", quality=70, optimize=True, exif=exif.tobytes())
    else:
        img.save(out, "JPEG", quality=70, optimize=True)


# --------------------------------------------------------------------------
# Portraits (400 x 500)
# --------------------------------------------------------------------------
BACKGROUNDS = [(196, 214, 232), (214, 226, 206), (232, 218, 200), (222, 210, 230), (205, 225, 225)]


def make_portrait(slug, out):
    rnd = rng_for(slug)
    woman = "-thi-" in slug or slug in WOMEN
    img = Image.new("RGB", (400, 500))
    bg = rnd.choice(BACKGROUNDS)
    vgradient(img, (0, 0, 400, 500), mix(bg, (255, 255, 255), 0.35), bg)
    d = ImageDraw.Draw(img)
    skin = rnd.choice([(226, 190, 160), (214, 176, 142), (232, 198, 170)])
    hair = (30, 26, 26)
    jacket = rnd.choice([(40, 50, 75), (55, 55, 60), (30, 60, 90)]) if not woman else \
        rnd.choice([(150, 40, 50), (40, 70, 120), (240, 235, 225), (60, 110, 110)])
    if woman:
        d.ellipse([118, 95, 282, 330], fill=hair)  # long hair behind
    d.ellipse([40, 330, 360, 640], fill=jacket)  # shoulders
    d.rectangle([172, 270, 228, 345], fill=skin)  # neck
    if not woman:
        d.polygon([(165, 335), (235, 335), (200, 430)], fill=(245, 245, 245))
        d.polygon([(192, 345), (208, 345), (212, 420), (200, 435), (188, 420)],
                  fill=rnd.choice([(150, 30, 40), (40, 60, 120)]))
    else:
        d.polygon([(170, 335), (230, 335), (200, 380)], fill=skin)
    d.ellipse([135, 110, 265, 290], fill=skin)  # face
    if woman:
        d.chord([128, 95, 272, 250], 180, 360, fill=hair)
        d.pieslice([128, 100, 200, 230], 180, 270, fill=hair)
    else:
        d.chord([132, 100, 268, 215], 180, 360, fill=hair)
    d.ellipse([128, 185, 146, 225], fill=skin)
    d.ellipse([254, 185, 272, 225], fill=skin)
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    img.save(out, "JPEG", quality=70, optimize=True)


# --------------------------------------------------------------------------
# Maps (PNG)
# --------------------------------------------------------------------------
REGION_COLOURS = [(246, 224, 181), (212, 232, 196), (200, 222, 240), (240, 210, 214), (226, 214, 240),
                  (250, 240, 190), (206, 236, 226), (236, 222, 200), (220, 236, 170), (244, 204, 180),
                  (210, 210, 238), (232, 236, 214)]


def make_map(rel, spec, out):
    rnd = rng_for(rel)
    MW, MH = 960, 720
    fx0, fy0, fx1, fy1 = 90, 125, 870, 615  # map frame
    fw, fh = fx1 - fx0, fy1 - fy0
    # An irregular outline for the unit.
    outline = []
    n = 48
    cx, cy = fx0 + fw / 2, fy0 + fh / 2
    ph = [rnd.uniform(0, 6.28) for _ in range(3)]
    for k in range(n):
        a = 2 * math.pi * k / n
        r = 1 + 0.07 * math.sin(3 * a + ph[0]) + 0.05 * math.sin(5 * a + ph[1]) + 0.03 * math.sin(9 * a + ph[2])
        outline.append((cx + 0.45 * fw * r * math.cos(a), cy + 0.45 * fh * r * math.sin(a)))
    mask = Image.new("L", (MW, MH), 0)
    ImageDraw.Draw(mask).polygon(outline, fill=255)
    seeds = [(fx0 + x * fw, fy0 + y * fh) for _, x, y, _ in spec["regions"]]
    # Nearest seed, with a gentle wobble so the borders look surveyed, not ruled.
    idx = Image.new("L", (MW, MH), 255)
    mp = mask.load()
    ip = idx.load()
    for y in range(MH):
        for x in range(MW):
            if not mp[x, y]:
                continue
            wx = x + 9 * math.sin(y / 37.0) + 6 * math.sin((x + y) / 23.0)
            wy = y + 9 * math.sin(x / 41.0) + 6 * math.cos((x - y) / 29.0)
            best, bi = None, 0
            for i, (sx, sy) in enumerate(seeds):
                dd = (wx - sx) ** 2 + (wy - sy) ** 2
                if best is None or dd < best:
                    best, bi = dd, i
            ip[x, y] = bi
    img = Image.new("RGB", (MW, MH), (236, 240, 243))
    px = img.load()
    for y in range(MH):
        for x in range(MW):
            i = ip[x, y]
            if i == 255:
                continue
            edge = (x + 1 < MW and ip[x + 1, y] != i) or (y + 1 < MH and ip[x, y + 1] != i)
            px[x, y] = (130, 110, 120) if edge else REGION_COLOURS[i % len(REGION_COLOURS)]
    d = ImageDraw.Draw(img)
    d.line(outline + [outline[0]], fill=(90, 40, 60), width=4)

    def to_px(pts):
        return [(fx0 + x * fw, fy0 + y * fh) for x, y in pts]

    # Rivers and roads are drawn on their own layer and kept inside the outline.
    lines = Image.new("RGB", (MW, MH))
    ld = ImageDraw.Draw(lines)
    lmask = Image.new("L", (MW, MH), 0)
    lm = ImageDraw.Draw(lmask)
    if spec["river"]:
        ld.line(to_px(spec["river"]), fill=(70, 140, 210), width=7, joint="curve")
        lm.line(to_px(spec["river"]), fill=255, width=7, joint="curve")
    legend = []
    for name, colour, pts in spec["roads"]:
        ld.line(to_px(pts), fill=colour, width=5, joint="curve")
        lm.line(to_px(pts), fill=255, width=5, joint="curve")
        legend.append((name, colour))
    img.paste(lines, (0, 0), Image.composite(lmask, Image.new("L", (MW, MH), 0), mask))
    d = ImageDraw.Draw(img)
    halo = {"stroke_width": 3, "stroke_fill": (255, 255, 255)}
    if spec["river"]:
        (ax_, ay_), (bx_, by_) = to_px(spec["river"][2:4])
        d.text(((ax_ + bx_) / 2 + 14, (ay_ + by_) / 2 - 10), spec["river_name"], font=font(17),
               fill=(40, 100, 170), **halo)
    reg_font, town_font = font(17), font(18, True)
    for (name, _, _, town), (sx, sy) in zip(spec["regions"], seeds):
        f = town_font if town else reg_font
        tw = d.textlength(name, font=f)
        if town:
            d.ellipse([sx - 7, sy - 7, sx + 7, sy + 7], fill=(200, 30, 30), outline=(255, 255, 255), width=2)
        d.text((sx - tw / 2, sy + 10), name, font=f, fill=(40, 40, 40), **halo)
    nf = font(16)
    places = {"n": ((fx0 + fx1) / 2, fy0 - 32), "s": ((fx0 + fx1) / 2, fy1 + 18),
              "w": (8, fy0 + 30), "e": (MW, fy0 + 30)}
    used = set()
    for name, side in spec["neighbours"]:
        if (name, side) in used:
            continue
        used.add((name, side))
        x, y = places[side]
        text = ("← " if side == "w" else "") + name + (" →" if side == "e" else "")
        tw = d.textlength(text, font=nf)
        if side in "ns":
            x -= tw / 2
        elif side == "e":
            x = MW - tw - 10
        d.text((x, y), text, font=nf, fill=(100, 100, 115), **halo)
    tf = font(28, True)
    tw = d.textlength(spec["title"], font=tf)
    d.text(((MW - tw) / 2, 22), spec["title"], font=tf, fill=(120, 20, 30))
    sf = font(18)
    sw = d.textlength(spec["subtitle"], font=sf)
    d.text(((MW - sw) / 2, 60), spec["subtitle"], font=sf, fill=(60, 60, 60))
    # North arrow
    ax, ay = MW - 50, MH - 120
    d.polygon([(ax, ay - 30), (ax - 12, ay + 6), (ax, ay - 2), (ax + 12, ay + 6)], fill=(40, 40, 40))
    d.text((ax - 6, ay + 8), "B", font=font(18, True), fill=(40, 40, 40))
    # Legend and note
    ly = MH - 58
    lx = 30
    for name, colour in legend:
        d.line([(lx, ly + 9), (lx + 36, ly + 9)], fill=colour, width=5)
        d.text((lx + 44, ly), name, font=font(15), fill=(40, 40, 40))
        lx += 60 + d.textlength(name, font=font(15))
    if spec["river"]:
        d.line([(lx, ly + 9), (lx + 36, ly + 9)], fill=(70, 140, 210), width=6)
        d.text((lx + 44, ly), "Sông, suối", font=font(15), fill=(40, 40, 40))
        lx += 140
    d.ellipse([lx, ly + 2, lx + 14, ly + 16], fill=(200, 30, 30))
    d.text((lx + 22, ly), "Trụ sở UBND", font=font(15), fill=(40, 40, 40))
    note = "Bản đồ minh họa, không dùng để xác định địa giới hành chính."
    d.text((30, MH - 30), note, font=font(14), fill=(110, 110, 110))
    pal = img.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    pal.save(out, "PNG", optimize=True)


# --------------------------------------------------------------------------
# Attachments (PDF, one A4 page drawn at 100 dpi, stored 1-bit)
# --------------------------------------------------------------------------
PW, PH = 827, 1169
PDF_DATE = time.strptime("2026-11-01 08:00:00", "%Y-%m-%d %H:%M:%S")  # fixed: same bytes every run


def _centre(d, y, text, f):
    tw = d.textlength(text, font=f)
    d.text(((PW - tw) / 2, y), text, font=f, fill=0)


def _wrap(d, text, f, width):
    words, lines, cur = text.split(), [], ""
    for w in words:
        t = (cur + " " + w).strip()
        if d.textlength(t, font=f) > width and cur:
            lines.append(cur)
            cur = w
        else:
            cur = t
    if cur:
        lines.append(cur)
    return lines


def _national_header(d, left_lines, right_x=420):
    fb, fr = font(17, True), font(17)
    y = 50
    for i, line in enumerate(left_lines):
        # the superior body in plain type, the issuing body in bold
        f = fr if (i == 0 and len(left_lines) > 1) else fb
        tw = d.textlength(line, font=f)
        d.text((210 - tw / 2, y + i * 24), line, font=f, fill=0)
    if left_lines:
        d.line([(170, y + len(left_lines) * 24 + 4), (250, y + len(left_lines) * 24 + 4)], fill=0, width=1)
    t1, t2 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"
    cx = (right_x + PW - 30) / 2
    d.text((cx - d.textlength(t1, font=fb) / 2, y), t1, font=fb, fill=0)
    d.text((cx - d.textlength(t2, font=fb) / 2, y + 24), t2, font=fb, fill=0)
    w2 = d.textlength(t2, font=fb)
    d.line([(cx - w2 / 2, y + 50), (cx + w2 / 2, y + 50)], fill=0, width=1)


def page_form(spec):
    img = Image.new("L", (PW, PH), 255)
    d = ImageDraw.Draw(img)
    _national_header(d, [], right_x=150)
    y = 150
    tf = font(24, True)
    for line in _wrap(d, spec["title"], tf, PW - 120):
        _centre(d, y, line, tf)
        y += 34
    if spec.get("subtitle"):
        _centre(d, y, spec["subtitle"], font(15))
        y += 26
    y += 16
    _centre(d, y, spec["to"], font(18))
    y += 50
    f = font(17)
    for field in spec["fields"]:
        d.text((70, y), field, font=f, fill=0)
        end = 70 + d.textlength(field, font=f) + 8
        x = end
        while x < PW - 70:
            d.point((x, y + 16), fill=0)
            x += 6
        y += 38
    y += 14
    for line in _wrap(d, spec["pledge"], font(16), PW - 140):
        d.text((70, y), line, font=font(16), fill=0)
        y += 24
    y += 30
    d.text((PW - 400, y), "Làm tại: ..............., ngày ..... tháng ..... năm ........", font=font(15), fill=0)
    y += 32
    sign = spec["sign"]
    d.text((PW - 200 - d.textlength(sign, font=font(17, True)) / 2, y), sign, font=font(17, True), fill=0)
    d.text((PW - 270, y + 26), "(Ký, ghi rõ họ, chữ đệm, tên)", font=font(14), fill=0)
    return img


def page_invitation(spec):
    img = Image.new("L", (PW, PH), 255)
    d = ImageDraw.Draw(img)
    _national_header(d, spec["agency"])
    y = 50 + len(spec["agency"]) * 24 + 20
    d.text((210 - d.textlength(spec["number"], font=font(16)) / 2, y), spec["number"], font=font(16), fill=0)
    d.text((450, y), spec["place_date"], font=font(16), fill=0)
    y += 70
    _centre(d, y, "GIẤY MỜI", font(30, True))
    y += 46
    for line in _wrap(d, spec["subject"], font(18, True), PW - 180):
        _centre(d, y, line, font(18, True))
        y += 28
    y += 30
    f = font(17)
    for line in spec["body"]:
        for part in _wrap(d, line, f, PW - 160):
            d.text((80, y), part, font=f, fill=0)
            y += 30
        y += 6
    y += 40
    fb = font(17, True)
    for line in spec["sign"]:
        if line:
            tw = d.textlength(line, font=fb)
            d.text((PW - 210 - tw / 2, y), line, font=fb, fill=0)
        y += 28
    y += 40
    d.text((80, y), "Nơi nhận:", font=font(15, True), fill=0)
    d.text((80, y + 24), "- Như trên;", font=font(14), fill=0)
    d.text((80, y + 44), "- Lưu: VT.", font=font(14), fill=0)
    return img


def page_list(spec):
    img = Image.new("L", (PW, PH), 255)
    d = ImageDraw.Draw(img)
    _national_header(d, spec["agency"])
    y = 190
    _centre(d, y, spec["title"], font(24, True))
    y += 36
    _centre(d, y, spec["subtitle"], font(15))
    y += 50
    cols = spec["cols"]
    row_h = 44
    for r, row in enumerate([spec["header"]] + spec["rows"]):
        d.rectangle([cols[0], y, cols[-1], y + row_h], outline=0, width=1)
        for c, cell in enumerate(row):
            d.text((cols[c] + 8, y + 12), cell, font=font(16, r == 0), fill=0)
        for x in cols[1:-1]:
            d.line([(x, y), (x, y + row_h)], fill=0, width=1)
        y += row_h
    y += 30
    for line in _wrap(d, spec["note"], font(16), PW - 140):
        d.text((70, y), line, font=font(16), fill=0)
        y += 26
    return img


PAGES = {A_FORM: page_form, A_INVITE: page_invitation, A_LIST: page_list}


def make_pdf(kind, spec, out, title):
    img = PAGES[kind](spec)
    img = img.point(lambda p: 255 if p > 150 else 0).convert("1")
    img.save(out, "PDF", resolution=100.0, title=title, author="sitegen sample portal",
             creator="tools/make_sample_media.py", producer="Pillow",
             creationDate=PDF_DATE, modDate=PDF_DATE)


# --------------------------------------------------------------------------
def wanted():
    """Every output path (relative to sites/) with a function that makes it."""
    jobs = []
    for rel, (scene, label) in NEWS.items():
        jobs.append((rel, lambda out, rel=rel, s=scene, l=label: make_news_picture(rel, s, l, out)))
    for site, slugs in PORTRAITS.items():
        for slug in slugs:
            rel = f"{site}/images/{slug}.jpg"
            jobs.append((rel, lambda out, slug=slug: make_portrait(slug, out)))
    for rel, spec in MAPS.items():
        jobs.append((rel, lambda out, rel=rel, spec=spec: make_map(rel, spec, out)))
    for rel, (kind, spec) in ATTACHMENTS.items():
        if kind == "copy":
            jobs.append((rel, lambda out, src=spec: out.write_bytes((SITES / src).read_bytes())))
        else:
            title = spec["title"] if "title" in spec else "Giấy mời: " + spec["subject"]
            jobs.append((rel, lambda out, k=kind, s=spec, t=title: make_pdf(k, s, out, t)))
    # copies come last, after their sources are made
    jobs.sort(key=lambda j: ATTACHMENTS.get(j[0], ("",))[0] == "copy")
    return jobs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only list the files that are missing")
    ap.add_argument("--only", help="make only the paths containing this text")
    args = ap.parse_args(argv)
    missing = 0
    for rel, make in wanted():
        out = SITES / rel
        if args.only and args.only not in rel:
            continue
        if args.check:
            if not out.exists():
                print("thiếu:", rel)
                missing += 1
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        make(out)
        print(f"{out.stat().st_size / 1024:7.1f} KB  {rel}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
