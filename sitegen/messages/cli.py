"""The command line's help, in Vietnamese (the default) and English
(`--lang en`, or an English LANG): each command's summary and description,
each option's help, argparse's own headings."""

from __future__ import annotations

HELP: dict[str, tuple[str, str]] = {
    # argparse's own words
    "usage": ("cách dùng: ", "usage: "),
    "positionals": ("tham số", "positional arguments"),
    "options": ("tùy chọn", "options"),
    "help": ("in hướng dẫn này rồi thoát", "show this help message and exit"),
    "error": ("{prog}: lỗi: {message}\n", "{prog}: error: {message}\n"),
    "commands-title": ("lệnh", "commands"),
    "command-metavar": ("LỆNH", "COMMAND"),
    "description": (
        "sitegen dựng cổng thông tin điện tử của chính quyền địa phương (tỉnh, hoặc huyện cũ) cùng mọi\n"
        "trang thông tin của xã, phường, đặc khu trực thuộc, từ các tệp Markdown, trong một lần chạy.\n\n"
        "Chạy 'python build.py LỆNH --help' để xem các tùy chọn của một lệnh; thêm --lang en để xem\n"
        "bằng tiếng Anh.",
        "sitegen builds a local-government information portal (a province, or a former district)\n"
        "and all of its commune, ward and special-zone sub-sites from Markdown, in one run.\n\n"
        "Run 'python build.py COMMAND --help' for a command's options.",
    ),
    # Commands: a line in the list, then the command's own description
    "build": ("dựng mọi trang vào thư mục đầu ra (lệnh mặc định)",
              "build every site into the output folder (the default)"),
    "build-description": (
        "Dựng cổng gốc vào OUT/ và mỗi trang khác vào OUT/<thư-mục>/. Bản mới thay bản cũ trong một bước ở "
        "cuối, nên một lần dựng lỗi hay bị ngắt giữa chừng không làm hỏng bản đã xuất bản.",
        "Build the root portal into OUT/ and every other site into OUT/<slug>/. The new output replaces the "
        "old one in a single step at the end, so a failed or interrupted build leaves the published portal "
        "as it was."),
    "check": ("kiểm tra mọi tệp, không ghi gì", "check every file without writing anything"),
    "check-description": (
        "Kiểm tra mọi tệp của cổng và in từng lỗi dạng đường-dẫn:dòng:cột: lỗi|cảnh báo: nội dung. Không ghi gì.",
        "Check every file of the portal and print each mistake as path:line:column: lỗi|cảnh báo: message. "
        "Writes nothing."),
    "new": ("viết sẵn một tệp nội dung mới (tin bài, cán bộ, ...)",
            "write a ready-to-edit file of a kind of content (news, staff, ...)"),
    "new-description": (
        "Viết một tệp mới có đủ mọi trường, mỗi trường một dòng giải thích ngắn, vào đúng thư mục của trang, "
        "đặt tên theo tiêu đề (và ngày hôm nay với tin bài, sự kiện). Không bao giờ ghi đè tệp đã có.",
        "Write a new file with every field present and a short comment for each, in the right folder of the "
        "site, named from the title (and today's date for news and events). An existing file is never "
        "overwritten."),
    "serve": ("xem trước: dựng, mở trên máy này, dựng lại và tải lại trang sau mỗi lần lưu (--edit: viết bài "
              "trên trình duyệt, ở trang quản trị quan-tri/ của mỗi trang)",
              "preview: build, serve on this machine, rebuild and reload on every save (--edit: write in the "
              "browser, on each site's admin page quan-tri/)"),
    "service": ("dịch vụ đăng bài trên cổng đang chạy: biên tập viên viết, người duyệt đăng, lịch sử Git",
                "the publishing service on the live portal: editors write, approvers publish, Git history"),
    "service-description": (
        "Chạy dịch vụ đăng bài sau nginx cho tới khi dừng (SIGTERM: làm xong việc đang dở rồi thoát). --sites nằm "
        "trong một kho Git, kho do dịch vụ giữ: mỗi lần lưu, gửi duyệt, đăng là một lần ghi Git; mỗi lần đăng "
        "dựng lại trang đó và thay bản đang đăng trong vài giây; bài hẹn giờ, hạn góp ý, ngày hiệu lực tự lên "
        "trang đúng giờ. Người dùng và quyền: tệp --editors; đăng nhập do nginx (python build.py nginx --service).",
        "Run the publishing service behind nginx until stopped (SIGTERM: finish what is in hand, then exit). "
        "--sites lies in a Git repository the service owns: every save, review step and publication is a Git "
        "commit; each publication rebuilds its site and replaces the live one within seconds; scheduled news, "
        "comment deadlines and effective dates go live on time by themselves. Users and rights: the --editors "
        "file; sign-in is nginx's (python build.py nginx --service)."),
    "import": ("nhập nội dung của trang cũ (WordPress, NukeViet, danh sách thủ tục quốc gia) vào một trang",
               "bring an old site's content in (WordPress, NukeViet, the national procedure list)"),
    "import-description": (
        "Ghi tin bài, trang, văn bản, cán bộ, thủ tục của hệ thống cũ thành các tệp Markdown của trang --site (ảnh "
        "và tệp đính kèm vào images/ và files/), giữ địa chỉ cũ để nginx chuyển về trang mới (301). Nhập lại cùng "
        "nguồn không thêm, không đổi gì; tệp biên tập viên đã sửa không bị ghi đè. Báo cáo tiếng Việt ở "
        "_nhap/bao-cao-<nguồn>.md của trang. Ví dụ: python build.py import wordpress xuat.xml --site an-lac "
        "--uploads wp-content/uploads; python build.py import nukeviet mysql://u:p@127.0.0.1/nukeviet --site an-lac "
        "--uploads uploads; python build.py import procedures thu-tuc.xlsx --site an-lac",
        "Write an old system's news, pages, documents, staff and procedures as the --site site's Markdown files "
        "(pictures and attachments into images/ and files/), keeping the old addresses for nginx to send to the "
        "new pages (301). Importing the same source again adds and changes nothing; a file an editor changed is "
        "never overwritten. A summary in Vietnamese goes to the site's _nhap/bao-cao-<source>.md."),
    "import-source": ("nguồn: wordpress (tệp xuất WXR), nukeviet (cơ sở dữ liệu), procedures (tệp .xlsx của Cổng "
                      "dịch vụ công quốc gia)",
                      "the source: wordpress (a WXR export), nukeviet (a database), procedures (the national "
                      "portal's .xlsx)"),
    "import-input": ("tệp xuất (wordpress, procedures) hoặc địa chỉ cơ sở dữ liệu mysql://người-dùng:mật-khẩu@máy/"
                     "tên (nukeviet)",
                     "the export file (wordpress, procedures) or the database address mysql://user:password@host/"
                     "name (nukeviet)"),
    "import-site": ("thư mục của trang nhận nội dung (đã có site.yaml)", "the folder of the site to import into "
                    "(it has a site.yaml)"),
    "import-uploads": ("thư mục ảnh và tệp của trang cũ (wp-content/uploads, uploads của NukeViet)",
                       "the old site's folder of pictures and files (wp-content/uploads, NukeViet's uploads)"),
    "import-prefix": ("tiền tố bảng của NukeViet (mặc định: nv4)", "NukeViet's table prefix (default: nv4)"),
    "import-lang": ("ngôn ngữ dữ liệu của NukeViet (mặc định: vi); en cũng cho thông báo bằng tiếng Anh",
                    "NukeViet's data language (default: vi); en also gives the messages in English"),
    "serve-description": (
        "Dựng cổng, mở ở http://HOST:PORT/, theo dõi nội dung và giao diện, dựng lại phần bị ảnh hưởng sau mỗi "
        "lần lưu và tải lại các thẻ trình duyệt đang mở. Lỗi nội dung hiện trong một khung trên trang cho đến "
        "khi được sửa.",
        "Build the portal, serve it at http://HOST:PORT/, watch the content and the theme, rebuild what a "
        "change touches after every save and reload the open browser tabs. Content errors show in a panel "
        "over the page until fixed."),
    "report": ("báo cáo cho quản trị: trang nào trống, cũ hay thiếu",
               "the webmaster's report: which sites are empty, stale or incomplete"),
    "report-description": (
        "Đọc mọi trang (không dựng gì) và ghi report/index.html và report/report.json: mỗi trang một dòng, "
        "trang kém nhất trước, với điểm, tin mới nhất, số tin mỗi tháng và những gì cũ, thiếu hay hỏng. In "
        "kèm một bảng ngắn.",
        "Read every site (nothing is built) and write report/index.html and report/report.json: one row per "
        "site, worst first, with its score, its last news, news per month, and what is stale, missing or "
        "broken. Also prints a short table."),
    "nginx": ("in cấu hình nginx để phục vụ cổng đã dựng",
              "print an nginx configuration that serves the built portal"),
    "nginx-description": (
        "In các khối server của nginx (đặt trong http {}) phục vụ cổng như đã dựng: cổng gốc trên tên miền "
        "của base_url, mỗi trang có base_url riêng trên tên miền riêng, các trang khác dưới đường dẫn của cổng "
        "gốc; trang 404 của từng trang; các bản nén .gz (và .br) do bản dựng viết; lưu đệm một năm cho tệp "
        "đặt tên theo nội dung, kiểm tra lại với trang; và các tiêu đề an ninh. Ví dụ: python build.py nginx "
        "--out /srv/portal/current > /etc/nginx/sites-enabled/portal",
        "Print nginx server blocks (include them inside http {}) that serve the portal as built: the root on "
        "its base_url's host, each sub-site with its own base_url on its own host, the others under the "
        "root's path; each site's own 404 page; the build's .gz (and .br) copies; a year's caching for files "
        "named by their content and revalidation for pages; and security headers. Example: python build.py "
        "nginx --out /srv/portal/current > /etc/nginx/sites-enabled/portal"),
    "deploy": ("gửi cổng đã dựng lên máy chủ web (chỉ phần thay đổi); --rollback để quay lại",
               "send the built portal to the web server (only what changed); --rollback"),
    "deploy-description": (
        "Chép cổng đã dựng tới DEST bằng rsync thành một bản mới, liên kết cứng với bản đang chạy nên chỉ tệp "
        "thay đổi được gửi, rồi cho chạy bằng cách đổi liên kết DEST/current trong một bước. Một lần gửi bị "
        "ngắt giữa chừng không làm thay đổi trang đang chạy. In số tệp và dung lượng đã gửi. Hãy trỏ máy chủ "
        "web vào DEST/current.",
        "Copy the built portal to DEST with rsync as a new release folder, hard-linked against the live one "
        "so only changed files travel, then make it live by swapping the DEST/current link in one step. An "
        "interrupted deploy leaves the live site as it was. Prints the files and bytes sent. Point the web "
        "server at DEST/current."),
    "systemd": ("in tệp unit systemd chạy dịch vụ đăng bài (lệnh service) như một dịch vụ của máy",
                "print a systemd unit that runs the publishing service (the service command) as a system service"),
    "systemd-description": (
        "In tệp sitegen.service: chạy 'python build.py service' của bản mã này bằng Python của môi trường ảo "
        "hiện tại, với các tùy chọn đã cho (đường dẫn tuyệt đối), dưới tài khoản --user, tự chạy lại khi lỗi; "
        "chỉ ghi được vào kho nội dung, thư mục đầu ra, thư mục của tệp khóa và báo cáo. Ví dụ: python "
        "build.py systemd --sites /srv/noi-dung/sites --out /srv/portal/public --editors /etc/sitegen/editors.yaml "
        "> /etc/systemd/system/sitegen.service",
        "Print sitegen.service: it runs this checkout's 'python build.py service' with this virtual "
        "environment's Python and the options given (as absolute paths), as the account --user, restarted on "
        "failure, able to write only the content repository, the output folder and the key's and report's "
        "folders. Example: python build.py systemd --sites /srv/content/sites --out /srv/portal/public --editors "
        "/etc/sitegen/editors.yaml > /etc/systemd/system/sitegen.service"),
    # Options
    "sites": ("một thư mục chứa các thư mục trang, mỗi thư mục có site.yaml (mặc định: sites); dùng nhiều lần "
              "để gom các trang của nhiều kho (ví dụ --sites sites --sites 'xa/*/sites', mẫu trong ngoặc khớp "
              "nhiều thư mục); một tên thư mục trang gặp hai lần là lỗi",
              "a folder of site folders, each with a site.yaml (default: sites); repeatable, to gather the sites "
              "of several repositories (e.g. --sites sites --sites 'xa/*/sites', a quoted pattern matching "
              "many); a site folder name found twice is an error"),
    "lang": ("ngôn ngữ của thông báo và hướng dẫn: vi (tiếng Việt, mặc định) hoặc en",
             "language of messages and help: vi (Vietnamese, the default) or en"),
    "root": ("thư mục của cổng gốc (mặc định: trang duy nhất không có 'parent:'); khi đó mọi trang khác không "
             "có trang cha là lỗi",
             "the root portal's folder (default: the one site without 'parent:'); any other site without a "
             "parent is then an error"),
    "now": ("dựng như thể đang là giờ địa phương này (mặc định: SOURCE_DATE_EPOCH nếu có, nếu không là đồng "
            "hồ máy); quyết định tin hẹn giờ nào được đăng và tuần nào là 'tuần này'",
            "build as if it were this local time (default: SOURCE_DATE_EPOCH if set, else the clock); decides "
            "which scheduled news is published and which week is 'this week'"),
    "out": ("thư mục đầu ra (mặc định: public); một thư mục đã có chỉ được thay khi do một lần dựng trước tạo ra",
            "output folder (default: public); an existing folder is replaced only if an earlier build made it"),
    "build-site": ("chỉ dựng trang này (tên thư mục; dùng nhiều lần được) và các trang cấp trên, nơi hiện tin "
                   "của nó; mọi trang khác giữ nguyên bản đã đăng (trang chưa đăng lần nào vẫn được dựng)",
                   "build only this site (its folder name; repeatable) and the sites above it, whose pages show "
                   "its news; every other site keeps the pages it last published (a site never published yet is "
                   "built too)"),
    "jobs": ("số tiến trình (mặc định: mỗi lõi một tiến trình; cổng nhỏ dùng một)",
             "processes to use (default: one per core; small portals use one)"),
    "build-report": ("nơi ghi báo cáo cho quản trị (mặc định: 'report' cạnh thư mục đầu ra, không bao giờ ở "
                     "trong nó)",
                     "where to write the webmaster's report (default: 'report' beside the output folder, never "
                     "inside it)"),
    "no-report": ("không ghi báo cáo", "do not write the report"),
    "required": ("danh sách mục mọi trang phải đăng (mặc định: sitegen/report/required.yaml)",
                 "the list of items every site must publish (default: sitegen/report/required.yaml)"),
    "check-site": ("chỉ kiểm tra trang này (dùng nhiều lần được)", "check only this site (repeatable)"),
    "new-kind": ("loại nội dung: {kinds}", "the kind of content: {kinds}"),
    "new-title": ("tiêu đề (với cán bộ: họ tên), trong ngoặc kép", "the title (for staff: the person's name), in "
                  "quotes"),
    "new-site": ("tên thư mục của trang, ví dụ an-binh", "the site's folder name, e.g. an-binh"),
    "new-now": ("ngày ghi vào tệp (mặc định: bây giờ)", "the date to write (default: now)"),
    "serve-out": ("thư mục đầu ra (mặc định: public)", "output folder (default: public)"),
    "port": ("cổng (mặc định: 8000)", "port (default: 8000)"),
    "host": ("địa chỉ nghe (mặc định: 127.0.0.1, chỉ máy này)",
             "address to listen on (default: 127.0.0.1, this machine only)"),
    "edit": ("cho trang quản trị của mỗi trang (http://127.0.0.1:PORT/<trang>/quan-tri/) lưu vào các thư mục "
             "trang trên máy này, để biên tập viên viết trên trình duyệt và thấy trang tải lại (chỉ 127.0.0.1: "
             "không cần đăng nhập)",
             "also let each site's admin page (http://127.0.0.1:PORT/<site>/quan-tri/) save into the site "
             "folders here, so an editor writes in the browser and sees the page reload (127.0.0.1 only: no "
             "sign-in)"),
    "report-folder": ("thư mục ghi báo cáo (mặc định: report)", "folder to write the report into (default: report)"),
    "nginx-out": ("thư mục máy chủ phục vụ (mặc định: public); sau 'deploy' là liên kết 'current' ở nơi nhận, "
                  "ví dụ /srv/portal/current",
                  "the folder the server serves (default: public); after 'deploy', the destination's 'current' "
                  "link, e.g. /srv/portal/current"),
    "service-out": ("thư mục đầu ra mà nginx phục vụ (mặc định: public)",
                    "the output folder nginx serves (default: public)"),
    "editors": ("tệp người biên tập: tên đăng nhập, trang và vai trò (editor hoặc approver) của từng người; "
                "để ngoài kho nội dung",
                "the editors file: each user's name, sites and role (editor or approver); keep it outside "
                "the content repository"),
    "service-listen": ("địa chỉ dịch vụ nghe, chỉ nginx gọi tới (mặc định: 127.0.0.1:8750)",
                       "the address the service listens on, for nginx only (default: 127.0.0.1:8750)"),
    "service-key": ("tệp khóa bí mật mà nginx gửi kèm mọi yêu cầu (mặc định: service.key cạnh tệp người "
                    "biên tập; tạo nếu chưa có)",
                    "the secret key file nginx sends with every request (default: service.key beside the "
                    "editors file; made when missing)"),
    "service-report": ("ghi báo cáo cho quản trị sau mỗi lần dựng vào tệp này",
                       "write the webmaster's report to this file after every build"),
    "deploy-to": ("sau mỗi lần đăng, gửi cổng tới máy chủ này như lệnh deploy (có thể lặp lại)",
                  "after every publish, send the portal to this server as deploy does (repeatable)"),
    "listen": ("địa chỉ nghe của nginx: PORT hoặc ADDR:PORT (mặc định: 80, hoặc 443 với --tls-cert)",
               "nginx's listen address: PORT or ADDR:PORT (default: 80, or 443 with --tls-cert)"),
    "brotli": ("gửi cả các bản nén .br (cần mô-đun tĩnh của ngx_brotli, trên Debian: "
               "libnginx-mod-http-brotli-static)",
               "also send the .br copies (needs ngx_brotli's static module, Debian: "
               "libnginx-mod-http-brotli-static)"),
    "tls-cert": ("phục vụ bằng HTTPS với chứng chỉ này (tệp PEM, kèm chuỗi chứng chỉ trung gian); cần "
                 "--tls-key. Mọi khối server nghe bằng ssl trên --listen, chỉ TLS 1.2 và 1.3, gửi "
                 "Strict-Transport-Security; HTTP thường được chuyển (301) sang HTTPS",
                 "serve HTTPS with this certificate (PEM, with its intermediate chain); needs --tls-key. Every "
                 "server block listens with ssl on --listen, TLS 1.2 and 1.3 only, and sends "
                 "Strict-Transport-Security; plain HTTP is redirected (301) to HTTPS"),
    "tls-key": ("khóa riêng của chứng chỉ --tls-cert (tệp PEM)", "the private key of --tls-cert (PEM)"),
    "http": ("với --tls-cert: địa chỉ HTTP thường, chuyển mọi yêu cầu sang cùng đường dẫn trên HTTPS (mặc định: "
             "cổng 80 trên địa chỉ của --listen; off: không có)",
             "with --tls-cert: the plain-HTTP address, every request redirected to the same path on HTTPS "
             "(default: port 80 on --listen's address; off: none)"),
    "nginx-service": ("chuyển /__sitegen/service/ tới dịch vụ đăng bài ở địa chỉ này (chỉ ghi --service: "
                      "{default}), sau mật khẩu; trang quản trị quan-tri/ của mỗi trang cũng cần mật khẩu đó, các "
                      "trang khác vẫn công khai. Cần --service-key và --htpasswd",
                      "pass /__sitegen/service/ on to the publishing service at this address (--service alone: "
                      "{default}), behind a password; every site's admin page quan-tri/ asks for the same "
                      "password, the pages stay public. Needs --service-key and --htpasswd"),
    "nginx-service-key": ("tệp khóa bí mật của dịch vụ (tạo nếu chưa có; là tệp --key của lệnh service): nginx "
                          "đọc nó bằng include, khóa không được chép vào cấu hình",
                          "the service's secret key file (made when missing; the service command's --key): nginx "
                          "reads it with include, the key is never copied into the configuration"),
    "htpasswd": ("tệp mật khẩu của người biên tập (tạo bằng htpasswd, hoặc openssl passwd -apr1: mỗi dòng "
                 "tên:mã-băm); tên đăng nhập là tên trong tệp người biên tập của dịch vụ",
                 "the editors' password file (made with htpasswd, or openssl passwd -apr1: one name:hash a "
                 "line); the user name is the one in the service's editors file"),
    "systemd-user": ("tài khoản chạy dịch vụ (mặc định: sitegen)", "the account the service runs as (default: sitegen)"),
    "deploy-out": ("cổng đã dựng cần gửi (mặc định: public)", "the built portal to send (default: public)"),
    "to": ("một thư mục trên máy này, hoặc máy:đường-dẫn (hay người-dùng@máy:đường-dẫn) qua SSH; lệnh SSH "
           "lấy từ RSYNC_RSH, như rsync",
           "a folder on this machine, or host:path (or user@host:path) over SSH; the SSH command is taken from "
           "RSYNC_RSH, as for rsync"),
    "keep": ("số bản giữ lại, kể cả bản đang chạy (mặc định: 5)",
             "releases to keep, the live one included (default: 5)"),
    "rollback": ("không gửi gì: cho bản trước bản đang chạy chạy lại",
                 "send nothing: make the release before the live one live again"),
}
