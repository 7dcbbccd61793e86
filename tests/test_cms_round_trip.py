"""What the CMS writes, the build reads: files exactly as Decap CMS saved them
(from the browser runs of tests/test_cms_browser.py and of the evaluation of
the CMS) go through `check` and `build` without a single warning, and their
pages show what the editor typed."""

from __future__ import annotations

import unicodedata

from conftest import ROOT_SITE, commune_site

NFD = unicodedata.normalize("NFD", "Đăng ký khai sinh lưu động")
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64)


def _pdf(text: str) -> bytes:
    """A one-page PDF with a line of text (a document exported from Word, not a scan)."""
    stream = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
    return bytes(out)


PDF = _pdf("Quyet dinh so 15 cua UBND xa An")

WRITTEN = {
    # Decap, format "YYYY-MM-DD HH:mm": the time as the editor typed it; picture named by the CMS.
    "xa-an/news/2026-11-20-dang-ky-khai-sinh-luu-dong-tai-thon-bai-lang.md": """---
title: Đăng ký khai sinh lưu động tại thôn Bãi Lạng
date: 2026-11-20 09:30
author: Phạm Thị Hoa
image: images/le-hoi-bai-lang.jpg
image_caption: Cán bộ tư pháp xã trao giấy khai sinh
tags:
  - hộ tịch, khai sinh
  - một cửa
---
Sáng 20/11, Bộ phận Một cửa xã An đã đăng ký khai sinh lưu động cho 12 cháu.
""",
    # An ISO moment with its offset, a decomposed (NFD) title, a multi-line summary, a switch.
    "xa-an/news/2026-11-18-dang-ky-khai-sinh.md": f"""---
title: {NFD}
date: 2026-11-18T09:30:00+07:00
summary: |-
  Tóm tắt: dòng một,
  dòng hai: có dấu hai chấm
image: images/le-hoi-bai-lang-news.jpg
featured: true
---
Đoạn đầu của bài viết về đăng ký khai sinh.
""",
    # Empty optional fields as forms write them: '', [], null, false.
    "xa-an/news/2026-11-17-tin-ngan.md": """---
title: Tin ngắn
date: 2026-11-17 07:00
category: ''
categories: []
author: null
image_caption: ''
tags: []
to_parent: false
draft: false
slug: ''
---
Nội dung tin ngắn.
""",
    "xa-an/schedule/2026-11-24-hop-trien-khai-dang-ky-khai-sinh-luu-dong.md": """---
title: Họp triển khai đăng ký khai sinh lưu động
start: 2026-11-24 07:30
location: Phòng họp UBND xã
chair: Phạm Thị Hà - Chủ tịch UBND xã
participants:
  - Công chức Tư pháp - Hộ tịch
kind: meeting
invitation: files/giay-moi-hop-24-11.pdf
---
""",
    "xa-an/procedures/dang-ky-ket-hon.md": """---
code: "1.000894"
title: Đăng ký kết hôn
level: commune
online: partial
forms:
  - title: Tờ khai đăng ký kết hôn
    file: files/to-khai-ket-hon.pdf
  - title: Mẫu không có tệp
  - title: Mẫu có ô tệp để trống
    file: ''
legal_basis:
  - Luật Hộ tịch số 60/2014/QH13 ngày 20/11/2014
processing_time: Ngay trong ngày
fee: Miễn lệ phí
agency: UBND cấp xã
applicants: Công dân Việt Nam
result: Giấy chứng nhận kết hôn
---
## Trình tự thực hiện

Nộp hồ sơ tại Bộ phận Một cửa.

## Thành phần hồ sơ

- Tờ khai đăng ký kết hôn.
""",
    "xa-an/staff/ha.md": """---
name: Phạm Thị Hà
position: Chủ tịch UBND xã
order: 100
leader: true
duties:
  - Lãnh đạo chung
  - Phụ trách kinh tế, ngân sách
---
Sinh năm 1978, quê xã An.
""",
    # A document as the admin page writes it: the type as its label, a date alone, its files as
    # {title, file} items, a draft's consultation as a nested mapping with an empty key.
    "xa-an/documents/15-qd-ubnd.md": """---
number: 15/QĐ-UBND
type: Quyết định
title: Về việc ban hành Kế hoạch chuyển đổi số năm 2027 của xã An
issued: 2026-11-12
signer: Phạm Thị Hà
files:
  - title: Bản có chữ ký
    file: files/quyet-dinh-15.pdf
---
""",
    "xa-an/documents/du-thao-quy-che.md": """---
number: 16/DT-UBND
type: Dự thảo
title: Dự thảo Quy chế làm việc của UBND xã
issued: 2026-11-20
files:
  - file: files/du-thao-quy-che.pdf
consultation:
  until: 2026-12-20 17:00
  email: gopy@xa-an.example.vn
  feedback_url: ''
---
""",
    "xa-an/questions/thu-tuc-khai-sinh.md": """---
title: Đăng ký khai sinh cho con khi bố mẹ chưa đăng ký kết hôn?
asked_by: Chị B.T.L, thôn Bãi Lạng
asked: 2026-11-03
field: Hộ tịch
answered_by: Công chức Tư pháp - Hộ tịch xã An
answered: 2026-11-06
question: |-
  Con tôi sinh tháng 10.
  Bố mẹ cháu chưa đăng ký kết hôn.
---
Được. Chị nộp tờ khai tại Bộ phận Một cửa của xã.
""",
    "xa-an/pages/gioi-thieu.md": """---
title: Giới thiệu
menu: 1
topic: introduction
---
Xã An nằm ở phía bắc huyện.
""",
}


