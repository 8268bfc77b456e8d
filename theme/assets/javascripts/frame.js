{#-
  Rendered once per build (mkdocs.yml lists it under theme.static_templates), read by every
  page from its header. It writes the parts of Material's page frame that only work with
  JavaScript: the search button and dialog, the back-to-top button and the message dialog
  (Material's own partials and markup, rendered here), and the page configuration its
  bundle reads. Written into each page they were about 2 KB on every one of the
  thousands of pages a large dossier has; without JavaScript a search box or a
  back-to-top button could only sit there, so a reader without it loses nothing.
  The site root is found from this file's own address, two folders up.
-#}
{%- import "partials/language.html" as lang with context -%}
{%- set features = config.theme.features or [] -%}
{%- set search_plugin = config.plugins["material/search"] -%}
{%- set search_on = search_plugin and (search_plugin | attr("config")).enabled -%}
{%- set icon = config.theme.icon.search or "material/magnify" -%}
{%- set button -%}
<label class="md-header__button md-icon" for="__search">{% include ".icons/" ~ icon ~ ".svg" %}</label>
{%- endset -%}
{#- Material's dialog has no name of its own; a screen reader announces this one as "Search". -#}
{%- set dialog %}{% include "partials/search.html" %}{% endset -%}
{#- Material's checkbox that opens the dialog: its CSS wants it a sibling before the header. -#}
{%- set toggle = '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">' -%}
{%- set dialog = dialog | replace('role="dialog"', 'role="dialog" aria-label="' ~ lang.t("search") ~ '"', 1) -%}
{%- set page_end -%}
{% if "navigation.top" in features %}{% include "partials/top.html" %}{% endif -%}
<div class="md-dialog" data-md-component="dialog"><div class="md-dialog__inner md-typeset"></div></div>
{%- endset -%}
// dossier: Material's search button and dialog, back-to-top button, message dialog and page
// configuration, written from the page header before Material's bundle looks for them.
// Material's page-scope helpers (its partials/javascripts/base.html, written inline in <head>):
// defined here, before anything uses them (Material's bundle loads at the end of the page),
// rather than by a script tag in every page. The scope is the site root, two folders above
// this file, which is where Material's inline copy points as well (base_url).
{% if not config.extra.scope -%}
__md_scope=new URL("../..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};
{% endif -%}
(function () {
  var here = document.currentScript, root = new URL("../..", here.src);
  // Search runs in a worker, which browsers refuse to pages opened from file://: file-worker.js
  // stands in for it there (without inline script, which the pages' policy forbids). Written,
  // so it runs before Material's bundle starts the search.
  if (location.protocol === "file:") document.write("<script src=\"" + new URL("assets/javascripts/file-worker.js", root).href + "\"><\/script>");
  {%- set prefix = config.extra.dossier_search_prefix %}
  {%- if search_on and prefix %}
  // The search index is shipped once, as search/search_index.js (what Material loads on file://:
  // the JSON after a short prefix). Over http Material asks for search_index.json: that request
  // is sent to the script, and the bytes after the prefix (the same JSON) are what it receives.
  else {
    var index = new URL("search/search_index.json", root).href, open = XMLHttpRequest.prototype.open;
    var response = Object.getOwnPropertyDescriptor(XMLHttpRequest.prototype, "response").get;
    XMLHttpRequest.prototype.open = function (method, url) {
      var args = Array.prototype.slice.call(arguments);
      if (new URL(url, location.href).href === index) {
        args[1] = new URL("search/search_index.js", root).href;
        Object.defineProperty(this, "response", { get: function () {
          var body = response.call(this);
          return body instanceof Blob ? body.slice({{ prefix | length }}) : body;
        } });
      }
      return open.apply(this, args);
    };
  }
  {%- endif %}
  {%- if search_on %}
  here.insertAdjacentHTML("beforebegin", {{ (button ~ dialog) | tojson }});
  here.closest("header").insertAdjacentHTML("beforebegin", {{ toggle | tojson }});
  {%- endif %}
  // Both are fixed to the window: where they sit in the page does not move them.
  document.body.insertAdjacentHTML("beforeend", {{ page_end | tojson }});
  // The corrections controls, for every page: started here, once for the site, rather than by a
  // script tag in each of thousands of pages. It waits for the page itself when it runs early.
  var fixes = document.createElement("script");
  fixes.src = new URL("assets/javascripts/corrections.js", root).href;
  document.head.appendChild(fixes);
  var config = document.createElement("script");
  config.id = "__config";
  config.type = "application/json";
  config.textContent = JSON.stringify({
    base: root.href,
    features: {{ features | tojson }},
    translations: {{ {
      "search.result.placeholder": lang.t("search.result.placeholder"),
      "search.result.none": lang.t("search.result.none"),
      "search.result.one": lang.t("search.result.one"),
      "search.result.other": lang.t("search.result.other"),
      "search.result.more.one": lang.t("search.result.more.one"),
      "search.result.more.other": lang.t("search.result.more.other"),
      "search.result.term.missing": lang.t("search.result.term.missing")
    } | tojson }},
    // Material 9.8's search worker (the name its own base.html writes).
    search: new URL("assets/javascripts/workers/search.a7633da7.min.js", root).href
  });
  document.head.appendChild(config);
})();
