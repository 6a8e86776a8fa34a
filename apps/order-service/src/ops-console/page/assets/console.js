// The ops delay console: plain browser JavaScript over /ops/api (no build step), charts by uPlot.
// Every value from the API goes into the page through textContent, never as HTML.
/* global document, location, window, fetch, EventSource, FormData, URLSearchParams, CSS, uPlot -- this file runs in the browser */
'use strict';
(() => {
  const $ = (sel, root = document) => root.querySelector(sel);
  const state = { csrf: '', list: { sort: 'promisedBy', order: 'asc', offset: 0, limit: 50, shown: '' }, charts: new Map(), source: null };
  const SECTIONS = ['sign-in', 'overview', 'list', 'order', 'model'];

  async function api(path, init = {}) {
    const res = await fetch(path, { credentials: 'same-origin', ...init, headers: { accept: 'application/json', ...(init.headers || {}) } });
    if (res.status === 401) {
      show('sign-in');
      throw new Error('signed out');
    }
    const body = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
    if (!res.ok) throw Object.assign(new Error(body.detail || body.title || res.statusText), { status: res.status, body });
    return body;
  }

  function show(id) {
    for (const s of SECTIONS) $(`#${s}`).hidden = s !== id;
    $('#nav').hidden = id === 'sign-in';
    const heading = $(`#${id} h2`);
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }

  const cell = (tr, text, cls) => {
    const td = tr.insertCell();
    td.textContent = text ?? '';
    if (cls) td.className = cls;
    return td;
  };
  const fill = (table, rows, render) => {
    const body = $('tbody', table);
    body.replaceChildren();
    for (const r of rows) render(body.insertRow(), r);
  };
  const when = (iso) => (iso ? `${iso.replace('T', ' ').slice(0, 16)} UTC` : '');
  const secondsOfDay = (day) => Date.parse(`${day}T00:00:00Z`) / 1000;
  /** The domain's delay states in ops words: late is the promise broken. */
  const STATE_LABELS = { 'on-track': 'on track', 'at-risk': 'at risk', late: 'late: promise broken', 'delivered-late': 'delivered late' };
  const badge = (td, delayState) => {
    td.textContent = '';
    const s = document.createElement('span');
    s.className = `state ${delayState}`;
    s.textContent = STATE_LABELS[delayState] ?? delayState;
    td.append(s);
  };

  /** One uPlot chart per container; `data-points` says how many x values it drew (the browser suite checks it). */
  function chart(id, series, data, opts = {}) {
    const el = $(`#${id}`);
    state.charts.get(id)?.destroy();
    el.dataset.points = String(data[0].length);
    const width = Math.max(300, el.clientWidth || 420);
    const y = opts.days ? { size: 90, values: (_u, ticks) => ticks.map((v) => new Date(v * 86400000).toISOString().slice(0, 10)) } : { size: 50 };
    const scales = { x: { time: opts.time !== false }, ...(opts.range && { y: { range: opts.range } }) };
    const plot = new uPlot({ width, height: 220, scales, series: [{}, ...series], axes: [{}, y] }, data, el);
    state.charts.set(id, plot);
  }
  const bars = () => uPlot.paths.bars({ size: [0.6, 60] });

  async function overview() {
    const o = await api('/ops/api/overview');
    for (const el of document.querySelectorAll('[data-count]')) el.textContent = String(o[el.dataset.count]);
    $('#as-of').textContent = `as of ${when(o.asOf)}`;
    const t = o.trends;
    chart(
      'chart-on-time',
      [{ label: 'on-time rate', stroke: '#166534', points: { show: true } }],
      [t.onTimeByWeek.map((w) => secondsOfDay(w.week)), t.onTimeByWeek.map((w) => w.rate)],
      { range: [0, 1] },
    );
    chart(
      'chart-risk',
      [
        { label: 'alerts', stroke: '#b45309' },
        { label: 'promises broken', stroke: '#7f1d1d' },
      ],
      [t.riskByDay.map((d) => secondsOfDay(d.day)), t.riskByDay.map((d) => d.atRisk), t.riskByDay.map((d) => d.promiseBroken)],
    );
    chart(
      'chart-durations',
      [
        { label: 'processing h', stroke: '#2563eb' },
        { label: 'transit h', stroke: '#9333ea' },
      ],
      [t.durationsByWeek.map((w) => secondsOfDay(w.week)), t.durationsByWeek.map((w) => w.processingHours), t.durationsByWeek.map((w) => w.transitHours)],
    );
    chart(
      'chart-promise',
      [{ label: 'orders', stroke: '#374151', fill: '#9ca3af', paths: bars() }],
      [t.promiseVsActual.map((p) => p.days), t.promiseVsActual.map((p) => p.orders)],
      { time: false },
    );
    fill($('#stages'), t.stages, (tr, s) => {
      cell(tr, s.stage);
      cell(tr, String(s.orders));
    });
    await breakdown();
  }

  async function breakdown() {
    const b = await api(`/ops/api/breakdown?by=${encodeURIComponent($('#breakdown-by').value)}`);
    fill($('#breakdown'), b.items.slice(0, 30), (tr, r) => {
      for (const v of [r.key, r.open, r.atRisk, r.late, r.delayed]) cell(tr, String(v));
    });
  }

  function listParams() {
    const params = new URLSearchParams();
    for (const [k, v] of new FormData($('#filters'))) if (v) params.set(k, String(v).trim());
    params.set('sort', state.list.sort);
    params.set('order', state.list.order);
    return params;
  }

  function renderRow(tr, r) {
    tr.dataset.orderId = r.orderId;
    const link = document.createElement('a');
    link.href = `#/order/${encodeURIComponent(r.orderId)}`;
    link.textContent = r.orderId;
    tr.insertCell().append(link);
    badge(tr.insertCell(), r.delayState);
    const expected = r.forecast ? `${r.forecast.expected} (${r.forecast.earliest} – ${r.forecast.latest})` : r.expected;
    for (const v of [r.stage, r.promisedBy, expected, r.reason, `${r.originState}→${r.destinationState}`, r.carrier, when(r.stageSince), when(r.lastScanAt)])
      cell(tr, v);
    cell(tr, r.notificationsSent === null ? '–' : String(r.notificationsSent));
  }

  /** The list's filters, sort and page. */
  function pageParams() {
    const params = listParams();
    params.set('limit', String(state.list.limit));
    params.set('offset', String(state.list.offset));
    return params;
  }

  async function list() {
    $('#csv').href = `/ops/api/orders.csv?${listParams()}`;
    const params = pageParams();
    state.list.shown = String(params); // what the live re-reads ask: the filters applied, not those typed since
    const page = await api(`/ops/api/orders?${params}`);
    fill($('#orders'), page.items, renderRow);
    summarize(page);
  }

  /** The count, the ageing buckets and the pager of a page (its items may be ids alone). */
  function summarize(page) {
    const last = Math.min(page.total, state.list.offset + page.items.length);
    $('#list-summary').textContent = `${page.total} orders${page.total ? `, showing ${state.list.offset + 1}–${last}` : ''}`;
    $('#ageing').replaceChildren(
      ...Object.entries(page.ageing).map(([bucket, n]) => Object.assign(document.createElement('li'), { textContent: `${bucket} in stage: ${n}` })),
    );
    $('#prev').disabled = state.list.offset === 0;
    $('#next').disabled = last >= page.total;
    for (const th of document.querySelectorAll('#orders th[aria-sort]')) {
      th.setAttribute('aria-sort', $('button', th).dataset.sort === state.list.sort ? (state.list.order === 'asc' ? 'ascending' : 'descending') : 'none');
    }
  }

  /** The ETA history with the broken promise in its place: systemEvents holds both in the log's order, etaHistory the ETA ones. */
  const ETA_EVENTS = new Set(['DelayPredicted', 'DelayCleared', 'EtaRevised']);
  const etaRows = (o) => {
    let next = 0;
    return o.systemEvents.flatMap((e) => {
      if (e.type === 'PromiseBroken') return [{ at: e.at, type: e.type, reason: `promised ${e.data.promisedBy}, not delivered by then` }];
      return ETA_EVENTS.has(e.type) ? [o.etaHistory[next++]] : [];
    });
  };

  async function order(id) {
    const o = await api(`/ops/api/orders/${encodeURIComponent(id)}`);
    $('#order-title').textContent = `Order ${o.orderId}`;
    const broken = o.systemEvents.find((e) => e.type === 'PromiseBroken');
    const facts = {
      status: o.status,
      'delay state': o.row && STATE_LABELS[o.row.delayState],
      promised: o.promisedBy,
      'promise broken': broken ? when(broken.at) : 'no',
      expected: o.currentEta ? `${o.currentEta.expected} (${o.currentEta.window.earliest} – ${o.currentEta.window.latest})` : o.row?.expected,
      route: o.row && `${o.row.originCity}/${o.row.originState} → ${o.row.destinationState}`,
      carrier: o.row?.carrier,
      reason: o.row?.reason,
      'late scans': o.row?.lateScans,
    };
    $('#order-facts').replaceChildren(
      ...Object.entries(facts).flatMap(([k, v]) => [
        Object.assign(document.createElement('dt'), { textContent: k }),
        Object.assign(document.createElement('dd'), { textContent: v ?? '–' }),
      ]),
    );
    fill($('#timeline'), o.timeline, (tr, e) => {
      if (e.late) tr.className = 'late-scan';
      cell(tr, when(e.occurredAt));
      cell(tr, e.late ? `${e.type} (late scan)` : e.type);
      cell(tr, e.partner);
      cell(tr, [e.reason, e.location && [e.location.city, e.location.state].filter(Boolean).join('/')].filter(Boolean).join(' · '));
    });
    fill($('#eta-history'), etaRows(o), (tr, e) => {
      cell(tr, when(e.at));
      cell(tr, e.type);
      cell(tr, e.expected);
      cell(tr, e.previous);
      cell(tr, e.reason);
    });
    const points = o.etaHistory.map((e) => [Date.parse(e.at) / 1000, secondsOfDay(e.expected) / 86400]);
    chart(
      'chart-eta',
      [
        { label: 'expected day', stroke: '#b45309', points: { show: true } },
        { label: 'promised day', stroke: '#166534', dash: [6, 4] },
      ],
      [points.map((p) => p[0]), points.map((p) => p[1]), points.map(() => secondsOfDay(o.promisedBy) / 86400)],
      { days: true },
    );
    fill($('#notifications'), o.notifications ?? [], (tr, n) => {
      cell(tr, when(n.at));
      cell(tr, n.kind);
      cell(tr, n.channel);
      cell(tr, n.status);
      cell(tr, n.error || n.providerMessageId);
    });
    fill($('#dead-letters'), o.deadLetters ?? [], (tr, d) => {
      cell(tr, when(d.at));
      cell(tr, d.kind);
      cell(tr, d.reason);
      cell(tr, String(d.attempts));
      const button = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Re-drive' });
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          await api(`/ops/api/dead-letters/${encodeURIComponent(d.notificationId)}/redrive`, { method: 'POST', headers: { 'x-csrf-token': state.csrf } });
          button.textContent = 'Queued';
        } catch (e) {
          button.textContent = `Failed: ${e.message}`;
          button.disabled = false;
        }
      });
      tr.insertCell().append(button);
    });
  }

  async function model() {
    const m = await api('/ops/api/model');
    for (const el of document.querySelectorAll('[data-alert]')) {
      const v = m.alerts[el.dataset.alert];
      el.textContent = v === null ? '–' : el.dataset.alert === 'falseAlarmRate' ? `${(v * 100).toFixed(1)} %` : String(v);
    }
    chart(
      'chart-calibration',
      [{ label: 'MAE days', stroke: '#2563eb', points: { show: true } }],
      [m.calibrationByWeek.map((w) => secondsOfDay(w.week)), m.calibrationByWeek.map((w) => w.maeDays)],
    );
    const pct = (share) => `${(share * 100).toFixed(0)} %`;
    fill($('#calibration'), m.calibrationByWeek, (tr, w) => {
      for (const v of [w.week, w.orders, w.maeDays, pct(w.exactShare), pct(w.withinOneDayShare)]) cell(tr, String(v));
    });
    chart(
      'chart-lead',
      [{ label: 'orders', stroke: '#374151', fill: '#9ca3af', paths: bars() }],
      [m.leadTimeDays.map((d) => d.days), m.leadTimeDays.map((d) => d.orders)],
      { time: false },
    );
    $('#outcomes-unavailable').hidden = m.notificationOutcomes !== null;
    $('#notification-outcomes').hidden = m.notificationOutcomes === null;
    fill($('#notification-outcomes'), m.notificationOutcomes ?? [], (tr, o) => {
      for (const v of [o.channel ?? 'none (decided before a channel)', o.status, String(o.n)]) cell(tr, v);
    });
  }

  const listedRow = (id) => document.querySelector(`#orders tr[data-order-id="${CSS.escape(id)}"]`);

  /**
   * The list as its filters now say: which orders the page shows, in order, read as ids alone; then the rows of the
   * changed orders among them and of those not listed yet (fifty ids a request). A row that stops matching leaves,
   * one that starts appears where the sort puts it, and no unchanged row is read again.
   */
  async function relist(ids) {
    const shown = state.list.shown;
    const params = new URLSearchParams(shown);
    params.set('fields', 'orderId');
    const page = await api(`/ops/api/orders?${params}`);
    const wanted = page.items.map((r) => r.orderId);
    const changed = new Set(ids);
    const toRead = wanted.filter((id) => changed.has(id) || !listedRow(id));
    const rows = new Map();
    for (let i = 0; i < toRead.length; i += 50) {
      const read = new URLSearchParams({ includeClosed: 'true', limit: '50' });
      for (const id of toRead.slice(i, i + 50)) read.append('ids', id);
      for (const r of (await api(`/ops/api/orders?${read}`)).items) rows.set(r.orderId, r);
    }
    if (state.list.shown !== shown) return; // other filters applied meanwhile: that read stands
    const trs = wanted.flatMap((id) => {
      const r = rows.get(id);
      const tr = listedRow(id) ?? (r && document.createElement('tr'));
      if (!tr) return []; // gone between the two reads: the next change re-reads
      if (r) {
        tr.replaceChildren();
        renderRow(tr, r);
        tr.classList.remove('flash');
        void tr.offsetWidth;
        tr.classList.add('flash');
      }
      return [tr];
    });
    $('#orders tbody').replaceChildren(...trs);
    summarize(page);
  }

  /** One re-read at a time: changes arriving meanwhile are gathered for the next. */
  const relisting = { running: false, ids: new Set() };
  async function relistLive(ids) {
    for (const id of ids) relisting.ids.add(id);
    if (relisting.running) return;
    relisting.running = true;
    try {
      while (relisting.ids.size && !$('#list').hidden) {
        const next = [...relisting.ids];
        relisting.ids.clear();
        await relist(next);
      }
    } finally {
      relisting.running = false;
      relisting.ids.clear();
    }
  }

  /** Server-Sent Events: the list re-read as its filters say (relist), the order shown re-read, counts refreshed at most once a second. */
  function live() {
    if (state.source) return;
    state.source = new EventSource('/ops/api/stream');
    state.source.onopen = () => {
      $('#live').textContent = 'live';
      $('#live').classList.add('on');
    };
    state.source.onerror = () => {
      $('#live').textContent = 'reconnecting';
      $('#live').classList.remove('on');
    };
    let countsDue = false;
    state.source.addEventListener('changed', (event) => {
      const { ids } = JSON.parse(event.data);
      if (!$('#list').hidden) relistLive(ids).catch(() => {});
      const shown = location.hash.startsWith('#/order/') && decodeURIComponent(location.hash.slice('#/order/'.length));
      if (shown && !$('#order').hidden && ids.includes(shown)) order(shown).catch(() => {});
      if (!$('#overview').hidden && !countsDue) {
        countsDue = true;
        setTimeout(() => {
          countsDue = false;
          overview().catch(() => {});
        }, 1000);
      }
    });
  }

  async function route() {
    const hash = location.hash || '#/';
    try {
      const session = await api('/ops/api/session');
      state.csrf = session.csrfToken;
    } catch {
      return;
    }
    live();
    if (hash.startsWith('#/order/')) {
      show('order');
      await order(decodeURIComponent(hash.slice('#/order/'.length)));
    } else if (hash === '#/list') {
      show('list');
      await list();
    } else if (hash === '#/model') {
      show('model');
      await model();
    } else {
      show('overview');
      await overview();
    }
    document.body.dataset.ready = hash;
  }

  $('#sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('#sign-in-error').textContent = '';
    const res = await fetch('/ops/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: $('#token').value.trim() }),
    });
    if (res.ok) {
      $('#token').value = '';
      await route();
    } else $('#sign-in-error').textContent = res.status === 403 ? 'This token is not an ops token.' : 'This token was refused.';
  });
  $('#sign-out').addEventListener('click', async () => {
    await fetch('/ops/session', { method: 'DELETE', headers: { 'x-csrf-token': state.csrf } });
    state.source?.close();
    state.source = null;
    show('sign-in');
  });
  $('#filters').addEventListener('submit', (event) => {
    event.preventDefault();
    state.list.offset = 0;
    list();
  });
  $('#breakdown-by').addEventListener('change', breakdown);
  $('#prev').addEventListener('click', () => {
    state.list.offset = Math.max(0, state.list.offset - state.list.limit);
    list();
  });
  $('#next').addEventListener('click', () => {
    state.list.offset += state.list.limit;
    list();
  });
  for (const button of document.querySelectorAll('#orders th button')) {
    button.addEventListener('click', () => {
      const key = button.dataset.sort;
      state.list.order = state.list.sort === key && state.list.order === 'asc' ? 'desc' : 'asc';
      state.list.sort = key;
      list();
    });
  }
  window.addEventListener('hashchange', route);
  route();
})();
