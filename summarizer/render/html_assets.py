"""The style and script every page carries inline: a page opens from file:// with no network."""

from __future__ import annotations

import json
from typing import Any

CSS = """
:root { --exact:#cdeccf; --normalized:#cfe3f7; --warning:#fde7b0; --error:#f7c6c2;
  --exact-b:#2e7d32; --normalized-b:#1f5f99; --warning-b:#8a5a00; --error-b:#b3261e;
  --none-b:#666; font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
* { box-sizing: border-box; }
body { margin:0; color:#1d1d1f; background:#f6f6f4; font-size:15px; line-height:1.45; }
header.top { padding:10px 16px; background:#fff; border-bottom:1px solid #ddd; display:flex;
  gap:16px; align-items:center; flex-wrap:wrap; }
header.top h1 { font-size:17px; margin:0; flex:1 1 auto; }
.counts span { margin-right:10px; white-space:nowrap; }
.alerts { margin:0; padding:8px 16px; background:#fdecea; border-bottom:2px solid var(--error-b);
  list-style:none; }
.alerts li { margin:2px 0; }
.alerts b { color:var(--error-b); }
body.review-page { display:flex; flex-direction:column; height:100vh; }
main.review { display:grid; grid-template-columns:minmax(320px,5fr) 6fr; gap:0;
  flex:1 1 auto; min-height:0; }
main.review > section { overflow:auto; padding:12px 16px; }
section.summary { background:#fff; border-right:1px solid #ddd; }
section.summary h2, section.source h2 { font-size:15px; margin:14px 0 6px; color:#444; }
.item { list-style:none; margin:4px 0; padding:6px 8px; border:1px solid #e4e4e4;
  border-left:4px solid var(--none-b); border-radius:4px; cursor:pointer; }
.item[data-tone=exact] { border-left-color:var(--exact-b); }
.item[data-tone=normalized] { border-left-color:var(--normalized-b); }
.item[data-tone=warning] { border-left-color:var(--warning-b); }
.item[data-tone=error] { border-left-color:var(--error-b); }
.item, section.summary h2 { content-visibility:auto; contain-intrinsic-size:auto 40px; }
.item.picked { outline:2px solid #333; background:#fafafa; }
ul.items { padding:0; margin:0; }
li.empty { list-style:none; color:#777; padding:2px 8px; }
.field-name { color:#555; min-width:9em; display:inline-block; }
.sector { font-size:12px; color:#555; border:1px solid #ccc; border-radius:3px; padding:0 4px; }
.metric { display:inline-block; margin:2px 4px 2px 0; padding:0 6px; border-radius:10px;
  border:1px solid #ccc; background:#fafafa; }
.metric.picked { outline:2px solid #333; }
.badge { display:inline-block; font-size:12px; padding:0 6px; border-radius:8px; margin-left:6px;
  color:#fff; background:var(--none-b); white-space:nowrap; }
.badge[data-tone=exact] { background:var(--exact-b); }
.badge[data-tone=normalized] { background:var(--normalized-b); }
.badge[data-tone=warning] { background:var(--warning-b); }
.badge[data-tone=error] { background:var(--error-b); }
.reasons { display:none; margin:4px 0 0; padding-left:18px; font-size:13px; color:#333; }
.picked > .reasons, .metric.picked .reasons { display:block; }
.reasons code { font-size:12px; color:#555; }
#source { white-space:pre-wrap; word-wrap:break-word; font-family: Georgia, "Noto Serif", serif;
  background:#fff; padding:12px; border:1px solid #ddd; border-radius:4px; }
#source .chunk { content-visibility:auto; contain-intrinsic-size:auto 400px; }
#source mark { background:transparent; color:inherit; border-bottom:2px solid transparent;
  padding:0; }
#source mark[data-tone=exact] { background:rgba(120,200,125,.28); border-color:var(--exact-b); }
#source mark[data-tone=normalized] { background:rgba(100,160,225,.25);
  border-color:var(--normalized-b); }
#source mark[data-tone=warning] { background:rgba(250,190,60,.35); border-color:var(--warning-b); }
#source mark[data-tone=error] { background:rgba(230,90,80,.30); border-color:var(--error-b); }
#source mark[data-alert] { background:repeating-linear-gradient(45deg,#f7c6c2 0 6px,#fff 6px 12px); }
#source mark.active { outline:2px solid #111; background:#ffe34d; }
::highlight(picked) { background-color:#ffe34d; }
.only-problems .item:not([data-tone=error]):not([data-tone=warning]) { display:none; }
.only-problems .metric:not([data-tone=error]):not([data-tone=warning]) { display:none; }
.only-problems #source mark:not([data-tone=error]):not([data-tone=warning]):not([data-alert]) {
  background:transparent; border-color:transparent; }
footer { padding:8px 16px; font-size:13px; color:#444; border-top:1px solid #ddd; background:#fff; }
footer span { margin-right:14px; white-space:nowrap; }
.legend mark { padding:0 4px; border-radius:3px; }
table.grid { border-collapse:collapse; background:#fff; margin:8px 0 16px; font-size:14px; }
table.grid th, table.grid td { border:1px solid #ddd; padding:4px 8px; text-align:left;
  vertical-align:top; }
table.grid th { background:#f0f0ee; cursor:pointer; user-select:none; }
table.grid td.num { text-align:right; font-variant-numeric:tabular-nums; }
table.grid tfoot td { font-weight:600; background:#f7f7f5; }
.page { padding:12px 16px; }
.tone-error { color:var(--error-b); font-weight:600; }
.tone-warning { color:var(--warning-b); }
.tone-exact { color:var(--exact-b); }
@media (max-width: 800px) { body.review-page { display:block; height:auto; }
  main.review { display:block; } }
"""

