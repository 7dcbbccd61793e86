"""The NukeViet reader's words (sitegen/importing/nukeviet.py): why a database
cannot be imported at all (SourceError: nothing is written), why an item of
it was left out (LeftOut), and what an imported file needs an editor to look
at (an Item's notes). Placeholders are filled from the named values. A
database address is never shown with its password."""

from __future__ import annotations

NUKEVIET: dict[str, tuple[str, str]] = {
    # The database cannot be read at all: nothing is written
    "import-nv-bad-url": ("'{url}' không phải địa chỉ cơ sở dữ liệu. Hãy viết dạng "
                          "mysql://người-dùng:mật-khẩu@máy-chủ:cổng/tên-cơ-sở-dữ-liệu, ví dụ "
                          "mysql://nukeviet:matkhau@127.0.0.1:3306/nukeviet.",
                          "'{url}' is not a database address. Write mysql://user:password@host:port/database, "
                          "e.g. mysql://nukeviet:secret@127.0.0.1:3306/nukeviet."),
    "import-nv-no-server": ("Không kết nối được máy chủ cơ sở dữ liệu {host}:{port} ({reason}). Máy chủ MySQL/"
                            "MariaDB có đang chạy và nhận kết nối ở địa chỉ đó không?",
                            "Cannot reach the database server at {host}:{port} ({reason}). Is MySQL/MariaDB "
                            "running and listening there?"),
    "import-nv-refused": ("Máy chủ {host}:{port} từ chối tài khoản '{user}' ({reason}). Hãy kiểm tra tên người "
                          "dùng và mật khẩu (trong config.php của NukeViet: $db_config['dbuname'], "
                          "$db_config['dbpass']) và quyền đọc cơ sở dữ liệu '{database}'.",
                          "The server {host}:{port} refused the account '{user}' ({reason}). Check the user name "
                          "and password (NukeViet's config.php: $db_config['dbuname'], $db_config['dbpass']) and "
                          "the right to read the database '{database}'."),
    "import-nv-no-database": ("Máy chủ {host}:{port} không có cơ sở dữ liệu '{database}' (tên cơ sở dữ liệu ở "
                              "cuối địa chỉ; trong config.php của NukeViet: $db_config['dbname']).",
                              "The server {host}:{port} has no database '{database}' (its name ends the address; "
                              "NukeViet's config.php: $db_config['dbname'])."),
    "import-nv-not-nukeviet": ("Cơ sở dữ liệu '{database}' không phải của NukeViet 4: không có bảng '{table}', "
                               "cũng không có bảng '..._<ngôn ngữ>_modules' nào.",
                               "The database '{database}' is not a NukeViet 4 one: there is no table '{table}', "
                               "nor any '..._<language>_modules' table."),
    "import-nv-wrong-prefix": ("Cơ sở dữ liệu '{database}' không có bảng '{table}': tiền tố '{prefix}' không "
                               "đúng. Tiền tố có trong cơ sở dữ liệu: {prefixes} (dùng --prefix; trong "
                               "config.php của NukeViet: $db_config['prefix']).",
                               "The database '{database}' has no table '{table}': the prefix '{prefix}' is wrong. "
                               "Prefixes in the database: {prefixes} (use --prefix; NukeViet's config.php: "
                               "$db_config['prefix'])."),
    "import-nv-wrong-lang": ("Cơ sở dữ liệu '{database}' không có bảng '{table}': NukeViet ở đây không có dữ "
                             "liệu ngôn ngữ '{language}'. Ngôn ngữ có: {langs} (dùng --lang).",
                             "The database '{database}' has no table '{table}': this NukeViet has no data in the "
                             "language '{language}'. Languages there: {langs} (use --lang)."),
    "import-nv-no-module-table": ("Thiếu bảng '{table}' của mô-đun '{module}' ({file}) trong cơ sở dữ liệu "
                                  "'{database}': bản sao cơ sở dữ liệu chưa đủ? Hãy sao lưu lại toàn bộ; không có "
                                  "gì được ghi.",
                                  "The table '{table}' of the module '{module}' ({file}) is missing from the "
                                  "database '{database}': an incomplete copy? Dump it again, whole; nothing was "
                                  "written."),
    "import-nv-read-failed": ("Không đọc được bảng '{table}' ({reason}); không có gì được ghi.",
                              "Cannot read the table '{table}' ({reason}); nothing was written."),
    # Items left out
    "import-nv-private": ("không nhập: trên trang cũ chỉ nhóm thành viên ({groups}) mới xem được; cổng là "
                          "công khai, nếu cần công bố hãy viết lại trên cổng",
                          "left out: only members ({groups}) could read it on the old site; the portal is "
                          "public: to publish it, write it anew there"),
    "import-nv-expired": ("không nhập: bài đã hết hạn ngày {expired} và trang cũ đặt 'xóa khi hết hạn' (không "
                          "lưu trữ)",
                          "left out: it expired on {expired}, and the old site was set to delete it then (not "
                          "to archive it)"),
    "import-nv-no-title": ("không nhập: không có tiêu đề (hoặc họ tên) và không có nội dung",
                           "left out: no title (or name) and no text"),
    "import-nv-rejected": ("không nhập: bài bị từ chối duyệt hoặc từ chối đăng trên trang cũ (trạng thái "
                           "{status} của NukeViet)",
                           "left out: the old site's reviewer refused it (NukeViet's status {status})"),
    "import-nv-no-position": ("không nhập: trang cũ không ghi chức vụ của người này; cổng cần chức vụ "
                              "('position:'). Nếu cần, hãy tạo tệp trong staff/ và ghi chức vụ",
                              "left out: the old site gives this person no position, which the portal needs "
                              "('position:'). If wanted, write a file in staff/ with it"),
    "import-nv-module-off": ("không nhập: mô-đun '{module}' ({file}) đã bị tắt trên trang cũ, người đọc không "
                             "xem được",
                             "left out: the module '{module}' ({file}) was switched off on the old site, no "
                             "reader saw it"),
    "import-nv-module-other": ("không nhập: mô-đun '{module}' ({file}) chưa được nhập tự động; hãy chép nội "
                               "dung cần giữ vào trang cố định (pages/) hoặc mục hỏi đáp (questions/)",
                               "left out: the module '{module}' ({file}) is not imported; copy what must stay "
                               "into fixed pages (pages/) or questions (questions/)"),
    # Notes on an imported item
    "import-nv-made-title": ("Bài không có tiêu đề trên trang cũ; tiêu đề tạm lấy từ nội dung: \"{title}\". Hãy "
                             "sửa lại.",
                             "No title on the old site; one was made from the text: \"{title}\". Correct it."),
    "import-nv-suspended": ("Mục này bị ngưng hiệu lực (đình chỉ) trên trang cũ, người đọc không xem được: đã "
                            "nhập với 'draft: true'. Nếu vẫn cần đăng, hãy xóa dòng 'draft: true'.",
                            "It was suspended on the old site, hidden from readers: imported with "
                            "'draft: true'. To publish it still, remove the line 'draft: true'."),
    "import-nv-unpublished": ("Bài chưa được đăng trên trang cũ (lưu nháp, chờ duyệt hoặc chờ đăng: trạng thái "
                              "{status} của NukeViet): đã nhập với 'draft: true'. Khi đã xem lại, hãy xóa dòng "
                              "'draft: true' để đăng.",
                              "It was not published on the old site (a draft, or waiting for review or "
                              "publication: NukeViet's status {status}): imported with 'draft: true'. Once "
                              "checked, remove the line 'draft: true' to publish it."),
    "import-nv-expired-kept": ("Bài đã hết hạn ngày {expired} và trang cũ chuyển vào lưu trữ, không còn hiển thị: "
                               "đã nhập với 'draft: true'. Nếu vẫn cần đăng, hãy xóa dòng 'draft: true'.",
                               "It expired on {expired} and the old site archived it, no longer shown: imported "
                               "with 'draft: true'. To publish it still, remove the line 'draft: true'."),
    "import-nv-type": ("Loại văn bản '{type}' của trang cũ không có trong danh sách của cổng: đã ghi '{chosen}'. "
                       "Hãy chọn loại đúng (Nghị quyết, Quyết định, Chỉ thị, Kế hoạch, Thông báo, Công văn ...).",
                       "The old site's document type '{type}' is not in the portal's list: '{chosen}' was "
                       "written. Choose the right one (Nghị quyết, Quyết định, Chỉ thị, Kế hoạch, Thông báo, "
                       "Công văn ...)."),
    "import-nv-no-number": ("Văn bản không có số, ký hiệu trên trang cũ: đã ghi tạm '{number}'. Hãy sửa thành số "
                            "thật.",
                            "The document had no number on the old site: '{number}' was written for now. "
                            "Write the real one."),
    "import-nv-number-repeated": ("Số, ký hiệu '{number}' đã dùng cho văn bản khác ({other}); số mỗi văn bản phải "
                                  "khác nhau nên đã ghi '{written}'. Hãy kiểm tra số đúng của văn bản.",
                                  "The number '{number}' is another document's too ({other}); numbers must differ, "
                                  "so '{written}' was written. Check this document's real number."),
    "import-nv-no-issued": ("Trang cũ không ghi ngày ban hành: đã ghi ngày đăng lên trang cũ ({issued}). Hãy sửa "
                            "thành ngày ban hành đúng.",
                            "The old site gives no date of issue: the day it was posted ({issued}) was written. "
                            "Write the real date of issue."),
    "import-nv-no-deadline": ("Dự thảo lấy ý kiến không có hạn góp ý trên trang cũ (không giới hạn): đã nhập với "
                              "'draft: true', chưa đăng. Nếu còn lấy ý kiến, hãy thêm 'consultation:' với 'until:' "
                              "(hạn góp ý); nếu đã ban hành, hãy ghi số, loại và ngày ban hành đúng; rồi xóa dòng "
                              "'draft: true'.",
                              "A draft for comment with no deadline on the old site (unlimited): imported with "
                              "'draft: true', unpublished. If comments are still taken, add 'consultation:' with "
                              "'until:' (the deadline); if it was issued, write its real number, type and date of "
                              "issue; then remove the line 'draft: true'."),
    "import-nv-files-private": ("Tệp đính kèm chỉ nhóm thành viên ({groups}) mới tải được trên trang cũ: không "
                                "nhập tệp. Nếu được công khai, hãy thêm vào 'files:'.",
                                "Only members ({groups}) could download the attachments on the old site: not "
                                "brought in. If they may be public, add them to 'files:'."),
    "import-nv-external-link": ("Trên trang cũ bài này chỉ chuyển tới {url}: nội dung là đường dẫn tới đó. Hãy xem "
                                "lại.",
                                "On the old site this only sent readers on to {url}: the text is a link to it. "
                                "Check it."),
    "import-nv-remote-picture": ("Ảnh {url} nằm ở trang khác, không phải ảnh của trang cũ: không nhập. Nếu được "
                                 "phép dùng, hãy tải về, chép vào images/ rồi ghi vào tệp.",
                                 "The picture {url} is another site's, not the old site's own: not brought in. If "
                                 "it may be used, download it into images/ and name it in the file."),
    "import-nv-bad-email": ("Thư điện tử '{email}' của trang cũ không đúng dạng: không nhập. Hãy ghi lại đúng.",
                            "The old site's email '{email}' is not an address: left out. Write it correctly."),
    "import-nv-too-long": ("'{key}' dài {length} ký tự, quá {limit} ký tự cho phép: đã cắt bớt. Hãy xem lại.",
                           "'{key}' was {length} characters long, over the {limit} allowed: cut. Check it."),
    "import-nv-too-many": ("Có {count} mục '{key}', cổng nhận tối đa {kept}: đã giữ {kept} mục đầu. Hãy chọn lại.",
                           "{count} '{key}' given, the portal takes {kept}: the first {kept} kept. Choose again."),
    "import-nv-leader": ("Chức vụ '{position}' là lãnh đạo: đã ghi 'leader: true'. Quy định yêu cầu lãnh đạo có "
                         "lý lịch (nội dung tệp) và phân công nhiệm vụ ('duties:'): hãy bổ sung.",
                         "The position '{position}' is a leader's: 'leader: true' was written. The rules ask a "
                         "leader's biography (the file's text) and duties ('duties:'): add them."),
    # Words written into an imported file, in the data's language (--lang)
    "import-nv-attachments": ("Tệp đính kèm:", "Attachments:"),
    "import-nv-source": ("Nguồn: {source}", "Source: {source}"),
    "import-nv-born": ("Ngày sinh: {value}", "Born: {value}"),
    "import-nv-birthplace": ("Nơi sinh: {value}", "Place of birth: {value}"),
    "import-nv-professional": ("Trình độ chuyên môn: {value}", "Qualifications: {value}"),
    "import-nv-political": ("Lý luận chính trị: {value}", "Political theory: {value}"),
    "import-nv-party": ("Ngày vào Đảng: {value}", "Joined the Party: {value}"),
    "import-nv-other-positions": ("Chức vụ khác: {value}", "Other positions: {value}"),
}
