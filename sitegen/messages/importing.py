"""The importers' words (sitegen/importing): why a source cannot be imported at
all (SourceError), why an item of it was left out (LeftOut), and what an
imported file needs an editor to look at (an Item's notes). Placeholders are
filled from the named values; a note's file is shown before it."""

from __future__ import annotations

IMPORTING: dict[str, tuple[str, str]] = {
    # Notes any importer may give an item
    "import-kept-draft": ("Bài này là bản nháp trên trang cũ (trạng thái '{status}'): đã nhập với 'draft: true', "
                          "chưa xuất bản. Khi đã xem lại, hãy xóa dòng 'draft: true' để đăng.",
                          "This was not published on the old site (status '{status}'): imported with "
                          "'draft: true', unpublished. Once checked, remove the line 'draft: true' to publish it."),
    "import-empty-body": ("Bài không có nội dung trên trang cũ: hãy viết nội dung hoặc xóa tệp.",
                          "The old site had no text for this: write it, or remove the file."),
    # A WordPress export that cannot be imported at all: nothing is written
    "import-wp-unreadable": ("Không đọc được tệp '{file}': {reason}.", "Cannot read '{file}': {reason}."),
    "import-wp-not-xml": ("Tệp '{file}' không phải tệp XML. Tệp xuất của WordPress là tệp .xml tải về từ Công "
                          "cụ › Xuất (Tools › Export) trong trang quản trị WordPress.",
                          "'{file}' is not an XML file. A WordPress export is the .xml file downloaded from "
                          "Tools › Export in the WordPress admin."),
    "import-wp-truncated": ("Tệp '{file}' bị cắt cụt ở dòng {line}, cột {column}: tệp chưa tải về hết. Hãy xuất "
                            "lại từ WordPress (Công cụ › Xuất) và tải về lại; không có gì được ghi.",
                            "'{file}' is cut short at line {line}, column {column}: it was not downloaded whole. "
                            "Export it again from WordPress (Tools › Export); nothing was written."),
    "import-wp-bad-xml": ("Tệp '{file}' sai cú pháp XML ở dòng {line}, cột {column} ({reason}). Hãy xuất lại từ "
                          "WordPress; không có gì được ghi.",
                          "'{file}' is not well-formed XML at line {line}, column {column} ({reason}). Export it "
                          "again from WordPress; nothing was written."),
    "import-wp-unsafe": ("Tệp '{file}' khai báo thực thể XML (DOCTYPE/ENTITY, {reason}), điều mà tệp xuất của "
                         "WordPress không bao giờ có: tệp bị từ chối vì có thể làm treo máy hoặc đọc tệp khác "
                         "trên máy. Hãy xuất lại từ WordPress.",
                         "'{file}' declares XML entities (DOCTYPE/ENTITY, {reason}), which a WordPress export "
                         "never does: refused, as it could hang the machine or read other files. Export it "
                         "again from WordPress."),
    "import-wp-not-wxr": ("Tệp '{file}' là XML nhưng không phải tệp xuất của WordPress (không có "
                          "<rss><channel> với <wp:wxr_version>; phần tử gốc là <{root}>).",
                          "'{file}' is XML but not a WordPress export (no <rss><channel> with "
                          "<wp:wxr_version>; its root is <{root}>)."),
    # Items of a WordPress export left out
    "import-wp-other-type": ("không nhập: loại nội dung '{type}' của WordPress (chỉ nhập bài viết và trang)",
                             "left out: WordPress content of type '{type}' (only posts and pages are imported)"),
    "import-wp-trash": ("không nhập: bài nằm trong thùng rác của WordPress",
                        "left out: in WordPress's trash"),
    "import-wp-private": ("không nhập: bài riêng tư (private) trên trang cũ, chỉ người đăng nhập mới xem được; "
                          "nếu cần công khai, hãy viết lại trên cổng",
                          "left out: private on the old site, for logged-in readers only; to make it public, "
                          "write it anew on the portal"),
    "import-wp-password": ("không nhập: bài có mật khẩu trên trang cũ; nếu cần công khai, hãy viết lại trên cổng",
                           "left out: password-protected on the old site; to make it public, write it anew on "
                           "the portal"),
    "import-wp-draft": ("không nhập: bản nháp trống (trạng thái '{status}', không có tiêu đề hoặc nội dung)",
                        "left out: an empty draft (status '{status}', no title or no text)"),
    "import-wp-status": ("không nhập: trạng thái '{status}' không rõ", "left out: unknown status '{status}'"),
    "import-wp-empty": ("không nhập: bài không có tiêu đề và không có nội dung",
                        "left out: neither a title nor any text"),
    "import-wp-no-date": ("không nhập: bài đã đăng nhưng tệp xuất không ghi ngày đăng",
                          "left out: published, but the export gives no date"),
    # Notes on an item of a WordPress export
    "import-wp-shortcode": ("Đã bỏ mã rút gọn (shortcode) [{name}] của WordPress ({count} chỗ): cổng không có nó. "
                            "Hãy xem lại bài, ví dụ thêm ảnh của bộ sưu tập ([gallery]) vào nội dung.",
                            "Dropped WordPress's shortcode [{name}] ({count} times): the portal has no such "
                            "thing. Check the text, e.g. add the pictures of a [gallery] to it."),
    "import-wp-gallery": ("Bộ sưu tập ảnh ([gallery]) của trang cũ đã thành {count} ảnh xếp liền nhau trong bài. "
                          "Hãy xem lại và bỏ bớt nếu quá nhiều.",
                          "The old site's [gallery] became {count} pictures one after another in the text. Check "
                          "them and remove some if there are too many."),
    "import-wp-no-title": ("Bài không có tiêu đề trên trang cũ; tiêu đề tạm lấy từ nội dung: \"{title}\". Hãy "
                           "sửa lại.",
                           "No title on the old site; one was made from the text: \"{title}\". Correct it."),
    "import-wp-too-long": ("'{key}' dài {length} ký tự, quá {limit} ký tự cho phép: đã cắt bớt. Hãy xem lại.",
                           "'{key}' was {length} characters long, over the {limit} allowed: cut. Check it."),
    "import-wp-too-many": ("Bài có {count} mục '{key}', cổng nhận tối đa {kept}: đã giữ {kept} mục đầu. Hãy "
                           "chọn lại.",
                           "{count} '{key}' given, the portal takes {kept}: the first {kept} kept. Choose again."),
    "import-wp-no-picture": ("Ảnh đại diện (tệp đính kèm số {id}) không có trong tệp xuất: bài được nhập không có "
                             "ảnh đại diện.",
                             "The featured picture (attachment {id}) is not in the export: imported without it."),
}