REVIEW_JS = r"""
(function () {
  var data = JSON.parse(document.getElementById('checks-data').textContent);
  var source = document.getElementById('source');
  function under(path, item) {
    return path === item || path.indexOf(item + '.') === 0 || path.indexOf(item + '[') === 0;
  }
  function rangeAt(start, end) {
    var walker = document.createTreeWalker(source, NodeFilter.SHOW_TEXT);
    var pos = 0, node, range = document.createRange(), started = false;
    while ((node = walker.nextNode())) {
      var len = node.data.length;
      if (!started && start <= pos + len) { range.setStart(node, start - pos); started = true; }
      if (started && end <= pos + len) { range.setEnd(node, end - pos); return range; }
      pos += len;
    }
    return null;
  }
  var index = null;
  function byItem(item) {
    if (!index) {
      index = {};
      data.forEach(function (c) {
        var p = c.path;
        for (var i = 0; i <= p.length; i++) {
          if (i === p.length || p[i] === '.' || p[i] === '[') {
            var key = p.slice(0, i);
            (index[key] = index[key] || []).push(c);
          }
        }
      });
    }
    return index[item] || [];
  }
  function clear() {
    document.querySelectorAll('ul.reasons').forEach(function (e) { e.remove(); });
    document.querySelectorAll('.picked').forEach(function (e) { e.classList.remove('picked'); });
    source.querySelectorAll('mark.active').forEach(function (e) { e.classList.remove('active'); });
    if (window.CSS && CSS.highlights) { CSS.highlights.delete('picked'); }
  }
  function pick(el) {
    clear();
    el.classList.add('picked');
    var item = el.getAttribute('data-item'), first = null, ranges = [];
    var q = item.replace(/["\\]/g, '\\$&');
    source.querySelectorAll('mark[data-path="' + q + '"], mark[data-path^="' + q +
        '."], mark[data-path^="' + q + '["]').forEach(function (m) {
      m.classList.add('active');
      if (!first) { first = m; }
    });
    var list = document.createElement('ul');
    list.className = 'reasons';
    byItem(item).forEach(function (c) {
      var li = document.createElement('li'), code = document.createElement('code');
      var label = document.createElement('span');
      code.textContent = c.path;
      label.className = 'tone-' + c.tone;
      label.textContent = c.label;
      li.append(code, ' ', label, ': ' + c.reason);
      list.appendChild(li);
    });
    if (list.childNodes.length) { el.appendChild(list); }
    byItem(item).forEach(function (c) {
      if (!c.drawn && c.span) {
        var r = rangeAt(c.span[0], c.span[1]);
        if (r) { ranges.push(r); }
      }
    });
    if (ranges.length && window.Highlight && CSS.highlights) {
      CSS.highlights.set('picked', new Highlight(...ranges));
    }
    var target = first || (ranges.length ? ranges[0].startContainer.parentElement : null);
    if (target) { target.scrollIntoView({block: 'center'}); }
  }
  document.querySelectorAll('[data-item]').forEach(function (el) {
    el.addEventListener('click', function (ev) { ev.stopPropagation(); pick(el); });
  });
  source.addEventListener('click', function (ev) {
    var m = ev.target.closest('mark[data-path]');
    if (!m) { return; }
    var path = m.getAttribute('data-path'), best = null;
    document.querySelectorAll('[data-item]').forEach(function (el) {
      var item = el.getAttribute('data-item');
      if (under(path, item) && (!best || item.length > best.getAttribute('data-item').length)) {
        best = el;
      }
    });
    if (best) { pick(best); best.scrollIntoView({block: 'center'}); }
  });
  var only = document.getElementById('only-problems');
  function filter() { document.body.classList.toggle('only-problems', only.checked); }
  only.addEventListener('change', filter);
  if (only.checked) { filter(); }
  document.querySelectorAll('[data-goto-alert]').forEach(function (b) {
    b.addEventListener('click', function () {
      var m = source.querySelector('mark[data-alert-index="' + b.getAttribute('data-goto-alert') + '"]');
      if (m) { m.scrollIntoView({block: 'center'}); }
    });
  });
})();
"""

TABLE_JS = r"""
(function () {
  document.querySelectorAll('table.sortable').forEach(function (table) {
    table.querySelectorAll('thead th').forEach(function (th, col) {
      th.addEventListener('click', function () {
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        var asc = th.getAttribute('data-order') !== 'asc';
        table.querySelectorAll('thead th').forEach(function (h) { h.removeAttribute('data-order'); });
        th.setAttribute('data-order', asc ? 'asc' : 'desc');
        function key(row) {
          var cell = row.cells[col], raw = cell.getAttribute('data-sort');
          var text = raw !== null ? raw : cell.textContent.trim();
          var num = parseFloat(text);
          return isNaN(num) || raw === null && !/^-?[0-9.]+$/.test(text) ? text : num;
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var out = typeof x === 'number' && typeof y === 'number' ? x - y
            : String(x).localeCompare(String(y), 'vi');
          return asc ? out : -out;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
"""


def json_for_script(value: Any) -> str:
    """JSON that cannot close its <script> element: every '<', '>' and '&' becomes an escape."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page(title: str, body: str, script: str = "", body_class: str = "") -> str:
    """A whole self-contained document: inline style, inline script, no outside resource."""
    from html import escape

    tail = f"<script>{script}</script>" if script else ""
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n"
        f'<body class="{body_class}">\n{body}\n{tail}\n</body>\n</html>\n'
    )
