// Sorts tables of class "sortable" when a column header is clicked. The tables are complete
// without this script; it only adds buttons to the headers. Numbers sort by data-sort (hidden
// figures, which have none, go last); text by the page's language.
(function () {
  var lang = document.documentElement.lang || 'fr';
  function key(cell) {
    var s = cell.getAttribute('data-sort');
    return s === null ? cell.textContent.trim() : (s === '' ? null : parseFloat(s));
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      var b = document.createElement('button');
      b.type = 'button';
      while (th.firstChild) { b.appendChild(th.firstChild); }
      th.appendChild(b);
      b.addEventListener('click', function () {
        var numeric = th.getAttribute('data-type') === 'num';
        var current = th.getAttribute('aria-sort');
        var asc = current ? current !== 'ascending' : !numeric;
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var a = key(r1.cells[col]), z = key(r2.cells[col]);
          if (a === null || z === null) { return a === z ? 0 : (a === null ? 1 : -1); }
          var d = numeric ? a - z : String(a).localeCompare(String(z), lang, {numeric: true});
          return asc ? d : -d;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
