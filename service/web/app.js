// The page of `proviso serve`: the helpers, the view switching and the questionnaire
// that decides one flow (views.js has the policies, findings and register views).
// Plain DOM, no framework; every piece of data is put in with textContent, never
// parsed as HTML.
'use strict';

const state = {
  token: sessionStorage.getItem('proviso-token') || '',
  facts: new Map(),        // name -> {name, question, type, values, min, max, cite}
  factOrder: [],
  sectors: [],
  obligations: new Map(),  // name -> text
  from: '',
  to: '',
  answers: new Map(),      // fact name -> JSON value, in the order given
  unknown: new Set(),      // facts answered "I don't know"
  editing: null,           // the fact being changed, or null
  result: null,
  question: null,
  seq: 0,
  policies: null,
};

// ---------------------------------------------------------------- small helpers

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const $ = (id) => document.getElementById(id);

function words(name) {
  return String(name).replace(/[_.]+/g, ' ');
}

const OUTCOME = {
  share: {title: 'Share', text: 'The data may be shared, on the conditions listed.'},
  refer: {title: 'Refer', text: 'A person must look at this case before anything is shared (for example the Caldicott guardian or the data protection officer).'},
  deny: {title: 'Do not share', text: 'The data must not be shared for this purpose.'},
  undetermined: {title: 'Not decided', text: 'The answers so far do not settle it.'},
};

function say(message, isError) {
  const s = $('status');
  s.textContent = message || '';
  s.classList.toggle('error', Boolean(isError));
}

class Unauthorised extends Error {}

async function api(method, path, body) {
  const headers = {};
  if (state.token) headers.Authorization = 'Bearer ' + state.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  if (response.status === 401) {
    showTokenForm();
    throw new Unauthorised('This service needs its access token.');
  }
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    const message = data && data.error ? data.error : 'The service answered ' + response.status + '.';
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return {status: response.status, data};
}

function report(error) {
  say(error instanceof Unauthorised ? error.message : 'Something went wrong: ' + error.message, true);
}

function showTokenForm() {
  const form = $('token-form');
  form.hidden = false;
  $('token').focus();
}

// Fact names with dots are nested objects in a scenario: discloser.kind -> {discloser: {kind}}.
function nest(flat) {
  const out = {};
  for (const [name, value] of flat) {
    const parts = name.split('.');
    let at = out;
    for (const part of parts.slice(0, -1)) {
      if (typeof at[part] !== 'object' || at[part] === null || Array.isArray(at[part])) at[part] = {};
      at = at[part];
    }
    at[parts[parts.length - 1]] = value;
  }
  return out;
}

// The reverse, for witnesses and recorded requests.
function flatten(object, prefix, out) {
  for (const [key, value] of Object.entries(object || {})) {
    const name = prefix ? prefix + '.' + key : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) flatten(value, name, out);
    else out.set(name, value);
  }
  return out;
}

function kindOf(fact) {
  if (!fact) return 'enum';
  if (fact.type === 'bool') return 'bool';
  if (fact.type.startsWith('int')) return 'int';
  if (fact.type.startsWith('set of ')) return 'set';
  return 'enum';
}

function showValue(value) {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  if (Array.isArray(value)) return value.length ? value.map(words).join(', ') : 'none';
  if (value === null || value === undefined || value === 'unknown') return "don't know";
  return words(value);
}

function questionOf(name) {
  const f = state.facts.get(name);
  return f && f.question ? f.question : words(name);
}

function scenario() {
  return {from: state.from, to: state.to, facts: nest(state.answers)};
}

// ---------------------------------------------------------------- views

const VIEWS = ['decide', 'policies', 'findings', 'register'];

