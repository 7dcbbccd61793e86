#!/usr/bin/env python3
"""Make the signed files of the sample portal's documents (sites/*/files):
PDFs with a text layer, as Word exports them, and one spreadsheet.

The scanned forms of tools/make_sample_media.py have no text; these do, so
the search finds a document by words found only in its file (the decision
on digital transformation mentions "thiết bị bay không người lái", which no
page of the sample says). Deterministic: the same script gives the same bytes.

    pip install fpdf2
    python tools/make_sample_documents.py
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

try:
    from fpdf import FPDF
except ImportError:  # pragma: no cover - told to the person running it
    sys.exit("fpdf2 is needed: pip install fpdf2")

SITES = Path(__file__).resolve().parent.parent / "sites"
FONT = Path("/usr/share/fonts/truetype/dejavu")
MOMENT = datetime(2026, 11, 20, tzinfo=timezone.utc)

HEAD = {
    "phu-tho": ("ỦY BAN NHÂN DÂN", "TỈNH PHÚ THỌ", "Phú Thọ"),
    "an-binh": ("ỦY BAN NHÂN DÂN", "XÃ AN BÌNH", "An Bình"),
    "lac-thuy": ("ỦY BAN NHÂN DÂN", "XÃ LẠC THỦY", "Lạc Thủy"),
}

DOCUMENTS = {
    "phu-tho/files/1856-qd-ubnd-ke-hoach-chuyen-doi-so-2027.pdf": (
        "phu-tho", "Số: 1856/QĐ-UBND", "12 tháng 11 năm 2026", "QUYẾT ĐỊNH",
        "Về việc ban hành Kế hoạch chuyển đổi số tỉnh Phú Thọ năm 2027",
        ["Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;",
         "Xét đề nghị của Giám đốc Sở Khoa học và Công nghệ,",
         "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số tỉnh Phú Thọ năm 2027.",
         "Điều 2. Kế hoạch gồm các nhiệm vụ chính: số hóa 100% hồ sơ thủ tục hành chính tiếp nhận tại "
         "Trung tâm Phục vụ hành chính công tỉnh và Bộ phận Một cửa cấp xã; đưa dịch vụ công trực tuyến "
         "toàn trình đến từng thôn, tổ dân phố; thí điểm dùng thiết "
         "bị bay không người lái để kiểm tra cháy rừng và theo dõi diện tích cây ăn quả có múi.",
         "Điều 3. Kinh phí thực hiện từ ngân sách tỉnh năm 2027 và các nguồn hợp pháp khác.",
         "Điều 4. Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng UBND tỉnh, Giám đốc các sở, Thủ "
         "trưởng các cơ quan, đơn vị và Chủ tịch UBND các xã, phường chịu trách nhiệm thi hành Quyết định này."],
        "CHỦ TỊCH", "Nguyễn Thành Mạnh"),
    "phu-tho/files/245-kh-ubnd-de-an-06-nam-2027.pdf": (
        "phu-tho", "Số: 245/KH-UBND", "20 tháng 11 năm 2026", "KẾ HOẠCH",
        "Triển khai Đề án 06 về ứng dụng dữ liệu dân cư, định danh và xác thực điện tử năm 2027",
        ["I. MỤC ĐÍCH, YÊU CẦU",
         "Đẩy mạnh khai thác dữ liệu dân cư trong giải quyết thủ tục hành chính, giảm giấy tờ công dân "
         "phải nộp; 100% cán bộ, công chức cấp xã sử dụng tài khoản định danh điện tử mức 2.",
         "II. NHIỆM VỤ",
         "1. Làm sạch dữ liệu hộ tịch, cư trú trên địa bàn; 2. Hướng dẫn người dân kích hoạt tài khoản "
         "VNeID tại nhà văn hóa thôn, tổ dân phố; 3. Kết nối phần mềm một cửa với Cơ sở dữ liệu quốc gia về dân cư.",
         "III. TỔ CHỨC THỰC HIỆN",
         "Công an tỉnh chủ trì, phối hợp với Văn phòng UBND tỉnh theo dõi, báo cáo hằng tháng."],
        "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "Nguyễn Thúy Hằng"),
    "phu-tho/files/05-ct-ubnd-phong-chay-rung.pdf": (
        "phu-tho", "Số: 05/CT-UBND", "01 tháng 11 năm 2026", "CHỈ THỊ",
        "Về tăng cường công tác phòng cháy, chữa cháy rừng mùa khô 2026 - 2027",
        ["Mùa khô năm nay dự báo kéo dài, nguy cơ cháy rừng ở các xã vùng cao rất lớn. Chủ tịch UBND "
         "tỉnh yêu cầu:",
         "1. UBND các xã, phường kiện toàn Ban chỉ huy phòng cháy, chữa cháy rừng, trực 24/24 giờ trong "
         "những ngày nắng nóng; 2. Chi cục Kiểm lâm hướng dẫn người dân đốt thực bì đúng quy định; 3. Lực "
         "lượng dân quân sẵn sàng phương tiện, dụng cụ chữa cháy tại chỗ."],
        "CHỦ TỊCH", "Nguyễn Thành Mạnh"),
    "phu-tho/files/1120-qd-ubnd-quy-che-cong-thong-tin-2024.pdf": (
        "phu-tho", "Số: 1120/QĐ-UBND", "15 tháng 6 năm 2024", "QUYẾT ĐỊNH",
        "Về việc ban hành Quy chế quản lý, vận hành Cổng thông tin điện tử tỉnh Phú Thọ",
        ["Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý, vận hành Cổng thông tin điện tử tỉnh.",
         "Điều 2. Quyết định có hiệu lực kể từ ngày ký."],
        "CHỦ TỊCH", "Nguyễn Thành Mạnh"),
    "phu-tho/files/1790-qd-ubnd-quy-che-cong-thong-tin-2026.pdf": (
        "phu-tho", "Số: 1790/QĐ-UBND", "30 tháng 10 năm 2026", "QUYẾT ĐỊNH",
        "Về việc ban hành Quy chế quản lý, vận hành Cổng thông tin điện tử tỉnh và các trang thông tin "
        "điện tử thành phần",
        ["Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý, vận hành Cổng thông tin điện tử tỉnh "
         "Phú Thọ và các trang thông tin điện tử thành phần của các xã, phường.",
         "Điều 2. Quyết định có hiệu lực từ ngày 10 tháng 11 năm 2026 và thay thế Quyết định số "
         "1120/QĐ-UBND ngày 15/6/2024 của UBND tỉnh.",
         "Điều 3. Mỗi xã, phường phân công một biên tập viên, cập nhật tin bài ít nhất hai lần mỗi tuần "
         "và công khai lịch công tác trước thứ Hai hằng tuần."],
        "CHỦ TỊCH", "Nguyễn Thành Mạnh"),
    "phu-tho/files/du-thao-quy-dinh-quan-ly-cho.pdf": (
        "phu-tho", "DỰ THẢO", "tháng 11 năm 2026", "QUYẾT ĐỊNH",
        "Ban hành Quy định về quản lý, khai thác chợ trên địa bàn tỉnh Phú Thọ",
        ["Điều 1. Phạm vi điều chỉnh: các chợ hạng 2, hạng 3 và chợ nông thôn trên địa bàn tỉnh.",
         "Điều 2. Ban quản lý chợ niêm yết giá thuê điểm kinh doanh công khai tại cổng chợ; tiểu thương "
         "được ưu tiên gia hạn hợp đồng khi không vi phạm nội quy chợ.",
         "Điều 3. Khu vực bán thực phẩm tươi sống bố trí riêng, có nguồn nước sạch và hệ thống thu gom "
         "nước thải."],
        "", ""),
    "phu-tho/files/du-thao-ke-hoach-du-lich-doi-bo.pdf": (
        "phu-tho", "DỰ THẢO", "tháng 10 năm 2026", "KẾ HOẠCH",
        "Phát triển du lịch sinh thái hồ Đồi Bô giai đoạn 2026 - 2030",
        ["Mục tiêu: đón 30.000 lượt khách mỗi năm vào năm 2030; hình thành 5 điểm du lịch cộng đồng "
         "do hộ dân quản lý; xây dựng đường dạo quanh hồ dài 4 km."],
        "", ""),
    "phu-tho/files/tong-hop-y-kien-du-lich-doi-bo.pdf": (
        "phu-tho", "Số: 212/BC-UBND", "10 tháng 11 năm 2026", "BÁO CÁO",
        "Tổng hợp, tiếp thu, giải trình ý kiến góp ý dự thảo Kế hoạch phát triển du lịch hồ Đồi Bô",
        ["Đã nhận 47 ý kiến của người dân và doanh nghiệp qua Cổng thông tin điện tử và hộp thư góp ý.",
         "Tiếp thu: bổ sung bãi đỗ xe tại đầu đập, quy định giữ vệ sinh lòng hồ; giải trình: chưa mở rộng "
         "khu cắm trại vì nằm trong hành lang bảo vệ nguồn nước."],
        "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "Nguyễn Thúy Hằng"),
    "an-binh/files/88-tb-ubnd-tuyen-dung-cong-chuc-2026.pdf": (
        "an-binh", "Số: 88/TB-UBND", "15 tháng 11 năm 2026", "THÔNG BÁO",
        "Tuyển dụng công chức cấp xã năm 2026",
        ["UBND xã An Bình thông báo tuyển dụng 02 công chức: 01 Tư pháp - Hộ tịch, 01 Địa chính - Xây "
         "dựng. Người dự tuyển có bằng đại học chuyên ngành phù hợp, thường trú tại tỉnh Phú Thọ.",
         "Hồ sơ nộp tại Bộ phận Một cửa xã từ ngày 16/11 đến hết ngày 16/12/2026, trong giờ hành chính."],
        "CHỦ TỊCH", "Đinh Văn Thành"),
    "an-binh/files/125-bc-ubnd-cong-khai-ngan-sach-quy-3-2026.pdf": (
        "an-binh", "Số: 125/BC-UBND", "10 tháng 10 năm 2026", "BÁO CÁO",
        "Công khai tình hình thực hiện dự toán ngân sách xã quý III năm 2026",
        ["Tổng thu ngân sách xã 9 tháng đạt 4.215 triệu đồng, bằng 78,4% dự toán năm; tổng chi 3.890 "
         "triệu đồng, bằng 71,2% dự toán, trong đó chi đầu tư phát triển 1.120 triệu đồng cho đường giao "
         "thông thôn Bãi Lạng."],
        "CHỦ TỊCH", "Đinh Văn Thành"),
    "lac-thuy/files/62-bc-ubnd-cong-khai-ngan-sach-quy-2-2026.pdf": (
        "lac-thuy", "Số: 62/BC-UBND", "12 tháng 7 năm 2026", "BÁO CÁO",
        "Công khai tình hình thực hiện dự toán ngân sách xã quý II năm 2026",
        ["Tổng thu ngân sách 6 tháng đạt 3.080 triệu đồng, bằng 52% dự toán năm; tổng chi 2.760 triệu "
         "đồng, bằng 47% dự toán."],
        "CHỦ TỊCH", "Lê Quang Vinh"),
}

SPREADSHEETS = {
    "an-binh/files/125-bc-ubnd-bieu-thu-chi-quy-3-2026.xlsx": [
        ["Nội dung", "Dự toán năm (triệu đồng)", "Thực hiện 9 tháng (triệu đồng)", "Tỷ lệ (%)"],
        ["Tổng thu ngân sách xã", "5.376", "4.215", "78,4"],
        ["Thu bổ sung cân đối từ ngân sách tỉnh", "3.900", "2.925", "75,0"],
        ["Tổng chi ngân sách xã", "5.463", "3.890", "71,2"],
        ["Chi đầu tư đường giao thông thôn Bãi Lạng", "1.500", "1.120", "74,7"],
    ],
}


def make_pdf(path: Path, site: str, number: str, date: str, kind: str, title: str, paragraphs: list[str],
             signer_title: str, signer: str) -> None:
    body, place, town = HEAD[site]
    pdf = FPDF(format="A4")
    pdf.set_creation_date(MOMENT)
    pdf.set_title(f"{kind} {title}")
    pdf.set_creator("tools/make_sample_documents.py")
    pdf.add_font("DejaVu", "", str(FONT / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(20, 18, 18)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 10)
    pdf.cell(80, 5, body, align="C")
    pdf.cell(0, 5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(80, 5, place, align="C")
    pdf.cell(0, 5, "Độc lập - Tự do - Hạnh phúc", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.cell(80, 7, number, align="C")
    pdf.cell(0, 7, f"{town}, ngày {date}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("DejaVu", "B", 13)
    pdf.cell(0, 7, kind, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 11)
    pdf.multi_cell(0, 6, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    if signer:
        pdf.ln(6)
        pdf.set_x(110)
        pdf.set_font("DejaVu", "B", 11)
        pdf.multi_cell(80, 6, signer_title.replace(" / ", "\n"), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(12)
        pdf.set_x(110)
        pdf.cell(80, 6, signer, align="C")
    path.write_bytes(bytes(pdf.output()))


def make_xlsx(path: Path, rows: list[list[str]]) -> None:
    """A minimal Office Open XML workbook: one sheet, shared strings."""
    strings = [cell for row in rows for cell in row]
    shared = "".join(f"<si><t>{_escape(s)}</t></si>" for s in strings)
    cells, index = [], 0
    for r, row in enumerate(rows, 1):
        refs = []
        for c, _value in enumerate(row):
            refs.append(f'<c r="{chr(65 + c)}{r}" t="s"><v>{index}</v></c>')
            index += 1
        cells.append(f'<row r="{r}">{"".join(refs)}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Quy III" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><sheetData>{"".join(cells)}</sheetData></worksheet>',
        "xl/sharedStrings.xml": f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}" count="{len(strings)}" uniqueCount="{len(strings)}">{shared}</sst>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 10, 10, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)
    path.write_bytes(buffer.getvalue())


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main() -> int:
    for relative, spec in DOCUMENTS.items():
        make_pdf(SITES / relative, *spec)
        print(f"{(SITES / relative).stat().st_size / 1024:7.1f} KB  {relative}")
    for relative, rows in SPREADSHEETS.items():
        make_xlsx(SITES / relative, rows)
        print(f"{(SITES / relative).stat().st_size / 1024:7.1f} KB  {relative}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
