"""The import's words (sitegen/importing): the summary an editor works through,
and what the command says. The readers' own codes (why an item was left out,
what needs a look) are in messages/importing.py and messages/nukeviet_codes.py."""

from __future__ import annotations

IMPORTS: dict[str, tuple[str, str]] = {
    "import-no-site": ("--site {site}: không có trang này trong {sites} (các trang: {known}).",
                       "--site {site}: no such site in {sites} (the sites: {known})."),
    "import-uploads-not-folder": ("--uploads {path}: không phải thư mục.", "--uploads {path}: not a folder."),
    "import-done": ("Đã nhập từ {source} vào {site}: {added} tệp mới, {updated} cập nhật, {unchanged} không đổi, "
                    "{left} bỏ qua, {look} cần xem lại. Báo cáo: {summary}",
                    "Imported from {source} into {site}: {added} new files, {updated} updated, {unchanged} "
                    "unchanged, {left} left out, {look} to look at. Summary: {summary}"),
    "import-xlsx-unreadable": ("{path}: không đọc được bảng tính (.xlsx): {reason}",
                               "{path}: cannot read the spreadsheet (.xlsx): {reason}"),
    "import-xlsx-no-header": ("{path}: không thấy dòng tiêu đề có 'Mã số' (hoặc 'Mã thủ tục') và 'Tên' trong {rows} "
                              "dòng đầu của trang tính đầu tiên: đây có phải danh sách thủ tục xuất từ Cổng dịch vụ "
                              "công quốc gia?",
                              "{path}: no header row with 'Mã số' (or 'Mã thủ tục') and 'Tên' in the first {rows} "
                              "rows of the first sheet: is this the procedure list exported from the national "
                              "public-service portal?"),
    "import-xlsx-bad-row": ("dòng {row}: mã '{number}' không phải mã thủ tục (dạng 1.001193) hoặc thiếu tên",
                            "row {row}: '{number}' is not a procedure code (like 1.001193) or the name is missing"),
    "import-xlsx-twice": ("dòng {row}: mã {number} đã có ở dòng trước", "row {row}: the code {number} came "
                          "earlier"),
    "import-empty-body": ("bài không có nội dung", "the item has no body"),
    # The summary (in Vietnamese: it is the editor's list of what to do)
    "import-summary-title": ("Báo cáo nhập nội dung từ {source} vào trang {site}", "Import from {source} into {site}"),
    "import-summary-when": ("Lần nhập lúc {when}. Nhập lại cùng tệp xuất không thêm và không đổi gì; tệp bạn đã sửa "
                            "sau khi nhập không bao giờ bị ghi đè.",
                            "Imported at {when}. Importing the same export again adds and changes nothing; a file "
                            "you edited after the import is never overwritten."),
    "import-summary-added": ("Đã nhập", "Brought in"),
    "import-summary-updated": ("Cập nhật từ bản xuất mới hơn", "Updated from a newer export"),
    "import-summary-kept": ("Bạn đã sửa sau lần nhập trước: giữ nguyên, không ghi đè (hãy tự so với bản cũ nếu cần)",
                            "Edited since the last import: kept as you left them"),
    "import-summary-removed": ("Bạn đã xóa sau lần nhập trước: không nhập lại", "Removed since the last import: "
                               "not brought back"),
    "import-summary-left-out": ("Không nhập (và vì sao)", "Left out (and why)"),
    "import-summary-missing": ("Ảnh, tệp đính kèm không tìm thấy (hãy chép vào images/ hoặc files/ rồi sửa bài)",
                               "Pictures and attachments not found (copy them into images/ or files/ and edit the "
                               "item)"),
    "import-summary-refused": ("Tệp không được đăng (loại tệp không cho phép hoặc nội dung không đúng loại)",
                               "Files that cannot be published (a type not allowed, or content not of its type)"),
    "import-summary-elsewhere": ("Ảnh, tệp vẫn nằm trên trang khác (bài vẫn trỏ tới đó: khi trang ấy đóng, chúng mất; "
                                 "hãy tải về, chép vào images/ hoặc files/ rồi sửa bài)",
                                 "Pictures and files still on another site (the text still points there: when that "
                                 "site closes they are gone; download them into images/ or files/ and edit the text)"),
    "import-summary-already": ("Trang đã có văn bản cùng số hiệu, thủ tục cùng mã (giữ tệp của trang, không nhập bản "
                               "của trang cũ; hãy so hai bản nếu cần)",
                               "The site already has a document of this number or a procedure of this code (its own "
                               "file kept, the old site's not brought in; compare them if need be)"),
    "import-summary-new-categories": ("Chuyên mục của trang cũ mà trang này chưa dùng (giữ nếu đúng là chuyên mục của "
                                      "trang; nếu không, sửa các bài sang chuyên mục sẵn có)",
                                      "The old site's categories this site does not use yet (keep those that are the "
                                      "site's own; else move their articles to an existing one)"),
    "import-summary-category": ("{name}: {count} bài", "{name}: {count} article(s)"),
    "import-summary-category-like": ("{name}: {count} bài (có phải chuyên mục \"{like}\" của trang?)",
                                     "{name}: {count} article(s) (the site's \"{like}\"?)"),
    "import-summary-look": ("Cần xem lại", "To look at"),
    "import-summary-next": ("Tiếp theo: chạy `python build.py check` để xem từng tệp còn thiếu gì (thủ tục thiếu "
                            "thời hạn, lệ phí ...), sửa, rồi dựng lại trang.",
                            "Next: run `python build.py check` to see what each file still lacks, fix it, and "
                            "build again."),
    "import-summary-nothing": ("Không có.", "None."),
}
