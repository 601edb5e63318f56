(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll("li.fi"));
  var tip = document.getElementById("tip");
  var pos = document.getElementById("pos");
  var current = -1;

  function item(id) { return document.querySelector('li.fi[data-id="' + id + '"]'); }
  function target(id) {
    return document.getElementById(id) ||
      document.querySelector('[data-f~="' + id + '"], [data-r~="' + id + '"]');
  }
  function visible() { return items.filter(function (li) { return !li.hidden; }); }
  function clear(cls) {
    Array.prototype.forEach.call(document.querySelectorAll("." + cls), function (el) {
      el.classList.remove(cls);
    });
  }
  function status() {
    var shown = visible();
    var at = current >= 0 ? shown.indexOf(items[current]) + 1 : 0;
    pos.textContent = (at ? at + " / " : "") + shown.length + " shown";
  }
  function select(id) {
    var li = item(id);
    if (!li) { return; }
    clear("cur");
    clear("relon");
    current = items.indexOf(li);
    li.classList.add("cur");
    li.scrollIntoView({ block: "nearest" });
    var n = li.querySelectorAll("a.go").length - 1;
    for (var k = 0; k < n; k++) {
      Array.prototype.forEach.call(document.querySelectorAll('[data-r~="' + id + "r" + k + '"]'), function (el) {
        el.classList.add("relon");
      });
    }
    var el = target(id);
    if (el) {
      el.classList.add("cur");
      el.scrollIntoView({ block: "center" });
      el.focus({ preventScroll: true });
      show(el);
    }
    status();
  }
  function go(id) {
    var m = /^(.*f\d+)r\d+$/.exec(id);
    if (!m) { select(id); return; }
    var el = target(id);
    if (el) {
      el.scrollIntoView({ block: "center" });
      el.focus({ preventScroll: true });
      show(el);
    }
  }
  function step(delta) {
    var shown = visible();
    if (!shown.length) { return; }
    var at = shown.indexOf(items[current]);
    at = at < 0 ? (delta > 0 ? 0 : shown.length - 1) : (at + delta + shown.length) % shown.length;
    select(shown[at].getAttribute("data-id"));
  }
  function ids(el, name) {
    var value = el.getAttribute(name);
    return value ? value.split(" ") : [];
  }
  function show(el) {
    tip.textContent = "";
    ids(el, "data-f").forEach(function (id) {
      var li = item(id);
      if (!li || li.hidden) { return; }
      var p = document.createElement("p");
      var b = document.createElement("b");
      b.textContent = li.getAttribute("data-c") + " ";
      p.appendChild(b);
      p.appendChild(document.createTextNode(li.querySelector(".m").textContent));
      tip.appendChild(p);
    });
    ids(el, "data-r").forEach(function (id) {
      var li = item(id.replace(/r\d+$/, ""));
      if (!li || li.hidden) { return; }
      var p = document.createElement("p");
      p.textContent = "\u21a9 " + li.getAttribute("data-c") + ": " + li.querySelector(".m").textContent;
      tip.appendChild(p);
    });
    if (!tip.firstChild) { tip.hidden = true; return; }
    var r = el.getBoundingClientRect();
    tip.style.left = Math.max(4, r.left + window.scrollX) + "px";
    tip.style.top = (r.bottom + window.scrollY + 4) + "px";
    tip.hidden = false;
  }
  function mark(node) {
    return node && node.closest ? node.closest("[data-f], [data-r]") : null;
  }
  function filter() {
    var on = {};
    Array.prototype.forEach.call(document.querySelectorAll("#filters input"), function (box) {
      on[box.className + ":" + box.value] = box.checked;
    });
    var shown = {};
    items.forEach(function (li) {
      var ok = on["sev:" + li.getAttribute("data-s")] !== false && on["rule:" + li.getAttribute("data-c")] !== false;
      li.hidden = !ok;
      if (ok) { shown[li.getAttribute("data-id")] = true; }
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-f], [data-r]"), function (el) {
      var live = ids(el, "data-f").some(function (id) { return shown[id]; }) ||
        ids(el, "data-r").some(function (id) { return shown[id.replace(/r\d+$/, "")]; });
      el.classList.toggle("off", !live);
    });
    status();
  }

  document.getElementById("filters").addEventListener("change", filter);
  document.getElementById("next").addEventListener("click", function () { step(1); });
  document.getElementById("prev").addEventListener("click", function () { step(-1); });
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.go") : null;
    if (link) {
      event.preventDefault();
      go(link.getAttribute("data-go"));
      return;
    }
    var el = mark(event.target);
    if (!el || el.classList.contains("off")) { return; }
    var own = ids(el, "data-f").filter(function (id) { return !item(id).hidden; });
    if (own.length) { select(own[0]); return; }
    var back = ids(el, "data-r").map(function (id) { return id.replace(/r\d+$/, ""); })
      .filter(function (id) { return !item(id).hidden; });
    if (back.length) { select(back[0]); }
  });
  document.addEventListener("keydown", function (event) {
    var t = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || (t && /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) { return; }
    if (event.key === "j" || event.key === "n") { step(1); event.preventDefault(); }
    else if (event.key === "k" || event.key === "p") { step(-1); event.preventDefault(); }
    else if (event.key === "Enter" && mark(t)) { t.click(); event.preventDefault(); }
    else if (event.key === "Escape") { tip.hidden = true; }
  });
  document.addEventListener("mouseover", function (event) {
    var el = mark(event.target);
    if (el && !el.classList.contains("off")) { show(el); } else { tip.hidden = true; }
  });
  document.addEventListener("focusin", function (event) {
    var el = mark(event.target);
    if (el && !el.classList.contains("off")) { show(el); }
  });
  status();
})();
