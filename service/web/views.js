// The page's reference views: the policies in plain English with their pictures, the
// analysis findings with their example cases, and the decision register. Loaded after
// app.js, whose helpers and state it shares (classic scripts share one global scope).
'use strict';

// ---------------------------------------------------------------- policies

async function fetchPolicies() {
  if (!state.policies) state.policies = (await api('GET', '/v1/policies')).data;
  return state.policies;
}

async function loadPolicies() {
  if (!$('policy-select').options.length) {
    const data = await fetchPolicies();
    const select = $('policy-select');
    select.replaceChildren(...data.policies.map((p) => h('option', {value: p.name, text: words(p.name) + (p.sector ? ' (' + words(p.sector) + ')' : '')})));
  }
  renderPolicy($('policy-select').value);
}

function conditionsUsed(texts) {
  const used = [];
  for (const c of state.policies.conditions) {
    const re = new RegExp('(^|[^A-Za-z0-9_.])' + c.name.replace(/[.]/g, '\\.') + '($|[^A-Za-z0-9_])');
    if (texts.some((t) => re.test(t))) used.push(c);
  }
  return used;
}

function renderPolicy(name) {
  const p = state.policies.policies.find((x) => x.name === name);
  const root = $('policy');
  if (!p) {
    root.replaceChildren();
    return;
  }
  const meta = h('dl', {class: 'meta'},
    h('dt', {text: 'Covers'}), h('dd', {text: p.sector ? 'flows from ' + words(p.sector) : 'every flow'}),
    h('dt', {text: 'When no rule applies'}), h('dd', {text: (OUTCOME[p.default] || {title: p.default}).title}),
    h('dt', {text: 'When rules disagree'}), h('dd', {text: p.combine === 'strictest' ? 'the strictest wins (do not share, then refer, then share)' : words(p.combine)}),
    p.effective ? [h('dt', {text: 'In force'}), h('dd', {text: p.effective})] : null,
    p.place ? [h('dt', {text: 'Written in'}), h('dd', {text: p.place})] : null);
  const rules = p.rules.map((r) => {
    const used = conditionsUsed([r.when, r.unless].filter(Boolean));
    return h('article', {class: 'rule effect-' + r.effect, id: 'rule-' + p.name + '-' + r.name},
      h('h3', {}, h('span', {class: 'badge effect-' + r.effect, text: (OUTCOME[r.effect] || {title: r.effect}).title}), ' ', words(r.name)),
      r.because ? h('p', {class: 'because', text: r.because}) : null,
      h('dl', {},
        h('dt', {text: 'Applies when'}), h('dd', {}, h('code', {text: r.when})),
        r.unless ? [h('dt', {text: 'Unless'}), h('dd', {}, h('code', {text: r.unless}))] : null,
        used.length ? [h('dt', {text: 'Which means'}), h('dd', {}, h('ul', {}, used.map((c) => h('li', {}, h('code', {text: c.name}), ': ', c.text || c.expr))))] : null,
        r.requires.length ? [h('dt', {text: 'Conditions of sharing'}), h('dd', {}, h('ul', {}, r.requires.map((o) => h('li', {}, h('strong', {text: words(o.name)}), o.text ? ': ' + o.text : ''))))] : null,
        r.overrides.length ? [h('dt', {text: 'Takes precedence over'}), h('dd', {text: r.overrides.map(words).join(', ')})] : null,
        r.defers ? [h('dt', {text: 'Defers'}), h('dd', {text: 'stands aside when another policy refuses'})] : null,
        r.cite.length ? [h('dt', {text: 'Sources'}), h('dd', {}, h('ul', {class: 'cites'}, r.cite.map((c) => h('li', {text: c}))))] : null,
        r.effective ? [h('dt', {text: 'In force'}), h('dd', {text: r.effective})] : null,
        r.place ? [h('dt', {text: 'Written in'}), h('dd', {text: r.place})] : null));
  });
  const graph = h('figure', {class: 'graph'});
  const toggle = h('input', {type: 'checkbox', id: 'show-overrides', checked: true});
  const legend = h('ul', {class: 'legend', 'aria-label': 'Legend'},
    h('li', {}, h('span', {class: 'key key-fact'}), 'oval: a question (fact)'),
    h('li', {}, h('span', {class: 'key key-condition'}), 'box: a named condition'),
    h('li', {}, h('span', {class: 'key key-rule-share'}), 'rounded box: a rule (green share, orange refer, red do not share)'),
    h('li', {}, h('span', {class: 'key key-override'}), 'dashed red arrow: one rule overrides another'));
  root.replaceChildren(
    h('section', {class: 'panel', 'aria-labelledby': 'policy-name'}, h('h2', {id: 'policy-name', text: 'Policy ' + words(p.name)}), meta),
    h('section', {class: 'panel', 'aria-labelledby': 'rules-title'}, h('h2', {id: 'rules-title', text: 'Rules (' + p.rules.length + ')'}), rules),
    state.policies.graph ? h('section', {class: 'panel', 'aria-labelledby': 'graph-title'},
      h('h2', {id: 'graph-title', text: 'What the rules depend on'}),
      h('p', {class: 'check'}, toggle, h('label', {for: 'show-overrides', text: 'Show which rules override others'})),
      legend, graph) : null);
  const draw = () => drawGraph(graph, p.name, toggle.checked).catch(report);
  toggle.addEventListener('change', draw);
  draw();
}

