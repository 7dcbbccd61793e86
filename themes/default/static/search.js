/* Search with Pagefind, for citizens who type without diacritics.
   Pagefind matches tones and marks loosely (dang = đăng once đ is right) but
   keeps 'đ' apart from 'd', so each word with a 'd' is also tried with 'đ'
   and the results are merged. Words come from the form's data-* attributes;
   without JavaScript the page keeps its A–Z list and links. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form || !window.fetch) { return; }
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var filtersBox = document.getElementById("search-filters");
  if (filtersBox) { filtersBox.addEventListener("change", function () { run(); }); }
  var words = form.dataset;
  var pagefind = null;
  var ready = null;
  var timer = null;

  /* The site's index, then its shards and, on a parent, its sub-sites' indexes
     (data-merge: each with the number of its site, 0 for this one; a split
     site's core, with its procedures, comes first). Pagefind scores each
     index by its own statistics, and a word that is rare among old news
     scores higher there: 1.1 times a core's scores put "Đăng ký khai sinh"
     back first, and the ten first results back as one index ranks them on
     most queries measured (README, search). */
  var CORE_WEIGHT = 1.1;
  var sites = [0];
  var split = false;
  /* Each site's name by its number (data-sites), and where its pages are:
     a result names its site when the page merges several. */
  var siteNames = JSON.parse(words.sites || "[]");
  var siteRoots = [];

  function splitCore(index) {
    return sites.indexOf(sites[index]) === index && sites.lastIndexOf(sites[index]) !== index;
  }

  function load() {
    if (ready) { return ready; }
    var here = new URL(".", location.href);
    var siteRoot = new URL(words.root, location.href);
    var merges = JSON.parse(words.merge || "[]");
    merges.forEach(function (item) { sites.push(item.site); });
    siteRoots = [[siteRoot.pathname, 0]].concat(merges.map(function (item) {
      return [new URL(item.root, location.href).pathname, item.site];
    })).sort(function (a, b) { return b[0].length - a[0].length; });
    split = sites.some(function (site, number) { return sites.indexOf(site) !== number; });
    ready = import(new URL(words.bundle + "pagefind.js", here).href).then(function (module) {
      pagefind = module;
      return pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 24 });
    }).then(function () {
      var steps = merges.map(function (item, number) {
        var root = new URL(item.root, location.href);
        var options = { baseUrl: root.pathname };
        if (split) { options.mergeFilter = { index: String(number + 1) }; }
        if (splitCore(number + 1)) { options.indexWeight = CORE_WEIGHT; }
        return pagefind.mergeIndex(new URL(item.bundle, location.href).href, options)
          .catch(function () { /* a sub-site without an index yet: search the others */ });
      });
      if (split) { steps.push(pagefind.options({ mergeFilter: { index: "0" } })); }
      if (splitCore(0)) { steps.push(pagefind.options({ indexWeight: CORE_WEIGHT })); }
      return Promise.all(steps);
    });
    return ready;
  }

  /* Pagefind leaves out, in each index, a query word that index does not
     know, and matches its pages on the other words. A site in one index
     does that only for words the whole site lacks; a site in shards would
     also match a shard's pages on "khai" alone when only another shard
     knows "sinh". So, for each spelling, the indexes that may answer: those
     that know each of its words, or whose site knows the word nowhere. */
  function answering(variants) {
    if (!split) { return Promise.resolve(variants.map(function () { return null; })); }
    var seen = {};
    var terms = [];
    variants.forEach(function (variant) {
      variant.split(" ").forEach(function (term) {
        if (!seen[term]) { seen[term] = true; terms.push(term); }
      });
    });
    return Promise.all(terms.map(function (term) { return pagefind.search(term); })).then(function (searches) {
      var knows = {};
      searches.forEach(function (search, number) {
        var counts = (search.filters && search.filters.index) || {};
        knows[terms[number]] = sites.map(function (_site, index) { return (counts[String(index)] || 0) > 0; });
      });
      return variants.map(function (variant) {
        var indexes = [];
        sites.forEach(function (site, index) {
          var answers = variant.split(" ").every(function (term) {
            return knows[term][index] || !sites.some(function (other, at) { return other === site && knows[term][at]; });
          });
          if (answers) { indexes.push(String(index)); }
        });
        return indexes;
      });
    });
  }

  /* 'dang ky' → ['dang ky', 'đang ky']; at most 16 spellings. */
  function spellings(query) {
    var parts = query.trim().toLowerCase().split(/\s+/);
    var results = [""];
    parts.forEach(function (part) {
      var options = /d/i.test(part) ? [part, part.replace(/d/g, "đ")] : [part];
      var next = [];
      results.forEach(function (start) {
        options.forEach(function (option) {
          if (next.length < 16) { next.push(start ? start + " " + option : option); }
        });
      });
      results = next;
    });
    return results;
  }

  /* Procedures carry their field and level as Pagefind metadata; the choice
     in the two lists narrows the results here, in the browser. */
  function selectedFilters() {
    var chosen = {};
    if (!filtersBox) { return chosen; }
    Array.prototype.forEach.call(filtersBox.querySelectorAll("select"), function (select) {
      if (select.value) { chosen[select.name] = select.value; }
    });
    return chosen;
  }

  function matches(page, filters) {
    return Object.keys(filters).every(function (name) {
      return page.meta && page.meta[name] === filters[name];
    });
  }

  function run() {
    var query = input.value.trim();
    var filters = selectedFilters();
    var filtering = Object.keys(filters).length > 0;
    if (!query) {
      list.innerHTML = "";
      status.textContent = "";
      return;
    }
    status.textContent = words.searching;
    var variants = spellings(query);
    load().then(function () {
      return answering(variants);
    }).then(function (indexes) {
      return Promise.all(variants.map(function (variant, number) {
        if (indexes[number] === null) { return pagefind.search(variant); }
        if (!indexes[number].length) { return { results: [] }; }
        return pagefind.search(variant, { filters: { index: { any: indexes[number] } } });
      }));
    }).then(function (searches) {
      var best = {};
      searches.forEach(function (search) {
        search.results.forEach(function (result) {
          if (!best[result.id] || best[result.id].score < result.score) { best[result.id] = result; }
        });
      });
      var found = Object.keys(best).map(function (id) { return best[id]; })
        .sort(function (a, b) { return b.score - a.score; });
      return Promise.all(found.slice(0, filtering ? 300 : 30).map(function (result) { return result.data(); }))
        .then(function (pages) {
          if (!filtering) { return show(pages, found.length); }
          var kept = pages.filter(function (page) { return matches(page, filters); });
          show(kept.slice(0, 30), kept.length);
        });
    }).catch(function () {
      status.textContent = words.failed;
    });
  }

  /* The site a result's page belongs to: the longest site folder its address starts with. */
  function siteOf(url) {
    var path = new URL(url, location.href).pathname;
    for (var i = 0; i < siteRoots.length; i++) {
      if (path.indexOf(siteRoots[i][0]) === 0) { return siteNames[siteRoots[i][1]] || ""; }
    }
    return "";
  }

  /* An excerpt that reads as sentences: Pagefind's text around the run of
     matches it weighs highest, from the start of its sentence (a label and
     its value are apart in that text: the theme writes "Mã thủ tục:
     1.001193") to the end of a sentence when one is near. A sentence too
     long for that starts at its nearest clause, after "…". The words are
     Pagefind's own (raw_content, '<' and '>' escaped), counted as its
     locations count them. */
  var EXCERPT_WORDS = 30;
  var ENDS = /[.?!…]["”)]?$/;
  var CLAUSE = /[,;:]$/;

  function excerptOf(page) {
    var hits = page.weighted_locations || [];
    if (!page.raw_content || !hits.length) { return page.excerpt; }
    var words = page.raw_content.split(/[\r\n\s]+/g);
    var marked = {};
    var best = hits[0].location;
    var most = 0;
    hits.forEach(function (hit) {
      marked[hit.location] = true;
      var weight = 0;
      hits.forEach(function (other) {
        if (other.location >= hit.location && other.location < hit.location + EXCERPT_WORDS) {
          weight += other.balanced_score || 1;
        }
      });
      if (weight > most) { most = weight; best = hit.location; }
    });
    var start = best;
    while (start > 0 && best - start < 30 && !ENDS.test(words[start - 1])) { start -= 1; }
    if (start > 0 && !ENDS.test(words[start - 1])) {
      start = best;
      while (start > 0 && best - start < 15 && !CLAUSE.test(words[start - 1]) && !ENDS.test(words[start - 1])) {
        start -= 1;
      }
    }
    var end = Math.min(words.length, Math.max(start + EXCERPT_WORDS, best + 10));
    var further = end;
    while (further < words.length && further - end < 12 && !ENDS.test(words[further - 1])) { further += 1; }
    if (ENDS.test(words[further - 1] || "")) { end = further; }
    var shown = words.slice(start, end).map(function (word, number) {
      return marked[start + number] ? "<mark>" + word + "</mark>" : word;
    }).join(" ");
    var before = start > 0 && !ENDS.test(words[start - 1]) ? "… " : "";
    var after = end < words.length && !ENDS.test(words[end - 1]) ? " …" : "";
    return before + shown + after;
  }

  function show(pages, total) {
    list.innerHTML = "";
    pages.forEach(function (page) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = page.url;
      link.textContent = (page.meta && page.meta.title) || page.url;
      var heading = document.createElement("h2");
      heading.appendChild(link);
      item.appendChild(heading);
      var name = siteNames.length > 1 ? siteOf(page.url) : "";
      if (name) {
        var where = document.createElement("p");
        where.className = "search-site";
        where.textContent = name;
        item.appendChild(where);
      }
      var excerpt = document.createElement("p");
      excerpt.innerHTML = excerptOf(page); /* Pagefind's escaped text, with <mark> */
      item.appendChild(excerpt);
      list.appendChild(item);
    });
    status.textContent = total ? words.found.replace("{count}", total) : words.none;
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  input.addEventListener("focus", load, { once: true });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(); }
})();
