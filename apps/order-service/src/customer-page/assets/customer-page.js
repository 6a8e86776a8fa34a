// The customer page: reads the order through its API routes with the link token, renders it in the
// chosen language, and posts an action only after the customer confirms it on the page.
/* global document, location, history, fetch, URL, crypto -- this file runs in the browser */
(function () {
  'use strict';
  var WORDS = JSON.parse(document.getElementById('words').textContent);
  var BOOT = JSON.parse(document.getElementById('boot').textContent);
  var base = '/orders/' + encodeURIComponent(BOOT.orderId);
  var state = { language: BOOT.language, order: null, actions: [], pending: BOOT.action || null };

  function $(id) {
    return document.getElementById(id);
  }
  function words() {
    return WORDS[state.language];
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function api(path, init) {
    init = init || {};
    init.headers = Object.assign({ authorization: 'Bearer ' + BOOT.token }, init.headers || {});
    return fetch(path, init).then(function (res) {
      return res.text().then(function (body) {
        return { status: res.status, body: body ? JSON.parse(body) : null };
      });
    });
  }
  function day(date, withWeekday) {
    var options = { day: 'numeric', month: 'long', timeZone: 'UTC' };
    if (withWeekday && state.language !== 'ru') options.weekday = 'long';
    return new Intl.DateTimeFormat(words().locale, options).format(new Date(date + 'T00:00:00Z'));
  }
  function window_(w) {
    if (w.earliest === w.latest) return day(w.earliest, true);
    return new Intl.DateTimeFormat(words().locale, { day: 'numeric', month: 'long', timeZone: 'UTC' }).formatRange(
      new Date(w.earliest + 'T00:00:00Z'),
      new Date(w.latest + 'T00:00:00Z'),
    );
  }
  function requestId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return (b < 16 ? '0' : '') + b.toString(16);
      })
      .join('');
  }

  function load() {
    document.body.removeAttribute('data-ready');
    return Promise.all([api(base), api(base + '/summary?lang=' + state.language), api(base + '/actions')]).then(function (r) {
      if (r[0].status !== 200) {
        $('summary').textContent = words().page.linkExpired;
        document.body.setAttribute('data-ready', state.language);
        return;
      }
      state.order = r[0].body;
      state.summary = r[1].status === 200 ? r[1].body.summary : '';
      state.actions = r[2].status === 200 ? r[2].body.actions : [];
      render();
    });
  }

  function render() {
    var w = words();
    var o = state.order;
    document.documentElement.lang = state.language;
    document.title = w.page.title;
    $('title').textContent = w.page.title;
    Array.prototype.forEach.call(document.querySelectorAll('[data-label]'), function (h) {
      h.textContent = w.page[h.getAttribute('data-label')];
    });
    Array.prototype.forEach.call(document.querySelectorAll('#languages button'), function (b) {
      b.setAttribute('aria-pressed', String(b.getAttribute('data-lang') === state.language));
    });
    $('summary').textContent = state.summary;
    var eta = o.eta ? o.eta.window : o.delay.newExpected ? { earliest: o.delay.newExpected, latest: o.delay.newExpected } : null;
    $('expected-section').hidden = !eta;
    $('expected').textContent = eta ? window_(eta) : '';
    var reason = o.delay.isDelayed && o.delay.reason ? w.reasons[o.delay.reason] || w.reasons.other : '';
    $('reason-section').hidden = !reason;
    $('reason').textContent = reason;
    renderTimeline(w, o);
    renderActions(w);
    document.body.setAttribute('data-ready', state.language);
  }

  function renderTimeline(w, o) {
    var list = $('timeline');
    list.textContent = '';
    o.timeline
      .slice()
      .reverse()
      .forEach(function (e) {
        var label = e.milestone ? w.milestones[e.milestone] : e.action ? actionLine(w, e) : e.type === 'DelayReported' ? w.page.delayReported : e.type;
        var item = el('li');
        item.appendChild(el('time', { datetime: e.occurredAt }, day(e.occurredAt.slice(0, 10), false)));
        item.appendChild(el('span', {}, ' ' + label + (e.late ? ' (' + w.page.late + ')' : '')));
        list.appendChild(item);
      });
  }

  /** A customer action in the timeline: which one, and its state after that entry (asked, confirmed, refused). */
  function actionLine(w, e) {
    var action = w.actions[e.action] ? w.actions[e.action].button : e.action;
    return action + ': ' + (w.page[e.state] || e.state) + (e.reason ? ' (' + e.reason + ')' : '');
  }

  function renderActions(w) {
    var box = $('actions');
    box.textContent = '';
    if (!state.actions.length) box.appendChild(el('p', {}, w.page.noActions));
    state.actions.forEach(function (a) {
      var button = el('button', { type: 'button', 'data-action': a.type }, w.actions[a.type].button);
      button.addEventListener('click', function () {
        confirmAction(a);
      });
      box.appendChild(button);
    });
    var asked =
      state.pending &&
      state.actions.filter(function (a) {
        return a.type === state.pending;
      })[0];
    state.pending = null;
    if (asked) confirmAction(asked);
  }

  function confirmAction(action) {
    var w = words();
    var box = $('confirm');
    box.textContent = '';
    box.hidden = false;
    $('outcome').textContent = '';
    box.appendChild(el('p', {}, w.actions[action.type].confirm));
    var choice = null;
    if (action.days && action.days.length)
      choice = select(
        'day',
        w.page.chooseDay,
        action.days.map(function (d) {
          return [d, day(d, true)];
        }),
      );
    if (action.pickupPoints && action.pickupPoints.length)
      choice = select(
        'pickupPointId',
        w.page.choosePoint,
        action.pickupPoints.map(function (p) {
          return [p.pointId, p.address];
        }),
      );
    if (choice) box.appendChild(choice.label);
    var yes = el('button', { type: 'button', id: 'confirm-yes' }, w.page.yes);
    var no = el('button', { type: 'button', id: 'confirm-no' }, w.page.no);
    box.appendChild(yes);
    box.appendChild(no);
    no.addEventListener('click', function () {
      box.hidden = true;
    });
    // one request id per choice confirmed here: a tap after a lost answer asks again with it, so it is recorded once
    var requestIds = {};
    function outcome(text, done) {
      $('outcome').textContent = text;
      $('outcome').setAttribute('data-outcome', done ? 'done' : 'failed');
    }
    function retryable() {
      outcome(words().page.failed, false);
      yes.disabled = false;
    }
    yes.addEventListener('click', function () {
      yes.disabled = true;
      var key = choice ? choice.input.value : '';
      var body = { type: action.type, requestId: requestIds[key] || (requestIds[key] = requestId()) };
      if (choice) body[choice.field] = choice.input.value;
      api(base + '/actions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(function (r) {
        if (r.status >= 500) return retryable();
        box.hidden = true;
        var ok = r.status === 202 || r.status === 200; // 200: the same request, recorded before
        outcome(ok ? words().actions[action.type].done : words().page.failed + (r.body && r.body.detail ? ': ' + r.body.detail : ''), ok);
        return load();
      }, retryable);
    });
  }

  function select(field, text, options) {
    var label = el('label', {}, text + ' ');
    var input = el('select', { name: field });
    options.forEach(function (o) {
      input.appendChild(el('option', { value: o[0] }, o[1]));
    });
    label.appendChild(input);
    return { field: field, label: label, input: input };
  }

  Array.prototype.forEach.call(document.querySelectorAll('#languages button'), function (b) {
    b.addEventListener('click', function () {
      state.language = b.getAttribute('data-lang');
      var url = new URL(location.href);
      url.searchParams.set('lang', state.language);
      url.searchParams.delete('action');
      history.replaceState(null, '', url.pathname + url.search);
      load();
    });
  });
  load();
})();
