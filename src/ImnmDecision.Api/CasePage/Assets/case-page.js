// The case page: renders the form from /case-page/form.json (derived from the findings schema), posts the case
// to POST /api/v1/assessments and shows the server's report. Text from anywhere else goes in as text nodes only.
(() => {
  'use strict';

  const BAD = Symbol('bad input');
  const entries = new Map(); // JSON path -> one input (a field) or one fieldset (a section or group)
  let assessmentsPath = '/api/v1/assessments';

  const $ = (id) => document.getElementById(id);

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key === 'role' || key.startsWith('data-') || key.startsWith('aria-')) node.setAttribute(key, value);
      else node[key] = value;
    }
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  }

  const idOf = (path) => 'f-' + path.replace(/\./g, '-');

  function select(id, options) {
    return el('select', { id }, ...options.map(([value, label]) => el('option', { value, text: label })));
  }

  // Each kind of field: the control, and how its value is read (undefined: not sent) and written.
  const kinds = {
    number(field, id) {
      const input = el('input', { type: 'number', id, step: 'any', inputMode: 'decimal', autocomplete: 'off' });
      if (field.min !== undefined) input.min = String(field.min);
      if (field.max !== undefined) input.max = String(field.max);
      return {
        control: input,
        focus: input,
        get: () => (input.validity.badInput ? BAD : input.value.trim() === '' ? undefined : Number(input.value)),
        set: (v) => { input.value = String(v); },
      };
    },
    boolean(field, id) {
      const box = select(id, [['', '(unknown)'], ['true', 'yes'], ['false', 'no']]);
      return { control: box, focus: box, get: () => (box.value === '' ? undefined : box.value === 'true'), set: (v) => { box.value = String(v); } };
    },
    choice(field, id) {
      const box = select(id, [['', '(unknown)'], ...field.choices.map((c) => [c, c])]);
      return { control: box, focus: box, get: () => (box.value === '' ? undefined : box.value), set: (v) => { box.value = String(v); } };
    },
    choiceSet(field, id) {
      // Absent: not known. Tested: the ticked ones were positive ([] when none was).
      const state = select(id, [['', '(unknown)'], ['tested', 'tested: the ticked ones positive']]);
      const boxes = field.choices.map((c) => el('input', { type: 'checkbox', value: c, id: id + '-' + c }));
      for (const box of boxes) box.addEventListener('change', () => { if (box.checked) state.value = 'tested'; });
      state.addEventListener('change', () => { if (state.value === '') for (const box of boxes) box.checked = false; });
      const group = el('div', { class: 'choice-set', role: 'group' }, state,
        ...boxes.map((box) => el('label', { class: 'tick' }, box, ' ' + box.value)));
      return {
        control: group,
        focus: state,
        get: () => (state.value === '' ? undefined : boxes.filter((b) => b.checked).map((b) => b.value)),
        set: (v) => { state.value = 'tested'; for (const box of boxes) box.checked = Array.isArray(v) && v.includes(box.value); },
      };
    },
    text(field, id) {
      const input = el('input', { type: 'text', id, autocomplete: 'off', spellcheck: false });
      if (field.maxLength) input.maxLength = field.maxLength;
      return { control: input, focus: input, get: () => (input.value === '' ? undefined : input.value), set: (v) => { input.value = String(v); } };
    },
  };

  function errorLine(id) {
    return el('p', { class: 'field-error', id: id + '-error', hidden: true, 'aria-live': 'polite' });
  }

  function withErrors(entry, node, error) {
    entry.showError = (text) => {
      error.textContent = text;
      error.hidden = false;
      node.classList.add('invalid');
      entry.focus?.setAttribute('aria-invalid', 'true');
    };
    entry.clearError = () => {
      error.textContent = '';
      error.hidden = true;
      node.classList.remove('invalid');
      entry.focus?.removeAttribute('aria-invalid');
    };
    return entry;
  }

  function renderField(field) {
    const id = idOf(field.path);
    const entry = kinds[field.kind](field, id);
    const unit = el('span', { class: 'unit', text: field.unit || (field.unitField ? 'in ' + field.unitField : '') });
    const label = el('label', { htmlFor: id, title: field.path }, el('code', { text: field.name }), ' ', unit);
    const error = errorLine(id);
    entry.focus.setAttribute('aria-describedby', id + '-meaning ' + id + '-error');
    const row = el('div', { class: 'field field-' + field.kind, 'data-path': field.path },
      label, entry.control, error, el('p', { class: 'meaning', id: id + '-meaning', text: field.description }));
    entries.set(field.path, withErrors(Object.assign(entry, { field, unit, row }), row, error));
    return row;
  }

  function renderSet(set, heading) {
    const error = errorLine(idOf(set.name));
    const box = el('fieldset', { class: 'section', 'data-path': set.name },
      el('legend', {}, el(heading, { text: set.name })),
      el('p', { class: 'meaning', text: set.description }), error,
      el('div', { class: 'grid' }, ...set.fields.map(renderField)),
      ...(set.groups || []).map((g) => renderSet(g, 'h3')));
    entries.set(set.name, withErrors({ focus: null, row: box }, box, error));
    return box;
  }

  function renderForm(form) {
    assessmentsPath = form.assessmentsPath;
    $('fields').replaceChildren(...form.sections.map((s) => renderSet(s, 'h2')));
    for (const entry of entries.values()) {
      const unitField = entry.field?.unitField;
      if (!unitField) continue;
      const source = entries.get(unitField).focus;
      const show = () => { entry.unit.textContent = source.value ? 'in ' + source.value : 'in ' + unitField; };
      source.addEventListener('change', show);
      entry.refreshUnit = show;
    }
  }

  const fieldEntries = () => [...entries.values()].filter((e) => e.field);

  function clearForm() {
    for (const entry of fieldEntries()) {
      if (entry.control.matches('select, input')) entry.control.value = '';
      for (const node of entry.control.querySelectorAll('select')) node.value = '';
      for (const node of entry.control.querySelectorAll('input[type=checkbox]')) node.checked = false;
      entry.refreshUnit?.();
    }
    clearErrors();
  }

  function fill(value) {
    clearForm();
    const unknown = [];
    const walk = (node, prefix) => {
      for (const [key, v] of Object.entries(node)) {
        const path = prefix ? prefix + '.' + key : key;
        const entry = entries.get(path);
        if (entry?.field) entry.set(v);
        else if (v !== null && typeof v === 'object' && !Array.isArray(v)) walk(v, path);
        else unknown.push(path);
      }
    };
    walk(value, '');
    for (const entry of fieldEntries()) entry.refreshUnit?.();
    return unknown;
  }

  function collect() {
    const body = {};
    const bad = [];
    for (const entry of fieldEntries()) {
      const value = entry.get();
      if (value === BAD) bad.push(entry);
      if (value === BAD || value === undefined) continue;
      const names = entry.field.path.split('.');
      let node = body;
      for (const name of names.slice(0, -1)) node = node[name] ??= {};
      node[names[names.length - 1]] = value;
    }
    return { body, bad };
  }

  function clearErrors() {
    for (const entry of entries.values()) entry.clearError();
    $('status').replaceChildren();
  }

  function status(...children) {
    $('status').replaceChildren(...children);
  }

  // An error key is a JSON path (patient.ageYears, antibodies.otherMyositisSpecific[1], $): the nearest input or fieldset.
  function entryFor(key) {
    let path = key.replace(/^\$\.?/, '').replace(/\[\d+\]/g, '');
    while (path) {
      if (entries.has(path)) return entries.get(path);
      const dot = path.lastIndexOf('.');
      path = dot < 0 ? '' : path.slice(0, dot);
    }
    return null;
  }

  function showProblem(problem, code) {
    const list = el('ul');
    let first = null;
    for (const [key, messages] of Object.entries(problem.errors || {})) {
      const texts = (Array.isArray(messages) ? messages : [String(messages)]).map(String);
      const entry = entryFor(key);
      entry?.showError(texts.join(' '));
      first ??= entry;
      for (const text of texts) {
        const line = text.includes(key) || key === '$' ? text : key + ': ' + text;
        const target = entry?.focus?.id || entry?.row.querySelector('[id]')?.id;
        list.append(el('li', {}, target ? el('a', { href: '#' + target, text: line }) : line));
      }
    }
    status(el('div', { class: 'problem', role: 'alert' },
      el('strong', { text: problem.title || 'HTTP ' + code }),
      problem.detail ? el('p', { text: problem.detail }) : null,
      list.childElementCount ? list : null));
    $('report').replaceChildren();
    if (first?.focus) first.focus.focus();
    else first?.row.scrollIntoView({ block: 'center' });
  }

  function showReport(text, type) {
    if (type.startsWith('text/html')) {
      // The server's own report: every text in it is HTML-encoded there. Scripts and styles are dropped all the same.
      const page = new DOMParser().parseFromString(text, 'text/html');
      const report = page.querySelector('main.imnm-report');
      if (!report) throw new Error('The answer holds no report.');
      for (const node of report.querySelectorAll('script, style, link, iframe, object, embed')) node.remove();
      $('report').replaceChildren(document.adoptNode(report));
    } else {
      $('report').replaceChildren(el('pre', { class: 'markdown', text }));
    }
    $('report-pane').scrollTop = 0;
  }

  async function assess(event) {
    event.preventDefault();
    clearErrors();
    const { body, bad } = collect();
    if (bad.length) {
      showProblem({ title: 'Not sent: a value is not a number', errors: Object.fromEntries(bad.map((e) => [e.field.path, [e.field.expected]])) }, 0);
      return;
    }
    const accept = $('format').value;
    const headers = { 'Content-Type': 'application/json', Accept: accept };
    const token = $('token').value.trim();
    if (token) headers.Authorization = 'Bearer ' + token;
    const button = $('assess');
    button.disabled = true;
    status(el('p', { class: 'busy', text: 'Assessing…' }));
    try {
      const response = await fetch(assessmentsPath, { method: 'POST', headers, body: JSON.stringify(body), cache: 'no-store' });
      const type = response.headers.get('Content-Type') || '';
      if (response.ok && type.startsWith(accept)) {
        showReport(await response.text(), type);
        status();
      } else if (type.includes('json')) {
        showProblem(await response.json(), response.status);
      } else {
        showProblem({ title: 'HTTP ' + response.status + ' ' + response.statusText }, response.status);
      }
    } catch (error) {
      showProblem({ title: 'No answer', detail: String(error && error.message ? error.message : error) }, 0);
    } finally {
      button.disabled = false;
    }
  }

  function renderExamples(examples) {
    $('examples').replaceChildren(...examples.map((example) => {
      const button = el('button', { type: 'button', class: 'example', title: example.description, text: example.summary, 'data-example': example.name });
      button.addEventListener('click', () => {
        const unknown = fill(example.value);
        status(el('p', { class: 'note', text: 'Example filled in: ' + example.summary + '. Press Assess.'
          + (unknown.length ? ' Not on this form: ' + unknown.join(', ') + '.' : '') }));
        $('report').replaceChildren();
      });
      return el('li', {}, button);
    }));
  }

  async function load(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(path + ' answered ' + response.status);
    return response.json();
  }

  async function start() {
    $('case-form').addEventListener('submit', assess);
    $('clear').addEventListener('click', () => { clearForm(); $('report').replaceChildren(); });
    try {
      const [form, examples] = await Promise.all([load('/case-page/form.json'), load('/case-page/examples.json')]);
      renderForm(form);
      renderExamples(examples);
      document.body.dataset.ready = 'true';
    } catch (error) {
      showProblem({ title: 'The page could not load its form', detail: String(error.message || error) }, 0);
    }
  }

  start();
})();