async function drawGraph(figure, policy, overrides) {
  figure.replaceChildren(h('p', {class: 'hint', text: 'Drawing…'}));
  const headers = state.token ? {Authorization: 'Bearer ' + state.token} : {};
  const response = await fetch('/v1/graph?policy=' + encodeURIComponent(policy) + '&overrides=' + (overrides ? 'show' : 'hide'), {headers});
  if (!response.ok) {
    let message = 'The picture could not be drawn.';
    try { message = (await response.json()).error; } catch (e) { /* not JSON */ }
    figure.replaceChildren(h('p', {class: 'hint', text: message}));
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const img = h('img', {src: url, alt: 'The condition graph of policy ' + words(policy) + ': its rules, the conditions they use and the questions those read. The rules are listed in words above.'});
  img.addEventListener('load', () => URL.revokeObjectURL(url));
  figure.replaceChildren(h('div', {class: 'graph-scroll', tabindex: 0, role: 'region', 'aria-label': 'Condition graph (scrolls)'}, img),
    h('figcaption', {text: 'Condition graph of ' + words(policy) + (overrides ? '' : ', without override arrows') + '.'}));
}

// ---------------------------------------------------------------- findings

let findingsTimer = null;

async function loadFindings() {
  clearTimeout(findingsTimer);
  const root = $('findings');
  const {status, data} = await api('GET', '/v1/findings');
  if (status === 202) {
    if (!root.querySelector('.finding')) root.replaceChildren(h('p', {class: 'hint', text: 'The analysis is running; this takes a few seconds…'}));
    if (location.hash === '#findings') findingsTimer = setTimeout(() => loadFindings().catch(report), 1000);
    return;
  }
  await fetchPolicies();
  const items = (data.findings && data.findings.diagnostics) || [];
  if (data.status === 'failed') {
    root.replaceChildren(h('p', {text: 'The analysis failed: ' + data.error}));
    return;
  }
  const list = items.map((d, i) => renderFinding(d, i));
  root.replaceChildren(
    h('p', {text: items.length ? items.length + ' findings (analysis took ' + Number(data.seconds).toFixed(1) + ' s).' : 'The analysis found nothing to report.'}),
    ...list);
}

const SEVERITY = {error: 'Error', warning: 'Warning', info: 'Note'};

function renderFinding(d, i) {
  const where = d.file ? d.file + (d.line ? ':' + d.line : '') : '';
  const article = h('article', {class: 'panel finding severity-' + d.severity, 'data-code': d.code},
    h('h2', {}, h('span', {class: 'badge', text: SEVERITY[d.severity] || d.severity}), ' ', words(d.code)),
    h('p', {text: d.message}),
    d.hint ? h('p', {class: 'hint', text: d.hint}) : null,
    where ? h('p', {class: 'hint', text: 'In ' + where}) : null);
  let witness = d.witness;
  if (typeof witness === 'string') {
    try { witness = JSON.parse(witness); } catch (e) { witness = null; }
  }
  if (witness && typeof witness === 'object') {
    const facts = flatten(witness.facts || {}, '', new Map());
    // Only the answers the finding's rules read; the others are set only to complete the case.
    const read = new Set();
    for (const qualified of d.rules || []) {
      for (const p of state.policies.policies) {
        for (const r of p.rules) if (p.name + '.' + r.name === qualified) r.facts.forEach((f) => read.add(f));
      }
    }
    const shown = [...facts].filter(([n]) => read.size === 0 || read.has(n));
    const rows = shown.map(([n, v]) => h('tr', {}, h('td', {text: questionOf(n)}), h('td', {text: showValue(v)})));
    const left = facts.size - shown.length;
    article.append(
      h('table', {class: 'facts'},
        h('caption', {text: 'An example case: ' + words(witness.from || '?') + ' to ' + words(witness.to || '?')}),
        h('thead', {}, h('tr', {}, h('th', {scope: 'col', text: 'Question'}), h('th', {scope: 'col', text: 'Answer'}))),
        h('tbody', {}, rows)),
      left > 0 ? h('p', {class: 'hint', text: left + ' other answers complete the case but do not matter to this finding.'}) : null,
      h('p', {}, h('button', {type: 'button', 'data-witness': i, text: 'Open this case in the questionnaire',
        onclick: () => {
          location.hash = '#decide';
          startFlow(witness.from, witness.to, facts);
        }})));
  }
  return article;
}

// ---------------------------------------------------------------- register

function nextDay(date) {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

async function loadRegister(event) {
  if (event) event.preventDefault();
  const q = new URLSearchParams({order: 'newest', limit: '200'});
  if ($('reg-since').value) q.set('since', $('reg-since').value);
  if ($('reg-until').value) q.set('until', nextDay($('reg-until').value));
  if ($('reg-from').value) q.set('from', $('reg-from').value);
  if ($('reg-to').value) q.set('to', $('reg-to').value);
  if ($('reg-decision').value) q.set('decision', $('reg-decision').value);
  const root = $('register');
  let data;
  try {
    ({data} = await api('GET', '/v1/decisions?' + q));
  } catch (error) {
    if (error.status === 404) {
      root.replaceChildren(h('p', {text: 'This service keeps no register.'}));
      return;
    }
    throw error;
  }
  if (!data.decisions.length) {
    root.replaceChildren(h('p', {text: 'No decision matches.'}));
    return;
  }
  root.replaceChildren(h('div', {class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Decisions (scrolls)'},
    h('table', {class: 'register'},
      h('caption', {text: data.count + ' decisions'}),
      h('thead', {}, h('tr', {}, ['When (UTC)', 'From', 'To', 'Outcome', 'Record'].map((t) => h('th', {scope: 'col', text: t})))),
      h('tbody', {}, data.decisions.map((d) => h('tr', {},
        h('td', {text: d.time.replace('T', ' ').replace('Z', '')}), h('td', {text: words(d.from || '?')}), h('td', {text: words(d.to || '?')}),
        h('td', {}, h('span', {class: 'badge effect-' + d.decision, text: (OUTCOME[d.decision] || {title: d.decision}).title})),
        h('td', {}, h('button', {type: 'button', class: 'link', 'aria-label': 'Open the record ' + d.decision_id, text: 'Open',
          onclick: () => openRecord(d.decision_id).catch(report)}))))))));
}

async function openRecord(id) {
  const {data} = await api('GET', '/v1/decisions/' + encodeURIComponent(id));
  let request = {};
  try { request = JSON.parse(data.request); } catch (e) { /* shown as it is below */ }
  if (typeof data.request === 'object') request = data.request;
  const facts = flatten(request.facts || {}, '', new Map());
  const link = h('a', {href: '/v1/decisions/' + encodeURIComponent(id) + '/record', download: 'decision-' + id + '.md', text: 'Download the decision record (Markdown)'});
  link.addEventListener('click', (event) => downloadWithToken(event, link));
  const obligations = Array.isArray(data.obligations) ? data.obligations : [];
  $('register-record-body').replaceChildren(
    h('dl', {class: 'meta'},
      h('dt', {text: 'Decision id'}), h('dd', {}, h('code', {text: data.decision_id})),
      h('dt', {text: 'When (UTC)'}), h('dd', {text: data.time}),
      h('dt', {text: 'Flow'}), h('dd', {text: words(data.from || '?') + ' to ' + words(data.to || '?')}),
      h('dt', {text: 'Outcome'}), h('dd', {text: (OUTCOME[data.decision] || {title: data.decision}).title}),
      obligations.length ? [h('dt', {text: 'Conditions of sharing'}), h('dd', {text: obligations.map(words).join(', ')})] : null,
      h('dt', {text: 'Program'}), h('dd', {}, h('code', {text: data.bundle}))),
    h('table', {class: 'facts'}, h('caption', {text: 'The answers given'}),
      h('thead', {}, h('tr', {}, h('th', {scope: 'col', text: 'Question'}), h('th', {scope: 'col', text: 'Answer'}))),
      h('tbody', {}, [...facts].map(([n, v]) => h('tr', {}, h('td', {text: questionOf(n)}), h('td', {text: showValue(v)}))))),
    h('p', {}, link));
  $('register-record').hidden = false;
  $('register-record-title').setAttribute('tabindex', '-1');
  $('register-record-title').focus();
}

