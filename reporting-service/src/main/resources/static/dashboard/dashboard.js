// Programme dashboard: every figure comes from /api/reports/*, every script from this service.
(function () {
  'use strict';
  const params = new URLSearchParams(window.location.search);
  const FILTERS = ['state', 'corridor', 'donor', 'phase', 'period', 'from', 'to'];
  // which panel shows which answer; a panel whose answer the user's role may not read says so
  const PANELS = { programme: 'panel-programme', map: 'panel-map', shelters: 'panel-fulfilment',
    arrivals: 'panel-arrivals', delivery: 'panel-delivery', alerts: 'panel-alerts' };
  const CATEGORIES = ['MEDICINES', 'MEDICAL_SUPPLIES', 'MEDICAL_EQUIPMENT', 'HYGIENE_PRODUCTS', 'CONSTRUCTION_MATERIALS'];
  // the programme's calendar (platform.time-zone): which day is today, when the answer does not say
  const PROGRAMME_ZONE = 'America/Mexico_City';
  const PAGE_SIZE = 15;
  const STATES = {};
  (window.MX_STATES || []).forEach((s) => { STATES[s.code] = s; });
  let lang = params.get('lang') || localStorage.getItem('dashboard.lang')
    || ((navigator.language || 'es').toLowerCase().startsWith('en') ? 'en' : 'es');
  if (!I18N[lang]) { lang = 'es'; }
  const charts = {};
  let last = null;
  const table = { key: 'shelter', dir: 1, page: 0 };

  const t = (key, values) => {
    let text = I18N[lang][key] || I18N.en[key] || key;
    Object.entries(values || {}).forEach(([k, v]) => { text = text.split('{' + k + '}').join(String(v)); });
    return text;
  };
  const locale = () => (lang === 'es' ? 'es-MX' : 'en-US');
  const num = (v, digits) => (v === null || v === undefined || v === '' ? '–'
    : new Intl.NumberFormat(locale(), { maximumFractionDigits: digits === undefined ? 0 : digits }).format(Number(v)));
  const pct = (v) => (v === null || v === undefined ? '–' : num(v, 1) + ' %');
  // ISO dates are days, not instants: format them in UTC so no time zone moves them a day
  const day = (iso) => (iso ? new Date(iso + 'T00:00:00Z').toLocaleDateString(locale(),
    { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }) : '–');
  const stateName = (code) => (code && I18N[lang]['state.' + code]) || (STATES[code] ? STATES[code].name : (code || ''));

  function query(extra, without) {
    const q = new URLSearchParams();
    FILTERS.forEach((f) => { if (params.get(f) && f !== without) { q.set(f, params.get(f)); } });
    Object.entries(extra || {}).forEach(([k, v]) => q.set(k, v));
    const s = q.toString();
    return s ? '?' + s : '';
  }

  // The address bar holds what a printed or shared link must reproduce: the language and the
  // filters, nothing else (the sign-in round trip adds a `continue` marker).
  function keepAddress() {
    const q = new URLSearchParams();
    params.forEach((value, key) => {
      if (key === 'lang') { q.set('lang', lang); } else if (FILTERS.includes(key) && value) { q.append(key, value); }
    });
    if (!q.has('lang')) { q.set('lang', lang); }
    const wanted = window.location.pathname + '?' + q.toString();
    if (wanted !== window.location.pathname + window.location.search) {
      window.history.replaceState(null, '', wanted);
    }
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

  // a legend of its own band above the plot, scrolling when long: it never covers a series
  const legend = () => ({ type: 'scroll', top: 0, left: 0, right: 0 });

  function fillStates() {
    const select = document.querySelector('#filters select[name=state]');
    const chosen = select.value || params.get('state') || '';
    while (select.options.length > 1) { select.remove(1); }
    Object.keys(STATES).map((code) => ({ code, name: stateName(code) }))
      .sort((a, b) => a.name.localeCompare(b.name, locale()))
      .forEach((s) => select.add(new Option(s.name, s.code)));
    if (chosen && !STATES[chosen]) { select.add(new Option(chosen, chosen)); }
    select.value = chosen;
  }

  function applyLabels() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll('[data-lang]').forEach((b) => b.classList.toggle('active', b.dataset.lang === lang));
    document.getElementById('map-label').textContent = t('mapLabel');
    fillStates();
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
    if (d.map) { renderMap(d); }
    if (d.shelters) { renderShelters(d); }
    if (d.arrivals) { renderArrivals(d); }
    if (d.delivery) { renderDelivery(d); }
    if (d.alerts) { renderAlerts(d); }
  }

  /**
   * The period a count of people covers: the first of `sources` that says one (a `period` field,
   * or a donor's `disclosure`), else the filters, else every reported day.
   */
  function periodText(...sources) {
    const said = sources.map((x) => x && (x.period || x.disclosure)).find((p) => p && (p.from || p.to));
    const from = said ? said.from : params.get('from');
    const to = said ? said.to : params.get('to');
    if (from || to) { return t('periodFromTo', { from: from ? day(from) : '…', to: to ? day(to) : '…' }); }
    if (params.get('period')) { return params.get('period'); }
    return t('periodAll');
  }

  /** Budgets per currency: a `budgets` list when the answer has one, else the single budget and its currency. */
  function budgets(row) {
    if (Array.isArray(row.budgets)) {
      return row.budgets.filter((b) => b && b.amount !== null && b.amount !== undefined)
        .map((b) => ({ amount: b.amount, currency: b.currency || '' }));
    }
    return row.budget === null || row.budget === undefined ? [] : [{ amount: row.budget, currency: row.currency || '' }];
  }

  function renderProgramme(d) {
    const totals = d.programme.data.totals;
    const money = budgets(totals);
    setFigure('kpi-shelters', totals.shelters, num(totals.shelters));
    setFigure('kpi-budget', money.map((b) => b.amount + ' ' + b.currency).join('; '),
      money.length ? money.map((b) => (num(b.amount) + ' ' + b.currency).trim()).join(' · ') : '–');
    // one figure per unit: tablets and kits are never added
    const delivered = (totals.quantities || []).filter((q) => q.unit);
    setFigure('kpi-delivered', delivered.map((q) => q.accepted + ' ' + q.unit).join(' '),
      delivered.map((q) => num(q.accepted) + ' ' + q.unit).join(' · '));
    setFigure('kpi-fulfilment', totals.fulfilmentPercent, pct(totals.fulfilmentPercent));
    setFigure('kpi-people', totals.peopleReceived, num(totals.peopleReceived));
    document.getElementById('kpi-people-period').textContent = periodText(totals, d.programme.data, d.programme);
    setFigure('kpi-trainings', totals.trainingSessions, num(totals.trainingSessions));

    // per state: fulfilment (a percentage, whatever the units of the lines) and people received;
    // quantities of different units are not drawn as one bar
    const rows = d.programme.data.rows;
    chart('chart-programme').setOption({
      title: { text: t('byState'), textStyle: { fontSize: 12 }, bottom: 0, left: 'center' },
      tooltip: { trigger: 'axis' }, legend: legend(),
      grid: { left: 10, right: 10, top: 60, bottom: 30, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => stateName(r.key)), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
      yAxis: [{ type: 'value', name: t('fulfilment') + ' (%)', nameTextStyle: { align: 'left' }, max: (v) => Math.max(100, v.max) },
        { type: 'value', name: t('peopleReceived'), nameTextStyle: { align: 'right' } }],
      series: [
        { name: t('fulfilment'), type: 'bar', barMinHeight: 2, data: rows.map((r) => (r.fulfilmentPercent === undefined ? null : r.fulfilmentPercent)) },
        { name: t('peopleReceived'), type: 'line', yAxisIndex: 1, data: rows.map((r) => (r.peopleReceived === undefined ? null : r.peopleReceived)) }]
    }, true);
  }

  /**
   * The programme's states on a tile grid (states.js), a circle on each state with shelters whose
   * area is proportional to the people received there; the state filter's state is outlined.
   */
  function renderMap(d) {
    const NS = 'http://www.w3.org/2000/svg';
    const TILE = 56;
    const GAP = 4;
    const MAX_R = TILE / 2 - 3;
    const svg = document.getElementById('map');
    Array.from(svg.querySelectorAll('g')).forEach((g) => g.remove());
    const byState = {};
    (d.map.data.rows || []).forEach((r) => { if (STATES[r.key]) { byState[r.key] = r; } });
    const peopleOf = (r) => (r && r.peopleReceived !== null && r.peopleReceived !== undefined ? Number(r.peopleReceived) : null);
    const max = Math.max(1, ...Object.values(byState).map((r) => peopleOf(r) || 0));
    const threshold = d.map.disclosure ? d.map.disclosure.smallCellThreshold : null;
    const peopleText = (r) => (peopleOf(r) === null ? (threshold ? t('suppressed', { n: threshold }) : '–') : num(peopleOf(r)));
    const el = (name, attrs, parent) => {
      const e = document.createElementNS(NS, name);
      Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, String(v)));
      parent.appendChild(e);
      return e;
    };
    // tiles, then circles, then the states' abbreviations, so a big circle never hides a name
    const tiles = el('g', { class: 'tiles' }, svg);
    const marks = el('g', { class: 'marks' }, svg);
    const labels = el('g', { class: 'labels', 'aria-hidden': 'true' }, svg);
    Object.values(STATES).forEach((s) => {
      const x = GAP + s.col * (TILE + GAP);
      const y = GAP + s.row * (TILE + GAP);
      const row = byState[s.code];
      const g = el('g', { class: 'tile' + (row ? ' has-shelters' : '') + (params.get('state') === s.code ? ' selected' : ''),
        'data-state': s.code }, tiles);
      el('rect', { x, y, width: TILE, height: TILE, rx: 4 }, g);
      el('text', { x: x + 4, y: y + 12, class: 'abbr' }, labels).textContent = s.code.slice(3);
      el('title', {}, g).textContent = stateName(s.code) + (row ? '' : ': ' + t('mapNoShelter'));
      if (row) {
        const people = peopleOf(row);
        // area ∝ people; a state with shelters and no one received (or a suppressed count) keeps a small ring
        const r = people ? Math.max(3, MAX_R * Math.sqrt(people / max)) : 3;
        const mark = el('circle', { cx: x + TILE / 2, cy: y + TILE / 2 + 4, r: r.toFixed(2),
          class: 'mark' + (people ? '' : ' empty'), 'data-state': s.code, 'data-people': people === null ? '' : people,
          'data-shelters': row.shelters }, marks);
        el('title', {}, mark).textContent = t('mapMark', { state: stateName(s.code), people: peopleText(row), shelters: num(row.shelters) });
      }
    });
    document.getElementById('map-period').textContent = '(' + periodText(d.map.data.totals, d.map.data, d.map) + ')';
    const body = document.querySelector('#table-map tbody');
    body.innerHTML = '';
    Object.keys(byState).sort((a, b) => (peopleOf(byState[b]) || 0) - (peopleOf(byState[a]) || 0)).forEach((code) => {
      const tr = document.createElement('tr');
      tr.dataset.state = code;
      [stateName(code), num(byState[code].shelters), peopleText(byState[code])].forEach((v, i) => {
        const td = document.createElement('td');
        td.textContent = v;
        if (i > 0) { td.className = 'num'; }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function fulfilmentOf(f) {
    const value = f.fulfilmentPercent !== undefined ? f.fulfilmentPercent : f.percent;
    return value === undefined ? null : value;
  }

  function renderShelters(d) {
    const shelters = d.shelters.items;
    const shown = CATEGORIES.filter((c) => shelters.some((s) => (s.fulfilment || []).some((f) => f.category === c)));
    const visible = 12;
    const el = document.getElementById('chart-fulfilment');
    // one band per shelter, full names on the left (wrapped, never cut); a slider past a dozen shelters
    el.style.height = (90 + Math.max(2, Math.min(shelters.length, visible)) * (18 + 10 * shown.length)) + 'px';
    const c = chart('chart-fulfilment');
    c.resize();
    const names = shelters.map((s) => s.name || s.shelterId);
    c.setOption({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } }, legend: legend(),
      grid: { left: 10, right: shelters.length > visible ? 45 : 30, top: 40, bottom: 20, containLabel: true },
      yAxis: { type: 'category', inverse: true, data: names, axisLabel: { width: 260, overflow: 'break', lineHeight: 14, interval: 0 } },
      xAxis: { type: 'value', name: '%', max: (v) => Math.max(100, v.max) },
      dataZoom: shelters.length > visible ? [{ type: 'slider', yAxisIndex: 0, right: 5, width: 18, startValue: 0,
        endValue: visible - 1 }, { type: 'inside', yAxisIndex: 0 }] : [],
      series: shown.map((cat) => ({ name: t(cat), type: 'bar', data: shelters.map((s) => {
        const f = (s.fulfilment || []).find((x) => x.category === cat);
        return f && fulfilmentOf(f) !== null ? fulfilmentOf(f) : null;
      }) }))
    }, true);
    table.rows = [];
    // one row per category and unit: quantities of different units are never added
    shelters.forEach((s) => (s.fulfilment || []).forEach((f) => (f.quantities || [f]).forEach((q) => table.rows.push({
      shelterId: s.shelterId, shelter: s.name || s.shelterId, stateCode: s.state, state: stateName(s.state),
      categoryCode: f.category, unit: q.unit, category: t(f.category) + (q.unit ? ' (' + q.unit + ')' : ''),
      committed: q.committed, planned: q.planned, inTransit: q.inTransit, accepted: q.accepted, rejected: q.rejected,
      fulfilmentPercent: fulfilmentOf(q)
    }))));
    renderTable();
  }

  const TEXT_COLUMNS = ['shelter', 'state', 'category'];
  const NUMBER_COLUMNS = ['committed', 'planned', 'inTransit', 'accepted', 'rejected', 'fulfilmentPercent'];

  /** The fulfilment table: sorted by `table.key` (`table.dir`), one page of PAGE_SIZE rows. */
  function renderTable() {
    const rows = (table.rows || []).slice();
    const key = table.key;
    const collator = new Intl.Collator(locale(), { numeric: true, sensitivity: 'base' });
    rows.sort((a, b) => {
      let order;
      if (TEXT_COLUMNS.includes(key)) {
        order = collator.compare(a[key] || '', b[key] || '');
      } else {
        const x = a[key] === null || a[key] === undefined ? null : Number(a[key]);
        const y = b[key] === null || b[key] === undefined ? null : Number(b[key]);
        // a missing figure goes last whichever way the column is sorted
        if (x === null || y === null) { return x === y ? 0 : x === null ? 1 : -1; }
        order = x - y;
      }
      return order * table.dir || collator.compare(a.shelter, b.shelter) || collator.compare(a.category, b.category);
    });
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    table.page = Math.min(table.page, pages - 1);
    document.querySelectorAll('#table-fulfilment th').forEach((th) => {
      const button = th.querySelector('button');
      th.setAttribute('aria-sort', button.dataset.sort === key ? (table.dir > 0 ? 'ascending' : 'descending') : 'none');
    });
    const body = document.querySelector('#table-fulfilment tbody');
    body.innerHTML = '';
    rows.slice(table.page * PAGE_SIZE, (table.page + 1) * PAGE_SIZE).forEach((r) => {
      const tr = document.createElement('tr');
      tr.dataset.shelter = r.shelterId;
      tr.dataset.category = r.categoryCode;
      tr.dataset.unit = r.unit || '';
      TEXT_COLUMNS.forEach((field) => {
        const td = document.createElement('td');
        td.textContent = r[field];
        td.dataset.field = field;
        tr.appendChild(td);
      });
      // planned = on planned shipments (the pipeline), not yet in transit: the definition every service shares
      NUMBER_COLUMNS.forEach((field) => {
        const value = r[field] === undefined ? null : r[field];
        const td = document.createElement('td');
        td.className = 'num';
        td.textContent = field === 'fulfilmentPercent' ? pct(value) : num(value);
        td.dataset.value = value === null ? '' : String(value);
        td.dataset.field = field;
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    document.getElementById('page-info').textContent = t('pageInfo', { page: table.page + 1, pages, rows: rows.length });
    document.getElementById('page-prev').disabled = table.page === 0;
    document.getElementById('page-next').disabled = table.page >= pages - 1;
  }

  /** Today in the programme's calendar, as the arrivals trend names days. */
  function programmeToday() {
    return new Intl.DateTimeFormat('en-CA', { timeZone: PROGRAMME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(new Date());
  }

  function renderArrivals(d) {
    const days = d.arrivals.data;
    const groups = ['arrivals', 'women', 'men', 'girls', 'boys', 'unaccompaniedChildren', 'olderPersons']
      .filter((g, i) => i === 0 || days.some((x) => x[g] !== null && x[g] !== undefined));
    // the answer says which day is partial when it can; otherwise the last day is partial if it is today
    const told = days.some((x) => x.partial !== undefined);
    const lastDay = days.length ? days[days.length - 1] : null;
    const partial = days.map((x) => (told ? x.partial === true : x === lastDay && x.date === programmeToday()));
    const hatched = { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [3, 3], rotation: -Math.PI / 4,
      color: 'rgba(255,255,255,0.7)' };
    const step = Math.max(1, Math.ceil(days.length / 6));
    const series = [];
    groups.forEach((g, i) => {
      if (i === 0) {
        series.push({ name: t(g), type: 'bar', data: days.map((x, k) => (partial[k]
          ? { value: x[g], itemStyle: { decal: hatched, opacity: 0.55, borderType: 'dashed', borderWidth: 1, borderColor: '#333' },
            label: { show: true, position: 'top', align: 'right', fontSize: 11, color: '#1d2933', formatter: t('partialDay') } }
          : x[g])) });
        return;
      }
      // a line stops before a partial day; a dashed piece of the same series (same legend entry) reaches it
      series.push({ name: t(g), type: 'line', data: days.map((x, k) => (partial[k] ? null : x[g])) });
      if (partial.some(Boolean)) {
        series.push({ name: t(g), type: 'line', lineStyle: { type: 'dashed' }, symbol: 'emptyCircle',
          data: days.map((x, k) => (partial[k] || partial[k + 1] ? x[g] : null)) });
      }
    });
    chart('chart-arrivals').setOption({
      tooltip: { trigger: 'axis' }, legend: legend(), grid: { left: 10, right: 45, top: 60, bottom: 10, containLabel: true },
      // the partial day's date and label are always shown, whatever other dates the axis leaves out
      xAxis: { type: 'category', data: days.map((x, k) => (partial[k] ? x.date + '\n(' + t('partialDay') + ')' : x.date)),
        axisLabel: { interval: (k) => partial[k] || (k % step === 0 && !partial.slice(k + 1, k + step).some(Boolean)) } },
      yAxis: { type: 'value' }, series
    }, true);
    const partialDays = days.filter((x, k) => partial[k]);
    const note = document.getElementById('arrivals-partial');
    note.hidden = partialDays.length === 0;
    note.dataset.date = partialDays.length ? partialDays[partialDays.length - 1].date : '';
    note.textContent = partialDays.length ? t('partialNote', { date: day(partialDays[partialDays.length - 1].date) }) : '';
    const arrivalsTotal = days.reduce((sum, x) => sum + (Number(x.arrivals) || 0), 0);
    setFigure('arrivals-total', arrivalsTotal, num(arrivalsTotal));
    document.getElementById('arrivals-period').textContent = days.length
      ? '(' + t('periodFromTo', { from: day(days[0].date), to: day(days[days.length - 1].date) }) + ')' : '';
  }

  function renderDelivery(d) {
    const perf = d.delivery.data;
    const groups = perf.byStateAndCarrier;
    const hours = (v) => (v === null || v === undefined ? '' : num(v, 1) + ' ' + t('hours'));
    // a same-day delivery (0 h, or minutes) keeps a visible bar and says its value
    const bar = { type: 'bar', barMinHeight: 4, label: { show: true, position: 'right', formatter: (p) => hours(p.value) } };
    const el = document.getElementById('chart-delivery');
    el.style.height = Math.max(320, 110 + groups.length * 44) + 'px';
    const c = chart('chart-delivery');
    c.resize();
    c.setOption({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } }, legend: legend(),
      grid: { left: 10, right: 60, top: 40, bottom: 10, containLabel: true },
      yAxis: { type: 'category', inverse: true, axisLabel: { width: 200, overflow: 'break', lineHeight: 14, interval: 0 },
        data: groups.map((x) => stateName(x.state) + ' · ' + x.carrier + '\n' + t('deliveriesCount', { n: num(x.deliveries) })) },
      xAxis: { type: 'value', name: t('hours') },
      series: [Object.assign({ name: t('median'), data: groups.map((x) => x.medianHours) }, bar),
        Object.assign({ name: t('p90'), data: groups.map((x) => x.p90Hours) }, bar)]
    }, true);
    setFigure('delivery-median', perf.overall.medianHours, num(perf.overall.medianHours, 1));
    setFigure('delivery-p90', perf.overall.p90Hours, num(perf.overall.p90Hours, 1));
    setFigure('delivery-rejection', perf.rejectionRatePercent, pct(perf.rejectionRatePercent));
  }

  /** An alert in the reader's language, from its fields (the API's `message` is English prose). */
  function alertDetail(a) {
    const x = a.details || {};
    const v = a.value;
    switch (a.type) {
      case 'OVER_CAPACITY':
        return t('alert.OVER_CAPACITY', { occupancy: num(x.occupancy !== undefined ? x.occupancy : v),
          capacity: num(x.capacity !== undefined ? x.capacity : a.threshold), date: day(x.date) });
      case 'ARRIVALS_SURGE':
        return t('alert.ARRIVALS_SURGE', { arrivals: num(x.arrivals !== undefined ? x.arrivals : v), date: day(x.date),
          average: num(x.average30Days) });
      case 'AGREEMENT_EXPIRING':
        return t('alert.AGREEMENT_EXPIRING', { agreement: x.agreementId || a.subjectId, endsOn: day(x.endsOn),
          daysLeft: num(x.daysLeft) });
      case 'SHIPMENT_OVERDUE':
        return t('alert.SHIPMENT_OVERDUE', { shipment: x.shipmentId || a.subjectId,
          days: num(x.daysInTransit !== undefined ? x.daysInTransit : v) });
      case 'HIGH_REJECTION_RATE':
        return t('alert.HIGH_REJECTION_RATE', { percent: num(x.rejectedPercent !== undefined ? x.rejectedPercent : v * 100, 1) });
      default:
        return a.message || '';
    }
  }

  function renderAlerts(d) {
    const alerts = d.alerts.items;
    const counts = {};
    alerts.forEach((a) => { counts[a.type] = (counts[a.type] || 0) + 1; });
    chart('chart-alerts').setOption({
      tooltip: { trigger: 'item' }, legend: Object.assign(legend(), { orient: 'vertical', right: 0, left: 'auto', top: 'middle' }),
      series: [{ type: 'pie', radius: ['35%', '70%'], center: ['35%', '50%'],
        data: Object.entries(counts).map(([k, v]) => ({ name: t(k), value: v })) }]
    }, true);
    const alertBody = document.querySelector('#table-alerts tbody');
    alertBody.innerHTML = '';
    alerts.forEach((a) => {
      const tr = document.createElement('tr');
      tr.dataset.type = a.type;
      tr.dataset.shelter = a.shelterId;
      [t(a.type), a.shelterName || a.shelterId, stateName(a.state), alertDetail(a)].forEach((v, i) => {
        const td = document.createElement('td');
        td.textContent = v;
        if (i === 3) { td.className = 'detail'; }
        tr.appendChild(td);
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
        // the map shows the whole programme under the other filters; the chosen state is outlined on it
        getJson('/api/reports/programme' + query({ groupBy: 'state' }, 'state')),
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
    keepAddress();
    if (last) { render(last); }
  }));
  // buttons: a click, Enter or Space sorts; the same column again reverses
  document.querySelectorAll('#table-fulfilment th button').forEach((b) => b.addEventListener('click', () => {
    table.dir = table.key === b.dataset.sort ? -table.dir : 1;
    table.key = b.dataset.sort;
    table.page = 0;
    renderTable();
  }));
  document.getElementById('page-prev').addEventListener('click', () => { table.page = Math.max(0, table.page - 1); renderTable(); });
  document.getElementById('page-next').addEventListener('click', () => { table.page += 1; renderTable(); });
  const form = document.getElementById('filters');
  applyLabels();
  FILTERS.forEach((f) => { if (params.get(f) && form.elements[f]) { form.elements[f].value = params.get(f); } });
  keepAddress();
  document.getElementById('export-3w').href = '/api/reports/exports/3w.csv' + query();
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    q.set('lang', lang);
    FILTERS.forEach((f) => { if (form.elements[f].value) { q.set(f, form.elements[f].value); } });
    window.location.search = q.toString();
  });
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  showUser();
  load();
  setInterval(load, 15000);
}());
