'use strict';
// Employee import: uploads a CSV file and shows the line-level report.
(() => {
  const {api, el, problems, isAdmin} = Herald;

  function stat(label, value, id) {
    return el('div', {class: 'stat'}, el('div', {class: 'label'}, label),
      el('div', {class: 'value', id}, value));
  }

  function table(headers, rows, id) {
    return el('table', {id}, el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))),
      el('tbody', {}, rows.map(cells => el('tr', {}, cells.map(c => el('td', {}, c))))));
  }

  function renderReport(report, fileName) {
    const parts = [el('h2', {}, 'Report for ' + fileName),
      el('div', {class: 'grid'}, stat('Rows', report.rows, 'report-rows'),
        stat('Imported', report.imported, 'report-imported'),
        stat('Updated', report.updated, 'report-updated'),
        stat('Unchanged', report.unchanged, 'report-unchanged'),
        stat('Repeated', report.repeated.length, 'report-repeated'),
        stat('Rejected', report.rejected.length, 'report-rejected'))];
    if (report.rejected.length) {
      parts.push(el('h2', {}, 'Rejected rows'), el('div', {class: 'card'}, table(
        ['Line', 'Employee', 'Reason'],
        report.rejected.map(row => [row.line, row.employeeId || '—', row.reason]), 'rejected')));
    }
    if (report.repeated.length) {
      parts.push(el('h2', {}, 'Repeated employees (the later row wins)'),
        el('div', {class: 'card'}, table(['Line', 'Employee', 'First seen on line'],
          report.repeated.map(row => [row.line, row.employeeId, row.firstLine]), 'repeated')));
    }
    if (!report.rejected.length && !report.repeated.length) {
      parts.push(el('div', {class: 'message ok'}, 'Every row was accepted.'));
    }
    document.getElementById('report').replaceChildren(...parts);
  }

  async function upload(event) {
    event.preventDefault();
    const file = document.getElementById('csv').files[0];
    if (!file) {
      return;
    }
    const button = document.getElementById('import');
    button.disabled = true;
    const answer = await api('POST', 'employees/import', await file.text(),
      {'Content-Type': 'text/csv'});
    button.disabled = false;
    if (answer.ok) {
      renderReport(answer.json, file.name);
    } else {
      document.getElementById('report').replaceChildren(problems(answer));
    }
  }

  Herald.start(async () => {
    if (isAdmin()) {
      document.querySelector('[data-viewer-note]').remove();
      document.getElementById('upload').addEventListener('submit', upload);
    }
  });
})();
