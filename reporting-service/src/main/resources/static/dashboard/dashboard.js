// Programme dashboard: every figure comes from /api/reports/*, every script from this service.
(function () {
  'use strict';
  const params = new URLSearchParams(window.location.search);
  const FILTERS = ['state', 'corridor', 'donor', 'phase', 'period', 'from', 'to'];
  // which panel shows which answer; a panel whose answer the user's role may not read says so
  const PANELS = { programme: 'panel-programme', shelters: 'panel-fulfilment', arrivals: 'panel-arrivals',
    delivery: 'panel-delivery', alerts: 'panel-alerts' };
  let lang = params.get('lang') || localStorage.getItem('dashboard.lang')
    || ((navigator.language || 'es').toLowerCase().startsWith('en') ? 'en' : 'es');
  if (!I18N[lang]) { lang = 'es'; }
  const charts = {};
  let last = null;

  const t = (key) => (I18N[lang][key] || key);
  const locale = () => (lang === 'es' ? 'es-MX' : 'en-US');
  const num = (v, digits) => (v === null || v === undefined ? '–'
    : new Intl.NumberFormat(locale(), { maximumFractionDigits: digits === undefined ? 0 : digits }).format(Number(v)));
  const pct = (v) => (v === null || v === undefined ? '–' : num(v, 1) + ' %');

  function query(extra) {
    const q = new URLSearchParams();
    FILTERS.forEach((f) => { if (params.get(f)) { q.set(f, params.get(f)); } });
    Object.entries(extra || {}).forEach(([k, v]) => q.set(k, v));
    const s = q.toString();
    return s ? '?' + s : '';
  }

  // same origin: the session cookie goes with it; 403 = not for this role, 401 = the session ended
  async function getJson(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) {
      const error = new Error(path + ' ' + response.status);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  async function showUser() {
    try {
      const me = await getJson('/api/me');
      document.getElementById('user-name').textContent = me.username || me.subject || '';
      document.getElementById('user-roles').textContent = (me.roles || []).join(', ');
      const form = document.getElementById('signed-in');
      form.dataset.roles = (me.roles || []).join(' ');
      if (me.csrf) {
        const input = document.getElementById('logout-csrf');
        input.name = me.csrf.parameterName;
        input.value = me.csrf.token;
      }
      form.hidden = false;
      // a donor reads fixed periods only: no window of its own
      const donorOnly = (me.roles || []).length > 0 && (me.roles || []).every((r) => r === 'DONOR');
      document.querySelectorAll('label.window').forEach((l) => { l.hidden = donorOnly; });
    } catch (e) {
      // the panels say what went wrong
    }
  }

  function setFigure(id, value, text) {
    const el = document.getElementById(id);
    el.textContent = text;
    el.dataset.value = value === null || value === undefined ? '' : String(value);
  }

  function chart(id) {
    if (!charts[id]) { charts[id] = echarts.init(document.getElementById(id)); }
    return charts[id];
  }

  function applyLabels() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll('[data-lang]').forEach((b) => b.classList.toggle('active', b.dataset.lang === lang));
  }

  function panelState(d) {
    Object.entries(PANELS).forEach(([key, id]) => {
      const panel = document.getElementById(id);
      let note = panel.querySelector('.unavailable-note');
      const failure = d.failures[key];
      panel.classList.toggle('unavailable', Boolean(failure));
      panel.dataset.available = failure ? 'false' : 'true';
      if (failure) {
        if (!note) {
          note = document.createElement('p');
          note.className = 'unavailable-note';
          panel.appendChild(note);
        }
        note.textContent = failure === 403 ? t('notForRole') : failure === 401 ? t('sessionEnded') : t('loadError');
      } else if (note) {
        note.remove();
      }
    });
  }

  function render(d) {
    document.getElementById('as-of').textContent = d.asOf ? new Date(d.asOf).toLocaleString(locale()) : '–';
    document.getElementById('as-of').dateTime = d.asOf || '';
    panelState(d);
    if (d.programme) { renderProgramme(d); }
    if (d.shelters) { renderShelters(d); }
    if (d.arrivals) { renderArrivals(d); }
    if (d.delivery) { renderDelivery(d); }
    if (d.alerts) { renderAlerts(d); }
  }

  function renderProgramme(d) {
    const totals = d.programme.data.totals;
    setFigure('kpi-shelters', totals.shelters, num(totals.shelters));
    // one figure per currency and per unit: amounts in USD and MXN, tablets and kits are never added
    const budgets = totals.budgets || [];
    setFigure('kpi-budget', budgets.map((b) => b.currency + ' ' + b.amount).join(' '),
      budgets.map((b) => num(b.amount) + ' ' + b.currency).join(' · '));
    const delivered = (totals.quantities || []).filter((q) => q.unit);
    setFigure('kpi-delivered', delivered.map((q) => q.accepted + ' ' + q.unit).join(' '),
      delivered.map((q) => num(q.accepted) + ' ' + q.unit).join(' · '));
    setFigure('kpi-fulfilment', totals.fulfilmentPercent, pct(totals.fulfilmentPercent));
    setFigure('kpi-people', totals.peopleReceived, num(totals.peopleReceived));
    setFigure('kpi-trainings', totals.trainingSessions, num(totals.trainingSessions));

    const rows = d.programme.data.rows;
    chart('chart-programme').setOption({
      title: { text: t('byState'), textStyle: { fontSize: 12 } }, tooltip: { trigger: 'axis' },
      legend: { top: 0, right: 0 }, grid: { left: 60, right: 60, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: rows.map((r) => r.key) },
      yAxis: [{ type: 'value', name: '%', max: (v) => Math.max(100, v.max) }, { type: 'value', name: t('peopleReceived') }],
      series: [
        { name: t('fulfilment'), type: 'bar', data: rows.map((r) => r.fulfilmentPercent) },
        { name: t('peopleReceived'), type: 'line', yAxisIndex: 1, data: rows.map((r) => r.peopleReceived) }]
    }, true);
  }

  function renderShelters(d) {
    const shelters = d.shelters.items;
    const categories = ['MEDICINES', 'MEDICAL_SUPPLIES', 'MEDICAL_EQUIPMENT', 'HYGIENE_PRODUCTS', 'CONSTRUCTION_MATERIALS'];
    chart('chart-fulfilment').setOption({
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 50, right: 20, top: 40, bottom: 80 },
      xAxis: { type: 'category', data: shelters.map((s) => s.name || s.shelterId), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', name: '%', max: (v) => Math.max(100, v.max) },
      series: categories.map((c) => ({ name: t(c), type: 'bar', data: shelters.map((s) => {
        const f = s.fulfilment.find((x) => x.category === c);
        return f && f.fulfilmentPercent !== null ? f.fulfilmentPercent : null;
      }) }))
    }, true);
    const body = document.querySelector('#table-fulfilment tbody');
    body.innerHTML = '';
    // one row per category and unit: quantities of different units are never added
    shelters.forEach((s) => s.fulfilment.forEach((c) => c.quantities.forEach((f) => {
      const tr = document.createElement('tr');
      tr.dataset.shelter = s.shelterId;
      tr.dataset.category = c.category;
      tr.dataset.unit = f.unit || '';
      [s.name || s.shelterId, t(c.category) + (f.unit ? ' (' + f.unit + ')' : '')].forEach((v) => { const td = document.createElement('td'); td.textContent = v; tr.appendChild(td); });
      // planned = on planned shipments (the pipeline), not yet in transit: the definition every service shares
      const fields = ['committed', 'planned', 'inTransit', 'accepted', 'rejected', 'fulfilmentPercent'];
      fields.forEach((field) => {
        const value = f[field] === undefined ? null : f[field];
        const td = document.createElement('td');
        td.className = 'num';
        td.textContent = field === 'fulfilmentPercent' ? pct(value) : num(value);
        td.dataset.value = value === null ? '' : String(value);
        td.dataset.field = field;
        tr.appendChild(td);
      });
      body.appendChild(tr);
    })));
  }

  function renderArrivals(d) {
    const days = d.arrivals.data;
    const groups = ['arrivals', 'women', 'men', 'girls', 'boys', 'unaccompaniedChildren', 'olderPersons'];
    chart('chart-arrivals').setOption({
      tooltip: { trigger: 'axis' }, legend: { top: 0, type: 'scroll' }, grid: { left: 50, right: 20, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: days.map((x) => x.date) }, yAxis: { type: 'value' },
      series: groups.map((g, i) => ({ name: t(g), type: i === 0 ? 'bar' : 'line', data: days.map((x) => x[g]) }))
    }, true);
    const arrivalsTotal = days.reduce((sum, x) => sum + x.arrivals, 0);
    setFigure('arrivals-total', arrivalsTotal, num(arrivalsTotal));
  }

  function renderDelivery(d) {
    const perf = d.delivery.data;
    chart('chart-delivery').setOption({
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 50, right: 20, top: 40, bottom: 60 },
      xAxis: { type: 'category', data: perf.byStateAndCarrier.map((x) => x.state + ' · ' + x.carrier), axisLabel: { rotate: 20 } },
      yAxis: { type: 'value', name: 'h' },
      series: [{ name: t('median'), type: 'bar', data: perf.byStateAndCarrier.map((x) => x.medianHours) },
        { name: t('p90'), type: 'bar', data: perf.byStateAndCarrier.map((x) => x.p90Hours) }]
    }, true);
    setFigure('delivery-median', perf.overall.medianHours, num(perf.overall.medianHours, 1));
    setFigure('delivery-p90', perf.overall.p90Hours, num(perf.overall.p90Hours, 1));
    setFigure('delivery-rejection', perf.rejectionRatePercent, pct(perf.rejectionRatePercent));
  }

  function renderAlerts(d) {
    const alerts = d.alerts.items;
    const counts = {};
    alerts.forEach((a) => { counts[a.type] = (counts[a.type] || 0) + 1; });
    chart('chart-alerts').setOption({
      tooltip: { trigger: 'item' },
      series: [{ type: 'pie', radius: ['35%', '70%'], data: Object.entries(counts).map(([k, v]) => ({ name: t(k), value: v })) }]
    }, true);
    const alertBody = document.querySelector('#table-alerts tbody');
    alertBody.innerHTML = '';
    alerts.forEach((a) => {
      const tr = document.createElement('tr');
      tr.dataset.type = a.type;
      tr.dataset.shelter = a.shelterId;
      [t(a.type), a.shelterName || a.shelterId, a.state || '', a.message].forEach((v) => {
        const td = document.createElement('td'); td.textContent = v; tr.appendChild(td);
      });
      alertBody.appendChild(tr);
    });
  }

  async function load() {
    const status = document.getElementById('status');
    status.dataset.ready = 'false';
    try {
      const keys = Object.keys(PANELS);
      const answers = await Promise.allSettled([
        getJson('/api/reports/programme' + query({ groupBy: 'state' })),
        getJson('/api/reports/shelters' + query({ size: 500 })),
        getJson('/api/reports/arrivals-trend' + query()),
        getJson('/api/reports/delivery-performance' + query()),
        getJson('/api/reports/alerts' + query({ size: 500 }))]);
      const d = { failures: {} };
      const errors = [];
      answers.forEach((answer, i) => {
        if (answer.status === 'fulfilled') {
          d[keys[i]] = answer.value;
        } else {
          d.failures[keys[i]] = answer.reason.status || 0;
          if (answer.reason.status !== 403) { errors.push(answer.reason.message); }
        }
      });
      d.asOf = keys.map((k) => d[k] && d[k].asOf).filter(Boolean).sort().pop();
      last = d;
      render(last);
      status.textContent = errors.length ? t('loadError') + ': ' + errors.join(', ') : '';
      status.dataset.ready = errors.length ? 'error' : 'true';
    } catch (e) {
      status.textContent = t('loadError') + ': ' + e.message;
      status.dataset.ready = 'error';
    }
  }

  document.querySelectorAll('[data-lang]').forEach((b) => b.addEventListener('click', () => {
    lang = b.dataset.lang;
    localStorage.setItem('dashboard.lang', lang);
    applyLabels();
    if (last) { render(last); }
  }));
  const form = document.getElementById('filters');
  FILTERS.forEach((f) => { if (params.get(f) && form.elements[f]) { form.elements[f].value = params.get(f); } });
  document.getElementById('export-3w').href = '/api/reports/exports/3w.csv' + query();
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    FILTERS.forEach((f) => { if (form.elements[f].value) { q.set(f, form.elements[f].value); } });
    q.set('lang', lang);
    window.location.search = q.toString();
  });
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  applyLabels();
  showUser();
  load();
  setInterval(load, 15000);
}());
