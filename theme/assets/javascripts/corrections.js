// dossier: corrections from the page. An analyst who spots a wrong speaker, a split person or a
// mistyped organisation records the fix where they see it; the fixes wait in this browser's
// localStorage (they survive reloads and work from file://) and the Corrections panel shows them
// as corrections.yml text to copy or download into the seeds folder before the next build.
// No server and no request to another host. Pages carry only small placeholders
// (<div class="dz-fix" data-dz-type> on entity pages, data-dz-article on a quote's credit line),
// hidden without JavaScript, so a reader without it sees the pages as they always were.
// Every name written into the page goes through textContent or a form value, never as markup.
(function () {
  "use strict";
  var root = new URL("../..", document.currentScript.src);
  var KEY = root.pathname + ".dossier.corrections";
  var TYPES = ["person", "organisation", "place"];
  var ENTITY_PAGE = /^(people|organisations|places)\/(?!index\.html$|letter-)[^\/#]+\.html$/;
  var QUOTE_WORDS = 8;
  var names = null, button = null, dialog = null, status = null;

  // --- the list kept in localStorage ----------------------------------------------------------
  function load() {
    try {
      var list = JSON.parse(localStorage.getItem(KEY));
      return Array.isArray(list) ? list : [];
    } catch (e) {
      return [];
    }
  }
  function store(list) {
    try { localStorage.setItem(KEY, JSON.stringify(list)); } catch (e) { say("Could not keep the correction: " + e); }
    refresh();
  }
  function add(entry) {
    var list = load();
    list.push(entry);
    store(list);
    say("Added: " + describe(entry) + ". " + list.length + " pending in Corrections.");
  }

  function describe(e) {
    if (e.action === "rename") return "rename " + e.name + " to " + e.value;
    if (e.action === "type") return "make " + e.name + " a " + e.value;
    if (e.action === "merge") return "merge " + e.names[1] + " into " + e.names[0];
    if (e.action === "drop") return "drop " + e.name;
    return "quote \u201c" + e.quote + "\u2026\u201d in " + e.article + " said by " + (e.speaker === null ? "nobody" : e.speaker);
  }

  // JSON strings are valid YAML double-quoted scalars: any name stays one safe value.
  function q(text) { return JSON.stringify(String(text)); }

  function yaml(list) {
    var out = ["# Corrections made on the dossier's pages: add them to seeds/corrections.yml and build again."];
    function section(action, title, line) {
      var found = list.filter(function (e) { return e.action === action; });
      if (!found.length) return;
      out.push(title + ":");
      found.forEach(function (e) { out.push(line(e)); });
    }
    section("merge", "merge", function (e) { return "  - [" + e.names.map(q).join(", ") + "]"; });
    section("rename", "rename", function (e) { return "  " + q(e.name) + ": " + q(e.value); });
    section("type", "type", function (e) { return "  " + q(e.name) + ": " + e.value; });
    section("drop", "drop", function (e) { return "  - " + q(e.name); });
    section("speaker", "speakers", function (e) {
      return "  - article: " + q(e.article) + "\n    quote: " + q(e.quote) +
        "\n    speaker: " + (e.speaker === null ? "~" : q(e.speaker));
    });
    return out.join("\n") + "\n";
  }

  // --- small DOM helpers ------------------------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }
  function say(message) { if (status) status.textContent = message; }
  function form(label, field, extra, onSubmit) {
    var f = el("form", {"class": "dz-fix__form"}, [el("label", {}, [document.createTextNode(label + " "), field])]);
    (extra || []).forEach(function (c) { f.appendChild(c); });
    f.appendChild(el("button", {type: "submit", "class": "md-button dz-fix__add", text: "Add"}));
    f.addEventListener("submit", function (event) {
      event.preventDefault();  // nothing is sent anywhere
      if (onSubmit()) f.reset();
    });
    return f;
  }
  function nameField(name) {
    var input = el("input", {type: "text", name: name, required: "", autocomplete: "off", list: "dz-names"});
    input.addEventListener("focus", fillNames);
    return input;
  }
  function clean(text) { return text.replace(/\s+/g, " ").trim(); }

  // The dossier's entity names for the pickers, from the site's own search index: the one
  // Material has loaded already (file://), else the same file it would load.
  function fillNames() {
    if (names) return;
    names = el("datalist", {id: "dz-names"});
    document.body.appendChild(names);
    function fill(index) {
      var seen = {};
      (index && index.docs || []).forEach(function (doc) {
        if (ENTITY_PAGE.test(doc.location) && !seen[doc.title]) {
          seen[doc.title] = true;
          names.appendChild(el("option", {value: doc.title.replace(/<[^>]*>/g, "")}));
        }
      });
    }
    if (window.__index) return fill(window.__index);
    if (location.protocol === "file:") {
      var s = el("script", {src: new URL("search/search_index.js", root).href});
      s.addEventListener("load", function () { fill(window.__index); });
      document.head.appendChild(s);
    } else {
      fetch(new URL("search/search_index.json", root)).then(function (r) { return r.json(); }).then(fill, function () {});
    }
  }

  // --- an entity page: rename, change type, merge, drop ------------------------------------------
  function entityControls(box) {
    var heading = document.querySelector(".md-content h1");
    if (!heading) return;
    var name = clean(heading.textContent);
    var rename = el("input", {type: "text", name: "value", required: "", autocomplete: "off"});
    var type = el("select", {name: "value"});
    TYPES.forEach(function (t) {
      var option = el("option", {value: t, text: t});
      if (t === box.getAttribute("data-dz-type")) option.selected = true;
      type.appendChild(option);
    });
    var other = nameField("other");
    var keepOther = el("input", {type: "checkbox", name: "keep"});
    var drop = el("button", {type: "button", "class": "md-button dz-fix__drop", text: "Drop " + name});
    drop.addEventListener("click", function () { add({action: "drop", name: name}); });
    var panel = el("details", {"class": "dz-fix__panel"}, [
      el("summary", {text: "Correct this entity"}),
      form("Rename to", rename, [], function () {
        var value = clean(rename.value);
        if (!value || value === name) return false;
        add({action: "rename", name: name, value: value});
        return true;
      }),
      form("Change type to", type, [], function () {
        add({action: "type", name: name, value: type.value});
        return true;
      }),
      form("Merge with", other, [el("label", {"class": "dz-fix__keep"}, [keepOther, document.createTextNode(" keep the other's name")])], function () {
        var value = clean(other.value);
        if (!value || value === name) return false;
        add({action: "merge", names: keepOther.checked ? [value, name] : [name, value]});
        return true;
      }),
      el("p", {}, [drop]),
    ]);
    box.appendChild(panel);
    box.hidden = false;
  }

  // --- a quote: wrong speaker --------------------------------------------------------------------
  function quoteControls(credit) {
    var quote = credit.previousElementSibling;
    if (!quote || quote.tagName !== "BLOCKQUOTE") return;
    var words = clean(quote.textContent.replace(/["\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e]/g, " "))
      .split(" ").slice(0, QUOTE_WORDS).join(" ");
    var article = credit.getAttribute("data-dz-article");
    var speaker = nameField("speaker");
    var toggle = el("button", {type: "button", "class": "dz-fix__toggle", "aria-expanded": "false", text: "Wrong speaker?"});
    var nobody = el("button", {type: "button", "class": "md-button dz-fix__nobody", text: "Nobody (unattributed)"});
    var box = el("div", {"class": "dz-fix dz-fix--quote", hidden: ""}, [
      form("Said by", speaker, [], function () {
        var value = clean(speaker.value);
        if (!value) return false;
        add({action: "speaker", article: article, quote: words, speaker: value});
        return true;
      }),
    ]);
    box.firstChild.appendChild(nobody);
    nobody.addEventListener("click", function () { add({action: "speaker", article: article, quote: words, speaker: null}); });
    toggle.addEventListener("click", function () {
      box.hidden = !box.hidden;
      toggle.setAttribute("aria-expanded", String(!box.hidden));
      if (!box.hidden) speaker.focus();
    });
    credit.appendChild(document.createTextNode(" "));
    credit.appendChild(toggle);
    credit.parentNode.insertBefore(box, credit.nextSibling);
  }

  // --- the Corrections panel ---------------------------------------------------------------------
  function panel() {
    var list = load();
    var entries = el("ol", {"class": "dz-fix__entries"});
    list.forEach(function (entry, i) {
      var remove = el("button", {type: "button", "class": "md-button", text: "Remove"});
      remove.setAttribute("aria-label", "Remove: " + describe(entry));
      remove.addEventListener("click", function () {
        var now = load();
        now.splice(i, 1);
        store(now);
        say("Removed: " + describe(entry) + ".");
        dialog.querySelector("h2").focus();
      });
      entries.appendChild(el("li", {}, [document.createTextNode(describe(entry) + " "), remove]));
    });
    var text = el("textarea", {readonly: "", rows: "10", "class": "dz-fix__yaml", "aria-label": "corrections.yml text", spellcheck: "false"});
    text.value = yaml(list);
    var copy = el("button", {type: "button", "class": "md-button md-button--primary", text: "Copy"});
    copy.addEventListener("click", function () {
      text.select();
      var done = function () { say("Copied: paste it into seeds/corrections.yml."); };
      if (navigator.clipboard) navigator.clipboard.writeText(text.value).then(done, function () { document.execCommand("copy"); done(); });
      else { document.execCommand("copy"); done(); }
    });
    var download = el("button", {type: "button", "class": "md-button", text: "Download corrections.yml"});
    download.addEventListener("click", function () {
      var url = URL.createObjectURL(new Blob([text.value], {type: "text/yaml"}));
      var a = el("a", {href: url, download: "corrections.yml"});
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    });
    var close = el("button", {type: "button", "class": "md-button", text: "Close"});
    close.addEventListener("click", function () { dialog.close(); });
    return [
      el("h2", {id: "dz-fix-title", tabindex: "-1", text: "Corrections (" + list.length + " pending)"}),
      list.length ? entries : el("p", {text: "None yet: use \u201cCorrect this entity\u201d on an entity's page or \u201cWrong speaker?\u201d under a quote."}),
      el("p", {text: "Add this text to corrections.yml in the seeds folder (merge it with what is there), then build again. The list stays in this browser until you remove the entries."}),
      text,
      el("p", {"class": "dz-fix__actions"}, [copy, download, close]),
    ];
  }
  function openPanel() {
    dialog.replaceChildren.apply(dialog, panel());
    dialog.appendChild(status);
    if (!dialog.open) dialog.showModal();
    dialog.querySelector("h2").focus();
  }
  function refresh() {
    var count = load().length;
    button.textContent = "Corrections (" + count + ")";
    button.hidden = !count && !document.querySelector(".dz-fix, [data-dz-article]");
    if (dialog.open) openPanel();
  }

  function start() {
    status = el("p", {role: "status", "class": "dz-fix__status"});
    button = el("button", {type: "button", "class": "md-button md-button--primary dz-fix__open", "aria-haspopup": "dialog"});
    button.addEventListener("click", openPanel);
    dialog = el("dialog", {"class": "dz-fix__dialog md-typeset", "aria-labelledby": "dz-fix-title"});
    var live = el("div", {"class": "dz-fix__live"}, [status]);
    document.body.appendChild(button);
    document.body.appendChild(dialog);
    document.body.appendChild(live);
    dialog.addEventListener("close", function () { live.appendChild(status); button.focus(); });
    document.querySelectorAll(".dz-fix[data-dz-type]").forEach(entityControls);
    document.querySelectorAll("p[data-dz-article]").forEach(quoteControls);
    refresh();
    window.addEventListener("storage", function (event) { if (event.key === KEY) refresh(); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