def test_files_written_by_the_cms_check_and_build_without_a_warning(build_portal, capsys):
    files = {"huyen/site.yaml": ROOT_SITE, "xa-an/site.yaml": commune_site("An", parent="huyen"),
             "xa-an/images/le-hoi-bai-lang.jpg": JPEG, "xa-an/images/le-hoi-bai-lang-news.jpg": JPEG,
             "xa-an/files/giay-moi-hop-24-11.pdf": PDF, "xa-an/files/to-khai-ket-hon.pdf": PDF,
             "xa-an/files/quyet-dinh-15.pdf": PDF, "xa-an/files/du-thao-quy-che.pdf": PDF, **WRITTEN}
    built = build_portal(files)
    assert built.code == 0 and "xa-an" not in built.stderr, built.stderr
    from sitegen.cli import main

    assert main(["check", "--sites", str(built.out.parent / "sites"), "--now", "22/11/2026 10:00"]) == 0
    assert "xa-an/" not in capsys.readouterr().err  # not even a note

    article = built.page("xa-an/tin-tuc/dang-ky-khai-sinh-luu-dong/")
    assert "Đăng ký khai sinh lưu động" in article  # read in NFC
    assert "Thứ Tư, 18/11/2026 09:30" in article  # +07:00 is Vietnam's own time
    assert "dòng hai: có dấu hai chấm" in built.page("xa-an/tin-tuc/")
    typed = built.page("xa-an/tin-tuc/dang-ky-khai-sinh-luu-dong-tai-thon-bai-lang/")
    assert "Thứ Sáu, 20/11/2026 09:30" in typed and "images/le-hoi-bai-lang" in typed
    assert "hộ tịch, khai sinh" in typed and "một cửa" in typed  # a tag holding a comma stays whole
    short = built.page("xa-an/tin-tuc/tin-ngan/")
    assert "Nội dung tin ngắn." in short
    event = built.page("xa-an/lich-cong-tac/su-kien/2026-11-24-hop-trien-khai-dang-ky-khai-sinh-luu-dong/")
    assert "Phạm Thị Hà - Chủ tịch UBND xã" in event and "giay-moi-hop-24-11.pdf" in event
    procedure = built.page("xa-an/thu-tuc/1-000894/")
    assert "Tờ khai đăng ký kết hôn" in procedure and "Mẫu không có tệp" in procedure
    assert "Mẫu có ô tệp để trống" in procedure
    person = built.page("xa-an/can-bo/pham-thi-ha/")
    assert "Phụ trách kinh tế, ngân sách" in person
    decision = built.page("xa-an/van-ban/15-qd-ubnd/")
    assert "Quyết định" in decision and "quyet-dinh-15.pdf" in decision and "12/11/2026" in decision
    draft = built.page("xa-an/van-ban/16-dt-ubnd/")
    assert "gopy@xa-an.example.vn" in draft and "20/12/2026" in draft
    question = built.page("xa-an/hoi-dap/")
    assert "Đăng ký khai sinh cho con khi bố mẹ chưa đăng ký kết hôn?" in question
