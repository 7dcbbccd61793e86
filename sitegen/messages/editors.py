"""What the build, `check` and the preview say to editors, in Vietnamese
(the default) and English. Every code here has its entry in the editors'
guide (docs/huong-dan-bien-tap.md): a test checks it."""

from __future__ import annotations

from .editors_sites import SITES

# How a problem's weight is said before its message ('path:line: lỗi: ...').
SEVERITIES: dict[str, tuple[str, str]] = {
    "error": ("lỗi", "error"), "warning": ("cảnh báo", "warning"), "info": ("thông tin", "info"),
}

# code: (Vietnamese, English). Placeholders are filled from Problem.params.
MESSAGES: dict[str, tuple[str, str]] = {
    # Reading files
    "not-utf8": (
        "Tệp không phải mã UTF-8 (byte lạ ở dòng này). Hãy mở tệp và lưu lại với bảng mã UTF-8.",
        "The file is not UTF-8 (a stray byte on this line). Save it again as UTF-8.",
    ),
    "unreadable": (
        "Không đọc được tệp: {detail}.",
        "Cannot read the file: {detail}.",
    ),
    "too-large": (
        "Tệp quá lớn ({size} byte, tối đa {limit}). Hãy tách thành nhiều tệp nhỏ hơn.",
        "The file is too large ({size} bytes, at most {limit}). Split it into smaller files.",
    ),
    "no-front-matter": (
        "Thiếu phần khai báo ở đầu tệp. Tệp phải bắt đầu bằng một dòng '---', tiếp theo là các "
        "dòng 'khóa: giá trị' (ví dụ 'title: Tiêu đề bài viết') và kết thúc bằng một dòng '---'.",
        "The file has no front matter. Start it with a line '---', then 'key: value' lines "
        "(e.g. 'title: Article title'), then a closing line '---'.",
    ),
    "front-matter-unclosed": (
        "Phần khai báo mở bằng '---' ở dòng 1 nhưng không có dòng '---' đóng lại. "
        "Hãy thêm một dòng chỉ có '---' sau khóa cuối cùng.",
        "The front matter opened with '---' on line 1 is never closed. "
        "Add a line with just '---' after the last key.",
    ),
    "yaml-syntax": (
        "Sai cú pháp khai báo: {detail}",
        "Front matter syntax error: {detail}",
    ),
    "scaffold-placeholder": (
        "Dòng này vẫn là chữ mẫu của lệnh 'new' ('{text}'), và sẽ hiện cho người dân như thế. Hãy thay "
        "bằng nội dung thật, hoặc xóa dòng đi.",
        "This line is still the sample text 'new' wrote ('{text}'), and citizens will read it as it is. "
        "Write the real text over it, or delete the line.",
    ),
    "date-from-file-name": (
        "Vì 'date' không dùng được, bài vẫn được đăng với ngày {date} lấy từ tên tệp. Hãy sửa 'date' "
        "(hoặc xóa dòng đó nếu ngày trong tên tệp là đúng).",
        "As 'date' cannot be used, the article is published with the date {date} from its file name. Fix "
        "'date' (or delete that line if the file name's date is right).",
    ),
    "indented-line": (
        "Dòng '{key}:' bị thụt vào (có dấu cách hoặc Tab ở đầu dòng), nên chương trình hiểu nó là phần "
        "tiếp theo của dòng trên. Hãy xóa các dấu cách trước '{key}:' để dòng bắt đầu sát lề trái.",
        "The line '{key}:' is indented (spaces or a Tab before it), so it reads as the line above going "
        "on. Delete the spaces before '{key}:' so the line starts at the left margin.",
    ),
    "yaml-not-mapping": (
        "Phần khai báo phải là các dòng 'khóa: giá trị' (ví dụ 'title: Tiêu đề').",
        "The front matter must be 'key: value' lines (e.g. 'title: A title').",
    ),
    "yaml-alias": (
        "Không dùng neo và bí danh YAML ('&' và '*') trong nội dung. Hãy viết giá trị đầy đủ.",
        "YAML anchors and aliases ('&' and '*') are not allowed. Write the value out in full.",
    ),
    "yaml-too-deep": (
        "Khai báo lồng nhau quá sâu (quá {limit} cấp).",
        "The front matter is nested too deeply (over {limit} levels).",
    ),
    "yaml-too-big": (
        "Khai báo có quá nhiều phần tử (quá {limit}).",
        "The front matter has too many items (over {limit}).",
    ),
    "duplicate-key": (
        "Khóa '{key}' được khai báo hai lần (lần trước ở dòng {first_line}). Hãy xóa một dòng.",
        "The key '{key}' is given twice (first on line {first_line}). Remove one.",
    ),
    # Fields
    "unknown-key": (
        "Khóa '{key}' không dùng cho {kind}.{hint}",
        "The key '{key}' is not used for {kind}.{hint}",
    ),
    "missing-field": (
        "Thiếu '{key}' ({help}). Hãy thêm một dòng, ví dụ: {key}: {example}",
        "'{key}' is missing ({help}). Add a line such as: {key}: {example}",
    ),
    "procedure-missing": (
        "Thủ tục chưa có '{key}' ({help}), nên trang của thủ tục thiếu thông tin người dân cần và quy định "
        "bắt buộc. Hãy thêm một dòng, ví dụ: {key}: {example}",
        "The procedure has no '{key}' ({help}), so its page lacks what citizens need and the rules "
        "require. Add a line such as: {key}: {example}",
    ),
    "procedure-missing-section": (
        "Phần nội dung của thủ tục chưa có mục '## {heading}'. Hãy thêm mục này (một dòng '## {heading}' "
        "rồi nội dung) sau dòng '---' thứ hai.",
        "The procedure's body has no '## {heading}' section. Add it (a line '## {heading}' and its text) "
        "after the second '---' line.",
    ),
    "expected-text": (
        "'{key}' phải là một dòng chữ, ví dụ: {key}: {example}",
        "'{key}' must be a line of text, e.g. {key}: {example}",
    ),
    "text-too-long": (
        "'{key}' quá dài ({length} ký tự, tối đa {limit}).",
        "'{key}' is too long ({length} characters, at most {limit}).",
    ),
    "expected-integer": (
        "'{key}' phải là một số nguyên, ví dụ: {key}: {example} (đang là '{value}').",
        "'{key}' must be a whole number, e.g. {key}: {example} (found '{value}').",
    ),
    "expected-boolean": (
        "'{key}' chỉ nhận 'true' (có) hoặc 'false' (không), đang là '{value}'.",
        "'{key}' takes 'true' or 'false', found '{value}'.",
    ),
    "expected-list": (
        "'{key}' phải là một danh sách, ví dụ: {key}: {example}",
        "'{key}' must be a list, e.g. {key}: {example}",
    ),
    "too-many-items": (
        "'{key}' có quá nhiều mục ({count}, tối đa {limit}).",
        "'{key}' has too many items ({count}, at most {limit}).",
    ),
    "expected-mapping": (
        "'{key}' phải gồm các dòng con 'khóa: giá trị', ví dụ: {example}",
        "'{key}' must hold 'key: value' lines, e.g. {example}",
    ),
    "bad-date": (
        "'{key}' không phải ngày giờ hợp lệ: '{value}'. Hãy viết theo dạng ngày/tháng/năm giờ:phút, "
        "ví dụ: {key}: 27/06/2019 17:00 (hoặc 2019-06-27 17:00).",
        "'{key}' is not a valid date: '{value}'. Write day/month/year hour:minute, "
        "e.g. {key}: 27/06/2019 17:00 (or 2019-06-27 17:00).",
    ),
    "impossible-date": (
        "'{key}': ngày '{value}' không có thật ({detail}). Hãy kiểm tra lại ngày, tháng.",
        "'{key}': the date '{value}' does not exist ({detail}). Check the day and month.",
    ),
    "bad-choice": (
        "'{key}' không nhận giá trị '{value}'. Hãy chọn một trong: {choices}.{hint}",
        "'{key}' cannot be '{value}'. Choose one of: {choices}.{hint}",
    ),
    "bad-lang": (
        "'{key}' không nhận giá trị '{value}': trang chỉ viết được bằng tiếng Việt (vi) hoặc tiếng Anh (en)."
        "{hint} Cho đến khi sửa, trang được đăng theo tên tệp: tệp tên đuôi .en.md là trang tiếng Anh, tệp "
        "khác là trang tiếng Việt.",
        "'{key}' cannot be '{value}': a page is written in Vietnamese (vi) or English (en).{hint} Until it "
        "is fixed the page is published by its file name: a file named .en.md is in English, any other in "
        "Vietnamese.",
    ),
    "bad-path": (
        "'{key}': đường dẫn '{value}' không hợp lệ. Hãy viết đường dẫn tương đối trong thư mục "
        "của trang, ví dụ: {example}",
        "'{key}': the path '{value}' is not allowed. Write a path inside this site's folder, "
        "e.g. {example}",
    ),
    "missing-file": (
        "'{key}': không tìm thấy tệp '{value}' trong thư mục của trang. Hãy chép tệp vào "
        "'{folder}/' hoặc sửa lại tên tệp.{hint}",
        "'{key}': the file '{value}' is not in this site's folder. Copy it into '{folder}/' "
        "or correct the name.{hint}",
    ),
    "bad-url": (
        "'{key}': địa chỉ '{value}' không hợp lệ. Hãy viết địa chỉ bắt đầu bằng https:// "
        "hoặc đường dẫn trong trang bắt đầu bằng '/', ví dụ: {example}",
        "'{key}': the address '{value}' is not allowed. Write an address starting with "
        "https:// or a path on this site starting with '/', e.g. {example}",
    ),
    "bad-web-url": (
        "'{key}': '{value}' không phải địa chỉ một trang web. Hãy chép nguyên địa chỉ từ thanh địa chỉ của "
        "trình duyệt, bắt đầu bằng https://, ví dụ: {example}. Địa chỉ này không được dùng cho đến khi sửa.",
        "'{key}': '{value}' is not the address of a web page. Copy the whole address from the browser's "
        "address bar, starting with https://, e.g. {example}. The address is not used until it is fixed.",
    ),
    "bad-base-url": (
        "'{key}': '{value}' không phải địa chỉ trang hợp lệ. Hãy viết http:// hoặc https://, rồi tên miền "
        "chỉ gồm chữ không dấu, chữ số, dấu gạch ngang '-' và dấu chấm (tên miền tiếng Việt được đổi sang "
        "dạng xn--), rồi đường dẫn nếu có, chỉ gồm chữ, số và '-', '.', '_', '~'; không dấu cách, '?', '#', "
        "'$', '*', ';', ngoặc kép. Ví dụ: {example}. Cho đến khi sửa, trang được đăng như khi không có "
        "base_url (dưới địa chỉ của cổng gốc).",
        "'{key}': '{value}' is not a usable site address. Write http:// or https://, a host name of "
        "letters, digits, '-' and dots (a Vietnamese domain becomes its xn-- form), then a path if any, "
        "of letters, digits and '-', '.', '_', '~'; no space, '?', '#', '$', '*', ';' or quote. E.g. "
        "{example}. Until it is fixed the site is published as if it had no base_url (under the root "
        "portal's address).",
    ),
    "bad-address": (
        "'{key}': tên miền trong '{value}' không hợp lệ: chỉ gồm chữ không dấu, chữ số, dấu gạch ngang '-' "
        "và dấu chấm (tên miền tiếng Việt được đổi sang dạng xn--). Ví dụ: {example}. Địa chỉ này không "
        "được dùng cho đến khi sửa.",
        "'{key}': the host in '{value}' is not a host name: letters, digits, '-' and dots only (a "
        "Vietnamese domain becomes its xn-- form). E.g. {example}. The address is not used until it "
        "is fixed.",
    ),
    "bad-email": (
        "'{key}': '{value}' không giống địa chỉ thư điện tử (ví dụ: {example}).",
        "'{key}': '{value}' does not look like an e-mail address (e.g. {example}).",
    ),
    "bad-slug": (
        "'{key}': '{value}' chỉ được gồm chữ thường không dấu, chữ số và dấu '-'; "
        "sẽ dùng '{suggestion}'.",
        "'{key}': '{value}' may hold only lowercase ASCII letters, digits and '-'; "
        "'{suggestion}' is used.",
    ),
    "bad-procedure-code": (
        "'{key}': mã thủ tục '{value}' không đúng dạng của Cơ sở dữ liệu quốc gia, "
        "ví dụ: code: 1.001193",
        "'{key}': the procedure code '{value}' is not in the national database's form, "
        "e.g. code: 1.001193",
    ),
    "end-before-start": (
        "'end' ({end}) sớm hơn 'start' ({start}). Hãy kiểm tra lại giờ kết thúc.",
        "'end' ({end}) is before 'start' ({start}). Check the end time.",
    ),
    # Items
    "draft": (
        "Bản nháp (draft: true): chưa xuất bản.",
        "Draft (draft: true): not published.",
    ),
    "scheduled": (
        "Hẹn giờ đăng: sẽ xuất bản từ {date}.",
        "Scheduled: published from {date} on.",
    ),
    "duplicate-slug": (
        "Đường dẫn '{slug}' đã được dùng bởi '{other}'; bài này được đặt đường dẫn '{new_slug}'. "
        "Hãy thêm 'slug:' khác cho một trong hai bài.",
        "The URL name '{slug}' is already used by '{other}'; this item gets '{new_slug}'. "
        "Give one of them a different 'slug:'.",
    ),
    "duplicate-code": (
        "Mã thủ tục '{code}' đã có ở '{other}'. Mỗi thủ tục chỉ viết một lần trong một trang.",
        "The procedure code '{code}' is already used by '{other}'. Write each procedure once per site.",
    ),
    "attachment-unreadable": (
        "Không đọc được chữ trong tệp '{file}' ({detail}): tệp vẫn được đăng, nhưng nội dung của nó không "
        "tìm kiếm được. Hãy mở tệp và lưu lại (ví dụ in ra PDF).",
        "The text of '{file}' cannot be read ({detail}): the file is published, but what it says cannot be "
        "searched. Open it and save it again (e.g. print it to PDF).",
    ),
    "attachment-no-text": (
        "Tệp '{file}' là bản quét, không có lớp chữ: người dân không tìm được nội dung của nó. Nên đăng kèm "
        "bản PDF xuất từ Word, hoặc nhận dạng chữ (OCR) cho bản quét.",
        "'{file}' is a scan without a text layer: its content cannot be searched. Publish the PDF exported "
        "from Word as well, or run text recognition (OCR) on the scan.",
    ),
    "question-waiting": (
        "Câu hỏi chưa có trả lời (thiếu 'answered:' hoặc nội dung trả lời): chưa được đăng.",
        "The question has no answer yet (no 'answered:' or no answer text): not published.",
    ),
    "contact-masked": (
        "'{key}' có số điện thoại hoặc thư điện tử của người hỏi: đã được ẩn (***) khi đăng. Không ghi thông "
        "tin liên hệ của người dân trong câu hỏi; hãy xóa nó khỏi tệp.",
        "'{key}' holds the asker's phone number or e-mail address: it is masked (***) in what is published. "
        "Never publish citizens' contact details; remove it from the file.",
    ),
    "duplicate-number": (
        "Số, ký hiệu '{code}' đã có ở '{other}'. Mỗi văn bản chỉ viết một lần trong một trang; nếu là văn "
        "bản khác, hãy kiểm tra lại số.",
        "The number '{code}' is already used by '{other}'. Write each document once per site; if this is "
        "another document, check its number.",
    ),
    "reserved-slug": (
        "Đường dẫn '{slug}' trùng với mục có sẵn của cổng; trang này được đặt '{new_slug}'.",
        "The URL name '{slug}' is taken by a built-in section; this page gets '{new_slug}'.",
    ),
    "empty-body": (
        "Nội dung bài để trống. Hãy viết nội dung sau dòng '---' thứ hai.",
        "The body is empty. Write the text after the second '---' line.",
    ),
    "body-too-complex": (
        "Nội dung quá phức tạp để định dạng ({detail}) nên được đăng như văn bản thường, không có "
        "định dạng, liên kết hay ảnh. Hãy sửa đoạn bắt đầu ở dòng này.",
        "The body is too complex to format ({detail}), so it is published as plain text, without "
        "formatting, links or pictures. Fix the passage starting on this line.",
    ),
    "missing-image": (
        "Không tìm thấy ảnh '{value}' trong thư mục của trang; ảnh này bị bỏ qua. "
        "Hãy chép ảnh vào thư mục 'images/' hoặc sửa lại tên.",
        "The picture '{value}' is not in this site's folder and is left out. "
        "Copy it into 'images/' or correct the name.",
    ),
    "missing-link-target": (
        "Liên kết tới '{value}' không dẫn tới tệp nào trong trang; liên kết bị bỏ. "
        "Hãy chép tệp vào thư mục 'files/' hoặc sửa lại đường dẫn.",
        "The link to '{value}' leads to no file of this site and is removed. "
        "Copy the file into 'files/' or correct the path.",
    ),
    "link-outside-site": (
        "Liên kết '{value}' trỏ ra ngoài thư mục của trang; liên kết bị bỏ.",
        "The link '{value}' points outside this site's folder and is removed.",
    ),
    "symlink-outside": (
        "'{name}' là liên kết tới một tệp nằm ngoài thư mục của trang nên bị bỏ qua.",
        "'{name}' links to a file outside this site's folder and is ignored.",
    ),
    "leader-no-biography": (
        "Lãnh đạo (leader: true) cần có lý lịch tóm tắt: hãy viết phần nội dung sau dòng '---' thứ hai.",
        "A leader (leader: true) needs a short biography: write it after the second '---' line.",
    ),
    "leader-no-duties": (
        "Lãnh đạo (leader: true) cần có 'duties' (phân công nhiệm vụ), ví dụ: "
        "duties: [Lãnh đạo chung, Phụ trách nội chính]",
        "A leader (leader: true) needs 'duties', e.g. duties: [General leadership, Internal affairs]",
    ),
    "ignored-file": (
        "Tệp '{name}' không được dùng: thư mục '{folder}/' chỉ nhận tệp {extensions}.",
        "The file '{name}' is not used: the folder '{folder}/' takes only {extensions} files.",
    ),
    "file-type-refused": (
        "Tệp '{name}' không được đăng: loại tệp {extension} có thể chạy mã trên trang của cơ quan hoặc "
        "không dùng cho cổng thông tin. Chỉ đăng được ảnh (JPEG, PNG, WebP, GIF) và tệp đính kèm: "
        "{allowed}. Hãy lưu tài liệu thành PDF (hoặc Word, Excel) rồi chép lại.",
        "The file '{name}' is not published: {extension} files could run script on the portal or are "
        "not for a portal. Only pictures (JPEG, PNG, WebP, GIF) and attachments can be published: "
        "{allowed}. Save the document as PDF (or Word, Excel) and copy it again.",
    ),
    "file-content-mismatch": (
        "Tệp '{name}' có đuôi {extension} nhưng nội dung không phải {expected}, nên không được đăng. "
        "Hãy mở tệp bằng chương trình tạo ra nó và lưu lại đúng loại, hoặc đổi đuôi tệp cho đúng "
        "nội dung.",
        "The file '{name}' is named {extension} but its content is not that type ({expected}), so it "
        "is not published. Open it in the program that made it and save it again as that type, or "
        "give it the right extension.",
    ),
    "attachment-withheld": (
        "'{key}': tệp '{value}' không đăng được: {why}. Văn bản vẫn được đăng cùng các tệp khác, và trang "
        "của nó ghi rõ tệp này chưa có. Hãy chép tệp PDF (hoặc Word, Excel) vào 'files/' rồi sửa tên tệp ở đây.",
        "'{key}': the file '{value}' cannot be published: {why}. The rest is published with its other "
        "files, and its page says this one is not there yet. Copy the PDF (or Word, Excel) into 'files/' "
        "and fix the name here.",
    ),
    "refused-file-used": (
        "'{key}': tệp '{value}' không được đăng (xem thông báo về chính tệp đó), nên không dùng được ở "
        "đây. Hãy thay bằng tệp PDF, ảnh JPEG hoặc PNG.",
        "'{key}': the file '{value}' is not published (see the message about that file), so it cannot "
        "be used here. Use a PDF, JPEG or PNG instead.",
    ),
    "event-list-empty": (
        "Tệp lịch không có sự kiện nào dưới 'events:'.",
        "The schedule file has no events under 'events:'.",
    ),
    **SITES,  # sites and the portal: editors_sites.py
    "bad-picture": (
        "Không đọc được ảnh này ({detail}): có thể tệp chưa chép xong. Ảnh được đăng nguyên như tệp "
        "gốc; hãy chép lại ảnh.",
        "This picture cannot be read ({detail}): the file may be incomplete. It is published as it "
        "is; copy it again.",
    ),
    "search-index": (
        "Không tạo được chỉ mục tìm kiếm cho trang này ({detail}); trang tìm kiếm chỉ hiện danh mục A–Z.",
        "The search index of this site could not be made ({detail}); its search page shows the A–Z list only.",
    ),
    "bad-template": (
        "Mẫu giao diện riêng '{name}' bị lỗi: {detail}. Trang dùng mẫu mặc định.",
        "The site's template '{name}' is broken: {detail}. The default template is used.",
    ),
}

HINTS: dict[str, tuple[str, str]] = {
    "did-you-mean": (" Có phải ý bạn là '{suggestion}'?", " Did you mean '{suggestion}'?"),
    "why-missing": ("không có trong thư mục files/ của trang", "it is not in the site's files/ folder"),
    "why-refused": ("loại tệp này không được đăng (xem thông báo về chính tệp đó)",
                    "its type is not published (see the message about that file)"),
    "known-keys": (" Các khóa dùng được: {keys}.", " The keys are: {keys}."),
    "comma-in-value": (
        " Có phải trong giá trị có dấu phẩy? Trong ngoặc nhọn, dấu phẩy ngăn cách các khóa: hãy đặt cả "
        "giá trị trong ngoặc kép, ví dụ {{title: \"Biểu thu, chi\", file: files/bieu.xlsx}}. Các khóa dùng "
        "được: {keys}.",
        " Is there a comma in a value? Inside braces a comma separates keys: put the whole value in double "
        "quotes, e.g. {{title: \"Income, spending\", file: files/table.xlsx}}. The keys are: {keys}.",
    ),
}
