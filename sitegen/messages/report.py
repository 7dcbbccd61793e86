"""What the webmaster's report says of each site, in Vietnamese and English.

Keys are grouped by the report's problem codes (docs/bao-cao.md describes
each code); a test checks that every key is used and documented there.
Placeholders are filled from the report problem's parameters.
"""

from __future__ import annotations

REPORT_MESSAGES: dict[str, tuple[str, str]] = {
    # empty
    "report-empty": (
        "Trang chưa đăng nội dung nào: không có tin bài, trang giới thiệu, cán bộ, "
        "lịch công tác hay thủ tục riêng.",
        "The site has published nothing: no news, pages, staff, schedule or own procedures.",
    ),
    "report-unbuilt": (
        "Thư mục '{name}' không được xuất bản vì site.yaml bị thiếu hoặc có lỗi (xem lỗi bên dưới).",
        "The folder '{name}' is not published: its site.yaml is missing or broken (see below).",
    ),
    # stale-news
    "report-no-news": (
        "Chưa đăng tin bài nào (thư mục news/ trống).",
        "No news published yet (the news/ folder is empty).",
    ),
    "report-stale-news": (
        "Không có tin mới {ago} ngày (quá {days} ngày): tin gần nhất ngày {date}.",
        "No news for {ago} days (over {days}): the latest is of {date}.",
    ),
    # no-schedule-this-week
    "report-no-schedule": (
        "Chưa có lịch công tác, lịch họp tuần này ({span}).",
        "No work or meeting schedule for this week ({span}).",
    ),
    "report-no-schedule-weeks": (
        "Chưa có lịch công tác, lịch họp tuần này ({span}) và tuần tới.",
        "No work or meeting schedule for this week ({span}) nor for next week.",
    ),
    # no-reception
    "report-no-reception": (
        "Chưa đăng lịch tiếp công dân nào: hãy đăng từng buổi tiếp trong thư mục schedule/ với 'kind: "
        "reception' và người tiếp ở 'chair' (Luật Tiếp công dân: lịch tiếp phải công khai).",
        "No citizen reception session published: publish each session in schedule/ with 'kind: reception' "
        "and who receives in 'chair' (the Law on Citizen Reception makes the schedule public).",
    ),
    "report-no-reception-ahead": (
        "Chưa đăng lịch tiếp công dân sắp tới (buổi gần nhất ngày {last}): hãy đăng các buổi tiếp tới trong "
        "thư mục schedule/ với 'kind: reception'.",
        "No coming citizen reception session published (the latest was on {last}): publish the next "
        "sessions in schedule/ with 'kind: reception'.",
    ),
    # no-staff
    "report-no-staff": (
        "Chưa có danh sách cán bộ, công chức: thư mục staff/ chưa có ai (mỗi người một tệp).",
        "No staff list: the staff/ folder has nobody yet (one file a person).",
    ),
    # no-budget-disclosure
    "report-no-budget-disclosure": (
        "Chưa công khai tình hình thực hiện ngân sách quý {quarter} (hạn {due}): hãy đăng một văn bản trong "
        "thư mục documents/ có 'section: budget' và 'period: Quý {quarter}'.",
        "The budget execution of quarter {quarter} is not published (due {due}): publish a document in "
        "documents/ with 'section: budget' and 'period: Quý {quarter}'.",
    ),
    # consultation-no-result
    "report-consultation-no-result": (
        "Dự thảo {number} hết hạn lấy ý kiến ngày {until}, đã quá {days} ngày mà chưa có báo cáo tổng hợp ý "
        "kiến: hãy thêm 'result: files/...' vào mục consultation.",
        "The draft {number} closed for comment on {until}, over {days} days ago, and has no summary of the "
        "comments yet: add 'result: files/...' under consultation.",
    ),
    # missing-required
    "report-no-topic-page": (
        "Thiếu mục bắt buộc: {label}. Hãy viết một trang trong thư mục pages/ có dòng 'topic: {topic}' "
        "(ví dụ: python build.py new page \"{label}\" --site {site}).",
        "Missing required item: {label_en}. Write a page in pages/ with the line 'topic: {topic}'.",
    ),
    "report-no-leaders": (
        "Thiếu mục bắt buộc: {label}: chưa có cán bộ nào được ghi 'leader: true' (lãnh đạo) trong "
        "thư mục staff/.",
        "Missing required item: {label_en}: no staff file says 'leader: true'.",
    ),
    "report-leader-no-biography": (
        "Thiếu mục bắt buộc: {label}: {name} ({position}) chưa có lý lịch tóm tắt. Hãy viết lý lịch "
        "sau dòng '---' thứ hai của tệp.",
        "Missing required item: {label_en}: {name} has no short biography. Write it after the second "
        "'---' line.",
    ),
    "report-leader-no-duties": (
        "Thiếu mục bắt buộc: {label}: {name} ({position}) chưa có 'duties'. Hãy thêm, ví dụ: "
        "duties: [Lãnh đạo chung, Phụ trách nội chính]",
        "Missing required item: {label_en}: {name} has no 'duties'. Add e.g. duties: [General "
        "leadership, Internal affairs]",
    ),
    "report-no-procedures": (
        "Thiếu mục bắt buộc: {label}: trang chưa có thủ tục nào, kể cả thủ tục nhận từ cấp trên. Hãy "
        "viết thủ tục trong thư mục procedures/.",
        "Missing required item: {label_en}: the site has no procedure, inherited ones included. Write "
        "procedures in procedures/.",
    ),
    "report-site-yaml-missing": (
        "Thiếu mục bắt buộc: {label}: site.yaml chưa có {words}. Hãy thêm, ví dụ: {key}: {example}",
        "Missing required item: {label_en}: site.yaml lacks {keys}.",
    ),
    "report-no-english-name": (
        "Thiếu mục bắt buộc: {label}: site.yaml chưa có tên tiếng Anh của trang, hiện ở đầu các trang "
        "tiếng Anh (en/). Hãy thêm, ví dụ: name_en: People's Committee of {name} {kind}",
        "Missing required item: {label_en}: site.yaml has no English name for the English pages (en/). "
        "Add e.g. name_en: People's Committee of {name} {kind}",
    ),
    "report-no-english-introduction": (
        "Thiếu mục bắt buộc: {label}: chưa có trang tiếng Anh giới thiệu cơ quan, chức năng, nhiệm vụ. "
        "Hãy viết tệp {file}, bản tiếng Anh của {original} (một trang ở thư mục pages/ có 'lang: en' "
        "và 'topic: introduction' cũng được).",
        "Missing required item: {label_en}: no English page introduces the body, its functions and "
        "duties. Write {file}, the English version of {original} (or a page in pages/ with 'lang: en' "
        "and 'topic: introduction').",
    ),
    "report-leader-no-english": (
        "Thiếu mục bắt buộc: {label}: {name} ({position}) chưa có {keys}, nên trang tiếng Anh "
        "(en/organisation/) ghi bằng tiếng Việt. Hãy thêm, ví dụ: position_en: Vice Chairman of the "
        "People's Committee; duties_en: [Economy, Finance]",
        "Missing required item: {label_en}: {name} ({position}) has no {keys}, so the English page "
        "(en/organisation/) shows the Vietnamese. Add e.g. position_en: Vice Chairman of the People's "
        "Committee; duties_en: [Economy, Finance]",
    ),
    "report-staff-no-english": (
        "Thiếu mục bắt buộc: {label}: {count} cán bộ, công chức chưa có chức vụ tiếng Anh (position_en), "
        "trang tiếng Anh ghi chức vụ tiếng Việt của họ: {names}.",
        "Missing required item: {label_en}: {count} officials have no position in English (position_en), "
        "so the English page shows it in Vietnamese: {names}.",
    ),
    # content-error
    "report-content-error": ("{message}", "{message}"),
    "report-content-warning": ("Cảnh báo: {message}", "Warning: {message}"),
    # broken-link
    "report-broken-link": (
        "Liên kết hỏng: '{target}' không dẫn tới trang nào của cổng. Hãy sửa lại đường dẫn hoặc bỏ "
        "liên kết.",
        "Broken link: '{target}' leads to no page of the portal. Correct the path or remove the link.",
    ),
    "report-broken-menu": (
        "Trình đơn: mục '{title}' trỏ tới '{target}' nhưng không có trang này. Hãy sửa 'url:' trong "
        "site.yaml hoặc viết trang đó.",
        "Menu: the entry '{title}' points to '{target}', which does not exist. Correct its 'url:' in "
        "site.yaml or write that page.",
    ),
    # image-no-alt
    "report-image-no-alt": (
        "Ảnh '{image}' không có lời mô tả (alt) cho người khiếm thị. Hãy viết mô tả trong ngoặc vuông, "
        "ví dụ: ![Quang cảnh hội nghị]({image})",
        "The picture '{image}' has no alternative text. Write it in the brackets, e.g. "
        "![The meeting hall]({image})",
    ),
    "report-lead-image-no-caption": (
        "Ảnh đại diện '{image}' chưa có chú thích: hãy thêm dòng 'image_caption: ...' (chú thích cũng "
        "là lời mô tả ảnh cho người khiếm thị).",
        "The lead picture '{image}' has no caption: add 'image_caption: ...' (the caption is also its "
        "alternative text).",
    ),
    # image-too-heavy
    "report-image-too-heavy": (
        "Ảnh '{image}' nặng {size} (tối đa {limit}): người dân dùng điện thoại sẽ chờ lâu. Hãy thu nhỏ "
        "ảnh (ví dụ rộng 1200 điểm ảnh, JPEG chất lượng 80%) rồi chép lại.",
        "The picture '{image}' weighs {size} (at most {limit}). Scale it down (e.g. 1200 pixels wide, "
        "JPEG quality 80%) and copy it again.",
    ),
}
