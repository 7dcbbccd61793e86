/* The documents register's filter: by number or summary (typed with or
   without diacritics, "1234/QĐ-UBND" as written), by type and by year, over
   every document of the site (van-ban/danh-muc.json), not only this page.
   Without JavaScript the page keeps its table and the links by type, year
   and section. */
(function () {
  "use strict";
  var form = document.getElementById("loc-van-ban");
  if (!form || !window.fetch) { return; }
  var table = document.querySelector("table.documents tbody");
  var status = document.getElementById("loc-ket-qua");
  var pagination = document.querySelector(".pagination");
  var words = form.dataset;
  var states = JSON.parse(words.states || "{}");
  var labels = JSON.parse(words.labels || "{}");
  var original = table ? table.innerHTML : "";
  var rows = null;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  function load() {
    if (!rows) {
      rows = fetch(words.source).then(function (response) { return response.json(); });
    }
    return rows;
  }

  /* A cell as the page's own table has it: labelled (a phone shows each row as
     a card, its labels before the values), the summary marked as the title. */
  function cell(row, text, href, label) {
    var td = document.createElement("td");
    if (label) { td.setAttribute("data-label", label); } else { td.className = "title"; }
    if (href) {
      var a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      td.appendChild(a);
    } else {
      td.textContent = text;
    }
    row.appendChild(td);
    return td;
  }

  function here(path) {
    return new URL(path, new URL(words.root, location.href)).href;
  }

  function run() {
    var query = fold(form.q.value.trim());
    var type = form.type.value;
    var year = form.year.value;
    if (!query && !type && !year) {
      table.innerHTML = original;
      status.textContent = "";
      if (pagination) { pagination.hidden = false; }
      return;
    }
    load().then(function (documents) {
      var found = documents.filter(function (d) {
        return (!type || d.type === type) && (!year || String(d.year) === year) &&
          (!query || fold(d.number).indexOf(query) >= 0 || fold(d.title).indexOf(query) >= 0);
      });
      table.innerHTML = "";
      found.forEach(function (d) {
        var row = document.createElement("tr");
        cell(row, d.number, null, labels.number);
        cell(row, d.date, null, labels.date);
        cell(row, d.title, here(d.path));
        cell(row, d.type, null, labels.type);
        var state = cell(row, states[d.state] || "", null, labels.state);
        if (d.replaced_by) {  /* the number of the document replacing it, linked when there is its page */
          state.appendChild(document.createTextNode(" "));
          var by = document.createElement(d.replaced_path ? "a" : "span");
          if (d.replaced_path) { by.href = here(d.replaced_path); }
          by.textContent = d.replaced_by;
          state.appendChild(by);
        }
        table.appendChild(row);
      });
      if (pagination) { pagination.hidden = true; }
      status.textContent = found.length ? words.found.replace("{count}", found.length) : words.none;
    });
  }

  if (!table) { return; }
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  form.addEventListener("input", run);
  form.addEventListener("change", run);
})();