function showView() {
  const name = VIEWS.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'decide';
  for (const panel of document.querySelectorAll('[data-view-panel]')) panel.hidden = panel.dataset.viewPanel !== name;
  for (const link of document.querySelectorAll('nav a')) {
    if (link.dataset.view === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (name === 'policies') loadPolicies().catch(report);
  if (name === 'findings') loadFindings().catch(report);
  if (name === 'register') loadRegister().catch(report);
}

// ---------------------------------------------------------------- the questionnaire

function fillSectors(select, blank) {
  select.replaceChildren();
  select.append(h('option', {value: '', text: blank}));
  for (const s of state.sectors) select.append(h('option', {value: s, text: words(s)}));
}

async function loadBundle() {
  const {data} = await api('GET', '/v1/bundle');
  state.facts.clear();
  state.factOrder = [];
  for (const f of data.facts) {
    state.facts.set(f.name, f);
    state.factOrder.push(f.name);
  }
  state.sectors = data.facts.length ? data.facts[0].values : [];
  for (const o of data.obligations) state.obligations.set(o.name, o.text);
  fillSectors($('flow-from'), 'Choose a sector');
  fillSectors($('flow-to'), 'Choose a sector');
  fillSectors($('reg-from'), 'Any');
  fillSectors($('reg-to'), 'Any');
}

function startFlow(from, to, answers) {
  state.from = from;
  state.to = to;
  state.answers = new Map(answers || []);
  state.unknown = new Set();
  state.editing = null;
  $('flow-from').value = from;
  $('flow-to').value = to;
  return ask(true);
}

async function ask(moveFocus) {
  const seq = ++state.seq;
  const started = performance.now();
  document.body.dataset.busy = 'true';
  try {
    const body = Object.assign(scenario(), {unknown: [...state.unknown]});
    // No justification while questions remain: it can weigh megabytes for a flow with
    // few answers, and it is shown once the decision is settled (finish, below).
    const {data} = await api('POST', '/v1/ask?trace=none', body);
    if (seq !== state.seq) return;  // a newer answer was given meanwhile
    state.result = data;
    say('');
    renderQuestion(data.next_question, moveFocus);
    renderAnswers();
    renderDecision(data);
    // One answer's round trip, request and rendering (the browser test reads it).
    performance.measure('proviso-answer', {start: started});
    if (!data.next_question) await finish(seq, data);
  } catch (error) {
    if (seq === state.seq) report(error);
  } finally {
    if (seq === state.seq) document.body.dataset.busy = 'false';
  }
}

// No question is left: the decision is recorded, and what would change it is asked.
async function finish(seq, result) {
  $('record').replaceChildren(h('p', {class: 'hint', text: 'Recording the decision…'}));
  const recorded = await api('POST', '/v1/decide?trace=full', scenario());
  if (seq !== state.seq) return;
  renderRecord(recorded.data.decision_id);
  renderJustification(recorded.data);
  if (result.decision === 'undetermined') {
    $('change-panel').hidden = true;
    return;
  }
  const explained = await api('POST', '/v1/explain', {scenario: scenario()});
  if (seq !== state.seq) return;
  renderChanges(explained.data);
}

function renderQuestion(question, moveFocus) {
  const form = $('question-form');
  state.question = question;
  const editing = state.editing;
  if (!question && !editing) {
    form.hidden = true;
    $('question').removeAttribute('data-fact');
    if (moveFocus) $('decision-title').focus();
    return;
  }
  const name = editing || question.fact;
  const fact = state.facts.get(name) || {name, question: question && question.text, type: question && question.type, values: question && question.values, cite: question && question.cite};
  const text = editing ? questionOf(name) : question.text;
  const cites = editing ? fact.cite : question.cite;
  form.hidden = false;
  $('question').dataset.fact = name;
  $('question-text').textContent = text;
  const kind = kindOf(fact);
  const current = state.answers.get(name);
  let control;
  if (kind === 'int') {
    control = h('input', {id: 'answer', 'data-testid': 'answer', type: 'number', step: 1, inputmode: 'numeric',
      min: fact.min, max: fact.max, 'aria-labelledby': 'question-text', 'aria-describedby': 'question-hint'});
    if (current !== undefined) control.value = String(current);
    $('question-hint').textContent = fact.min !== undefined ? 'A whole number from ' + fact.min + ' to ' + fact.max + '.' : 'A whole number.';
  } else if (kind === 'set') {
    control = h('select', {id: 'answer', 'data-testid': 'answer', multiple: true, size: Math.min(fact.values.length, 8),
      'aria-labelledby': 'question-text', 'aria-describedby': 'question-hint'});
    for (const v of fact.values) control.append(h('option', {value: v, text: words(v), selected: Array.isArray(current) && current.includes(v)}));
    $('question-hint').textContent = 'Choose all that apply (Ctrl or Shift with a click, or Shift with the arrow keys). Choosing none means none apply.';
  } else {
    control = h('select', {id: 'answer', 'data-testid': 'answer', required: true, 'aria-labelledby': 'question-text', 'aria-describedby': 'question-hint'});
    control.append(h('option', {value: '', text: 'Choose an answer'}));
    const values = kind === 'bool' ? ['yes', 'no'] : fact.values;
    for (const v of values) {
      const selected = kind === 'bool' ? current === (v === 'yes') : current === v;
      control.append(h('option', {value: v, text: words(v), selected}));
    }
    $('question-hint').textContent = editing ? 'You are changing an earlier answer.' : '';
  }
  $('question-control').replaceChildren(control);
  $('question-cites').replaceChildren(...(cites || []).map((c) => h('li', {text: c})));
  $('question-cites-label').hidden = !(cites || []).length;
  if (moveFocus) control.focus();
}

function readAnswer() {
  const name = $('question').dataset.fact;
  const fact = state.facts.get(name);
  const control = $('answer');
  const kind = kindOf(fact);
  if (kind === 'set') return {name, value: [...control.selectedOptions].map((o) => o.value)};
  if (control.value === '') return {name, error: kind === 'int' ? 'Type a whole number, or choose "I don\'t know".' : 'Choose an answer, or choose "I don\'t know".'};
  if (kind === 'bool') return {name, value: control.value === 'yes'};
  if (kind === 'int') {
    const n = Number(control.value);
    if (!Number.isInteger(n)) return {name, error: 'Type a whole number.'};
    if ((fact.min !== undefined && n < fact.min) || (fact.max !== undefined && n > fact.max)) {
      return {name, error: 'Type a number from ' + fact.min + ' to ' + fact.max + '.'};
    }
    return {name, value: n};
  }
  return {name, value: control.value};
}

function onAnswer(event) {
  event.preventDefault();
  const answer = readAnswer();
  if (answer.error) {
    say(answer.error, true);
    $('answer').focus();
    return;
  }
  state.answers.delete(answer.name);  // a changed answer moves to the end, as the last one given
  state.answers.set(answer.name, answer.value);
  state.unknown.delete(answer.name);
  state.editing = null;
  ask(true);
}

function onDontKnow() {
  const name = $('question').dataset.fact;
  if (!name) return;
  state.answers.delete(name);
  state.unknown.add(name);
  state.editing = null;
  ask(true);
}

function renderAnswers() {
  const body = $('answers').tBodies[0];
  body.replaceChildren();
  const rows = [...state.answers.entries()].map(([name, value]) => [name, showValue(value)]);
  for (const name of state.unknown) rows.push([name, "I don't know"]);
  for (const [name, shown] of rows) {
    const change = h('button', {type: 'button', class: 'link', 'aria-label': 'Change the answer to: ' + questionOf(name), text: 'Change',
      onclick: () => {
        state.editing = name;
        renderQuestion(null, true);
      }});
    body.append(h('tr', {'data-fact': name}, h('td', {text: questionOf(name)}), h('td', {text: shown}), h('td', {}, change)));
  }
  $('answers-panel').hidden = rows.length === 0;
}

function renderDecision(r) {
  $('decision-panel').hidden = false;
  const final = !r.next_question;
  const o = OUTCOME[r.decision] || {title: r.decision, text: ''};
  const el = $('decision');
  el.dataset.outcome = r.decision;
  el.dataset.final = String(final);
  el.className = 'decision outcome-' + r.decision;
  el.replaceChildren(h('strong', {text: final ? o.title : 'So far: ' + o.title.toLowerCase()}), h('span', {text: o.text}));
  const detail = [];
  if (r.obligations && r.obligations.length) {
    detail.push(h('h3', {text: 'Conditions of sharing'}),
      h('ul', {class: 'obligations'}, r.obligations.map((n) => h('li', {}, h('strong', {text: words(n)}), state.obligations.get(n) ? ': ' + state.obligations.get(n) : ''))));
  }
  if (r.decision === 'undetermined' && r.missing && r.missing.length) {
    // While questions remain, a few of them; once finished, every one still needed.
    const shown = final ? r.missing : r.missing.slice(0, 5);
    const more = r.missing.length - shown.length;
    detail.push(h('h3', {text: final ? 'Still needed to decide' : 'Questions that could still decide it'}),
      h('ul', {class: 'missing'}, shown.map((n) => h('li', {text: questionOf(n)})),
        more > 0 ? h('li', {class: 'hint', text: 'and ' + more + ' more'}) : null));
  }
  $('decision-detail').replaceChildren(...detail);
  if (!final) {
    $('record').replaceChildren();
    $('change-panel').hidden = true;
    $('justification-panel').hidden = true;
  }
}

function renderRecord(id) {
  const link = h('a', {href: '/v1/decisions/' + encodeURIComponent(id) + '/record', download: 'decision-' + id + '.md',
    'data-testid': 'record-download', text: 'Download the decision record (Markdown)'});
  link.addEventListener('click', (event) => downloadWithToken(event, link));
  $('record').replaceChildren(
    h('p', {}, 'Recorded in the register as ', h('code', {class: 'id', 'data-decision-id': id, text: id}), '.'),
    h('p', {}, link));
}

// With a token the browser cannot follow the link by itself: fetch it, then save it.
async function downloadWithToken(event, link) {
  if (!state.token) return;
  event.preventDefault();
  try {
    const response = await fetch(link.getAttribute('href'), {headers: {Authorization: 'Bearer ' + state.token}});
    if (!response.ok) throw new Error('the service answered ' + response.status);
    const url = URL.createObjectURL(await response.blob());
    const a = h('a', {href: url, download: link.getAttribute('download')});
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (error) {
    report(error);
  }
}

const JUSTIFYING = new Set(['applied', 'undetermined', 'overridden']);
const RULE_STATUS = {applied: 'applies', undetermined: 'could apply: not known yet', overridden: 'applies but gives way to another rule',
  not_applicable: 'does not apply', not_in_force: 'not in force on this date'};

function factNodes(node, out) {
  if (node.node === 'fact') out.set(node.name, node.value);
  for (const c of node.children || []) factNodes(c, out);
  return out;
}

function conditionItems(node, depth) {
  const items = [];
  for (const c of node.children || []) {
    if (c.node === 'condition') {
      const value = c.value === true ? 'holds' : c.value === false ? 'does not hold' : 'not known yet';
      items.push(h('li', {}, h('span', {text: c.text || words(c.name)}), ': ', h('em', {text: value}),
        (c.cite || []).length ? h('span', {class: 'cite-inline', text: ' (' + c.cite.join('; ') + ')'}) : null));
    } else if (depth < 6) {
      items.push(...conditionItems(c, depth + 1));
    }
  }
  return items;
}

function renderJustification(r) {
  const root = $('justification');
  const parts = [];
  const trace = r.trace;
  if (trace) {
    if (trace.text) parts.push(h('p', {text: trace.text.charAt(0).toUpperCase() + trace.text.slice(1) + '.'}));
    for (const policy of trace.children || []) {
      // The full trace names every rule; the justification shows those that decided or
      // could still decide.
      const rules = (policy.children || []).filter((n) => n.node === 'rule' && JUSTIFYING.has(n.status));
      const section = h('section', {class: 'policy-why'}, h('h3', {text: 'Policy ' + words(policy.name)}));
      if (policy.text) section.append(h('p', {text: policy.text}));
      if (!rules.length) section.append(h('p', {class: 'hint', text: 'No rule of this policy applies, so its default decides.'}));
      for (const rule of rules) {
        const facts = factNodes(rule, new Map());
        const article = h('article', {class: 'rule-why effect-' + rule.effect},
          h('h4', {}, h('span', {class: 'badge effect-' + rule.effect, text: (OUTCOME[rule.effect] || {title: rule.effect}).title}),
            ' ', words(rule.name), ': ', RULE_STATUS[rule.status] || rule.status));
        if (rule.text) article.append(h('p', {class: 'because', text: rule.text}));
        if ((rule.cite || []).length) article.append(h('ul', {class: 'cites', 'aria-label': 'Sources'}, rule.cite.map((c) => h('li', {text: c}))));
        const conditions = conditionItems(rule, 0);
        if (conditions.length) article.append(h('ul', {class: 'conditions'}, conditions));
        if (facts.size) {
          article.append(h('table', {class: 'facts'},
            h('caption', {text: 'The answers it rests on'}),
            h('thead', {}, h('tr', {}, h('th', {scope: 'col', text: 'Question'}), h('th', {scope: 'col', text: 'Answer'}))),
            h('tbody', {}, [...facts].map(([n, v]) => h('tr', {}, h('td', {text: questionOf(n)}), h('td', {text: showValue(v)}))))));
        }
        if (rule.effective) article.append(h('p', {class: 'hint', text: 'In force ' + rule.effective + '.'}));
        if (rule.file) article.append(h('p', {class: 'hint', text: 'Written in ' + rule.file + ':' + rule.line}));
        section.append(article);
      }
      parts.push(section);
    }
  }
  root.replaceChildren(...parts);
  $('justification-panel').hidden = parts.length === 0;
}

function renderChanges(e) {
  const panel = $('change-panel');
  const list = (e.alternatives || []).map((alt) => h('li', {},
    h('span', {text: 'If '}),
    alt.changes.flatMap((c, i) => [i ? h('span', {text: ' and '}) : null,
      h('q', {text: questionOf(c.fact)}), h('span', {text: ' were answered '}), h('strong', {text: showValue(c.to)}),
      h('span', {text: c.from === null ? ' (now not answered)' : ' (now ' + showValue(c.from) + ')'})]),
    h('span', {text: ', the decision would be: '}), h('strong', {text: (OUTCOME[alt.decision] || {title: alt.decision}).title}), '.'));
  $('change').replaceChildren(list.length ? h('ul', {class: 'changes'}, list)
    : h('p', {text: 'No small change to the answers gives another decision.'}));
  panel.hidden = false;
}

// ---------------------------------------------------------------- start

async function boot() {
  try {
    await loadBundle();
    say('');
  } catch (error) {
    report(error);
    return;
  }
  showView();
}

document.addEventListener('DOMContentLoaded', () => {
  $('decision-title').setAttribute('tabindex', '-1');
  // The skip link moves focus only: the address keeps naming the view.
  document.querySelector('.skip').addEventListener('click', (event) => {
    event.preventDefault();
    $('main').focus();
  });
  $('flow-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const from = $('flow-from').value;
    const to = $('flow-to').value;
    if (!from || !to) {
      say('Choose both sectors first.', true);
      (from ? $('flow-to') : $('flow-from')).focus();
      return;
    }
    startFlow(from, to);
  });
  $('question-form').addEventListener('submit', onAnswer);
  $('dont-know').addEventListener('click', onDontKnow);
  $('register-form').addEventListener('submit', (event) => loadRegister(event).catch(report));
  $('policy-select').addEventListener('change', () => renderPolicy($('policy-select').value));
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state.token = $('token').value.trim();
    sessionStorage.setItem('proviso-token', state.token);
    $('token-form').hidden = true;
    boot();
  });
  window.addEventListener('hashchange', showView);
  boot();
});
