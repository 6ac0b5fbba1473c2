'use strict';
// Employees: the directory (searched, paged by employee id, opt in / opt out for admins) and
// the CSV import with its line-level report.
(() => {
  const {api, el, problems, isAdmin} = Herald;
  const PAGE_SIZE = 25;
  let search = '';
  let cursors = [''];

  async function loadEmployees() {
    const after = cursors[cursors.length - 1];
    const answer = await api('GET', 'employees?limit=' + PAGE_SIZE + '&after='
      + encodeURIComponent(after) + (search ? '&q=' + encodeURIComponent(search) : ''));
    if (!answer.ok) {
      document.getElementById('notice').replaceChildren(problems(answer));
      return;
    }
    const rows = answer.json;
    document.querySelector('#employees tbody').replaceChildren(...(rows.length === 0
      ? [el('tr', {}, el('td', {colspan: 6, class: 'empty'}, 'No employees here.'))]
      : rows.map(employee => el('tr', {'data-employee': employee.employeeId},
        el('td', {}, employee.employeeId), el('td', {}, employee.name),
        el('td', {}, employee.phone), el('td', {}, employee.department || '—'),
        el('td', {}, el('span', {class: 'badge ' + (employee.optedIn ? 'SENT' : 'FAILED'),
          'data-opted-in': String(employee.optedIn)},
        employee.optedIn ? 'opted in' : 'opted out')),
        el('td', {}, isAdmin() ? el('button', {type: 'button',
          class: 'small ' + (employee.optedIn ? 'danger opt-out' : 'secondary opt-in'),
          onclick: () => changeOptIn(employee)},
        employee.optedIn ? 'Opt out' : 'Opt in') : '')))));
    document.getElementById('previous').disabled = cursors.length === 1;
    document.getElementById('next').disabled = rows.length < PAGE_SIZE;
    document.getElementById('next').dataset.last = rows.length
      ? rows[rows.length - 1].employeeId : '';
    document.getElementById('page-label').textContent = 'Page ' + cursors.length;
  }

  async function changeOptIn(employee) {
    const action = employee.optedIn ? 'opt-out' : 'opt-in';
    const question = employee.optedIn
      ? 'Opt ' + employee.name + ' out? They get no further announcements, and messages to'
        + ' them that are not sent yet are stopped.'
      : 'Opt ' + employee.name + ' in? They get the announcements sent from now on.';
    if (!window.confirm(question)) {
      return;
    }
    const answer = await api('POST', 'employees/' + encodeURIComponent(employee.employeeId)
      + '/' + action);
    document.getElementById('notice').replaceChildren(answer.ok
      ? el('div', {class: 'message ok'}, employee.name + (answer.json.optedIn
        ? ' is opted in.' : ' is opted out.'))
      : problems(answer));
    await loadEmployees();
  }

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
      cursors = [''];
      await loadEmployees();
    } else {
      document.getElementById('report').replaceChildren(problems(answer));
    }
  }

  Herald.start(async () => {
    document.getElementById('search-form').addEventListener('submit', event => {
      event.preventDefault();
      search = document.getElementById('search').value.trim();
      cursors = [''];
      loadEmployees();
    });
    document.getElementById('next').addEventListener('click', event => {
      cursors.push(event.target.dataset.last);
      loadEmployees();
    });
    document.getElementById('previous').addEventListener('click', () => {
      cursors.pop();
      loadEmployees();
    });
    await loadEmployees();
    if (isAdmin()) {
      document.querySelector('[data-viewer-note]').remove();
      document.getElementById('upload').addEventListener('submit', upload);
    }
  });
})();
