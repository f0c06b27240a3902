// A search box over a community <select>: typing fetches matching communities from the server, so the
// page never carries every community of a city. Without this script the "选择其他社区" link does the job.
(function () {
  if (window.sansheCommunityPicker) return;
  window.sansheCommunityPicker = true;

  function enhance(select) {
    if (select.dataset.enhanced) return;
    select.dataset.enhanced = "1";
    var search = document.createElement("input");
    search.type = "search";
    search.id = select.id + "_search";
    search.className = "picker-search";
    search.autocomplete = "off";
    search.placeholder = select.dataset.searchPlaceholder;
    search.setAttribute("aria-label", select.dataset.searchLabel);
    search.setAttribute("aria-controls", select.id);
    select.parentNode.insertBefore(search, select);
    var link = select.parentNode.querySelector(".picker-choose");
    if (link) link.hidden = true;
    var timer = null;
    // The box is not a filter of its own: keep its events from the form's live search (htmx).
    ["input", "change", "keyup"].forEach(function (kind) {
      search.addEventListener(kind, function (event) { event.stopPropagation(); });
    });
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { lookup(select, search.value); }, 250);
    });
  }

  function lookup(select, text) {
    if (!text.trim()) return;
    fetch(select.dataset.communityPicker + "?q=" + encodeURIComponent(text), {headers: {Accept: "application/json"}})
      .then(function (response) { return response.ok ? response.json() : {results: []}; })
      .then(function (data) { fill(select, data.results); });
  }

  function fill(select, results) {
    var keep = Array.prototype.filter.call(select.options, function (option) {
      return option.value === "" || option.selected;
    });
    var seen = {};
    keep.forEach(function (option) { seen[option.value] = true; });
    select.replaceChildren.apply(select, keep);
    results.forEach(function (row) {
      if (seen[row.id]) return;
      select.add(new Option(row.label, row.id));
    });
  }

  function enhanceAll(root) {
    (root || document).querySelectorAll("select[data-community-picker]").forEach(enhance);
  }
  document.addEventListener("DOMContentLoaded", function () { enhanceAll(); });
  document.addEventListener("htmx:afterSwap", function (event) { enhanceAll(event.target); });
})();
