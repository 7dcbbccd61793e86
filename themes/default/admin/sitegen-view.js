// "Xem trên trang" after saving on the admin page opens quan-tri/xem.html#<kind>/<file name>
// (outputs/cms.py: preview_path). The build lists in trang.json, beside it, the page each of
// the site's files makes ("news/2026-11-20-hop-dan": "tin-tuc/hop-dan/"): the page's address
// comes from the title or the file's own slug, shortened, made unique, which the CMS cannot
// know. Found, the page opens; not yet (the site is still being updated with the change), the
// list is read again every two seconds for three minutes, then the page says why it may be missing.
(function () {
  'use strict';
  var state = document.getElementById('sitegen-view');
  if (!state) return;
  var WAIT = 3 * 60 * 1000;
  var started = Date.now();
  // The CMS made the name in the address as its file names (lower case, no accents): both
  // sides are compared in that form, so a hand-written file's name ('Họp dân.md') is found too.
  var simple = function (text) {
    return text.split('/').map(function (part) {
      return part.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
        .replace(/'/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    }).join('/');
  };
  var wanted = '';
  try { wanted = simple(decodeURIComponent(location.hash.slice(1))); } catch (error) { wanted = ''; }
  var again = function () {
    if (Date.now() - started < WAIT) setTimeout(look, 2000);
    else state.textContent = state.dataset.missing;
  };
  var look = function () {
    fetch('trang.json', { credentials: 'same-origin', cache: 'no-store' })
      .then(function (answer) { return answer.ok ? answer.json() : {}; })
      .then(function (pages) {
        var found = Object.keys(pages).filter(function (name) { return simple(name) === wanted; })[0];
        if (found !== undefined && wanted) location.replace('../' + pages[found]);
        else again();
      }, again);
  };
  look();
})();
