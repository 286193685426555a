// Firebreak operator console: plain JS, no build step, no third-party code.
// The token lives in sessionStorage (this tab only) and is sent as a header, never in a URL.
'use strict';
(function () {
  const KEY = 'firebreak.operator.token';
  const RANK = { critical: 0, warning: 1, watch: 2, normal: 3, unknown: 4 };
  const STALE_MS = 30000;
  let offset = 0;            // server clock minus this browser's clock, ms
  let state = null;
  let stream = null;         // the AbortController of the open event stream
  const shown = {};          // last HTML per section: re-render only what changed (buttons keep focus)

  const $ = (id) => document.getElementById(id);
  const esc = (v) => String(v == null ? '' : v).replace(/[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const lower = (v) => String(v || 'unknown').toLowerCase();
  const now = () => Date.now() + offset;

  function token() { return sessionStorage.getItem(KEY); }

  function showLogin(message) {
    if (stream) { stream.abort(); stream = null; }
    sessionStorage.removeItem(KEY);
    $('console').hidden = true; $('signout').hidden = true; $('login').hidden = false;
    $('who').textContent = ''; $('login-error').textContent = message || '';
    link('signed out', '');
    $('token').focus();
  }

  function link(text, cls) { const l = $('link'); l.textContent = text; l.className = 'link ' + cls; }

  function toast(text, error) {
    const t = $('toast'); t.textContent = text; t.className = 'show' + (error ? ' error' : '');
    clearTimeout(toast.timer); toast.timer = setTimeout(() => { t.className = ''; }, 6000);
  }

  // server-sent events over fetch: EventSource cannot send an Authorization header
  async function connect() {
    const abort = new AbortController();
    stream = abort;
    try {
      const res = await fetch('/console/events', { headers: { Authorization: 'Bearer ' + token() },
        cache: 'no-store', signal: abort.signal });
      if (res.status === 401 || res.status === 403) {
        const body = await res.json().catch(() => ({}));
        showLogin('refused: ' + (body.error || res.status));
        return;
      }
      if (!res.ok) { throw new Error('status ' + res.status); }
      link('live', 'live');
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) { break; }
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end); buffer = buffer.slice(end + 2);
          const data = event.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (data) { render(JSON.parse(data)); }
        }
      }
    } catch (e) {
      if (abort.signal.aborted) { return; }
      link('reconnecting', 'lost');
    }
    if (stream === abort) { setTimeout(() => { if (stream === abort && token()) { connect(); } }, 2000); }
  }

  function render(s) {
    state = s;
    offset = Date.parse(s.now) - Date.now();
    $('site').textContent = s.name ? s.name + ' (' + s.site + ')' : s.site;
    $('who').textContent = 'signed in as ' + s.operator;
    section('attention', attention(s));
    section('rooms', rooms(s));
    tick();
    route();
  }

  function timelineLink(id) {
    return id ? ' <a class="timeline-link" href="#incident/' + encodeURIComponent(id) + '">timeline</a>' : '';
  }

  // #incident/<alert id>: one incident's timeline, refreshed with every pushed state
  async function route() {
    const m = /^#incident\/(.+)$/.exec(location.hash);
    $('overview').hidden = !!m; $('incident-view').hidden = !m;
    if (!m || !token() || route.busy) { return; }
    route.busy = true;
    try {
      const id = decodeURIComponent(m[1]);
      const res = await fetch('/console/incidents/' + encodeURIComponent(id),
          { headers: { Authorization: 'Bearer ' + token() }, cache: 'no-store' });
      const inc = await res.json().catch(() => ({}));
      if (!res.ok) { $('incident-title').textContent = id; $('incident-meta').textContent = inc.error || res.status; return; }
      $('incident-title').textContent = inc.room + ': ' + inc.level + ' (' + inc.id + ')';
      $('incident-meta').textContent = inc.summary + ' \u00b7 from ' + clock(inc.from)
          + (inc.to ? ' to ' + clock(inc.to) : ' \u00b7 still open');
      section('incident-entries', inc.entries.map((e) => '<li data-kind="' + esc(e.kind) + '"><span class="when">'
          + esc(new Date(e.at).toLocaleTimeString()) + '</span><span class="what-kind">' + esc(e.kind) + '</span><span>'
          + (e.who ? '<span class="who">' + esc(e.who) + '</span> ' : '') + esc(e.what) + '</span></li>').join(''));
    } finally {
      route.busy = false;
    }
  }

  function section(id, html) {
    if (shown[id] !== html) { shown[id] = html; $(id).innerHTML = html; }
  }

  function button(action, subject, room, label) {
    return '<button type="button" class="' + action + '" data-action="' + action + '" data-subject="' + esc(subject)
        + '" data-room="' + esc(room) + '">' + esc(label || action) + '</button>';
  }

  function decisionCard(kind, d, buttons, cls) {
    return '<div class="card ' + cls + '" data-kind="' + kind + '" data-id="' + esc(d.id) + '">'
        + '<div class="kind">' + esc(kind.replace('-', ' ')) + '</div>'
        + '<h3>' + esc(d.room) + ': drain ' + esc((d.scope || []).join(', ')) + '</h3>'
        + '<p class="meta">tenants ' + esc((d.tenants || []).join(', ')) + ' &middot; <span class="level ' + lower(d.severity)
        + '">' + esc(lower(d.severity)) + '</span> &middot; ' + esc(d.id) + '</p>'
        + (d.reason ? '<p class="meta">' + esc(d.reason) + '</p>' : '')
        + '<p class="meta">evidence from ' + esc(clock(d.detected_at)) + ' (event time)</p>'
        + (buttons ? '<div class="actions">' + buttons + '</div>' : '') + '</div>';
  }

  function attention(s) {
    const p = s.pending; const cards = [];
    p.held.forEach((d) => cards.push(decisionCard('held-drain', d,
        button('approve', d.id, d.room, 'approve drain') + button('veto', d.id, d.room), 'critical')));
    // a room whose drain is decided needs no early drain: its countdown shows, without buttons
    const decided = new Set([].concat(p.held, p.drained, p.undelivered).map((d) => d.room));
    p.countdowns.forEach((c) => {
      const a = s.alerts[c.alert_id] || {};
      if (decided.has(c.room)) {
        cards.push('<div class="card task" data-kind="countdown" data-id="' + esc(c.alert_id) + '">'
            + '<div class="kind">warning countdown</div><h3>' + esc(c.room) + '</h3>'
            + '<p class="meta">superseded: a drain of this room is already decided (see below)</p></div>');
        return;
      }
      cards.push('<div class="card warning" data-kind="countdown" data-id="' + esc(c.alert_id) + '">'
          + '<div class="kind">warning countdown: early drain</div><h3>' + esc(c.room) + timelineLink(c.alert_id) + '</h3>'
          + '<p class="meta">' + esc(a.summary || c.alert_id) + '</p>'
          + (c.vetoed ? '<p class="level normal">vetoed</p>'
            : '<p class="timer" data-until="' + esc(c.until) + '"></p><div class="actions">'
              + button('approve', c.alert_id, c.room, 'drain now') + button('veto', c.alert_id, c.room) + '</div>')
          + '</div>');
    });
    p.unacknowledged.forEach((id) => {
      const a = s.alerts[id] || {};
      cards.push('<div class="card critical" data-kind="page" data-id="' + esc(id) + '">'
          + '<div class="kind">page waiting for acknowledgement</div><h3>' + esc(a.room_id || id) + timelineLink(id) + '</h3>'
          + '<p class="meta">' + esc(a.summary || id) + '</p>'
          + (a.received_at ? '<p class="meta">paged <span data-since="' + Date.parse(a.received_at) + '"></span> ago</p>' : '')
          + '<div class="actions">' + button('ack', id, a.room_id, 'acknowledge') + '</div></div>');
    });
    p.undelivered.forEach((d) => cards.push(decisionCard('undelivered', d,
        button('takeover', d.id, d.room, 'take over (drain by hand)'), 'critical')));
    p.drained.forEach((d) => cards.push(decisionCard('drained', d, button('release', d.id, d.room, 'release room'), 'task')));
    p.all_clear_rooms.forEach((r) => cards.push('<div class="card normal" data-kind="all-clear"><div class="kind">'
        + 'all-clear running</div><h3>' + esc(r) + '</h3></div>'));
    return cards.length ? '<div class="cards">' + cards.join('') + '</div>' : '<p class="empty">Nothing waits for a person.</p>';
  }

  function rooms(s) {
    const sorted = s.rooms.slice().sort((a, b) => RANK[lower(a.level)] - RANK[lower(b.level)] || a.id.localeCompare(b.id));
    return '<div class="cards">' + sorted.map((r) => {
      const level = lower(r.level);
      const evidence = (r.evidence || []).map((e) => '<li>' + esc(e.signal) + ' ' + esc(fmt(e.value)) + ' ' + esc(e.unit || '')
          + (e.where ? ' at ' + esc(e.where) : '') + (e.decisive ? ' (decisive)' : '') + '</li>').join('');
      const faults = (r.faults || []).map((f) => '<li>fault: ' + esc(f.summary) + '</li>').join('');
      return '<div class="card ' + level + '" data-kind="room" data-id="' + esc(r.id) + '">'
          + '<h3>' + esc(r.name || r.id) + ' <span class="level ' + level + '">' + esc(level) + '</span></h3>'
          + (r.summary ? '<p class="meta">' + esc(r.summary) + timelineLink(r.alert_id) + '</p>' : '')
          + (evidence || faults ? '<ul class="evidence">' + evidence + faults + '</ul>' : '')
          + '<p class="meta">halls ' + esc((r.halls || []).join(', ') || '-') + ' &middot; tenants '
          + esc((r.tenants || []).join(', ') || '-') + ' &middot; ' + esc(r.racks) + ' racks</p>'
          + telemetry(r, s)
          + '<p class="meta">' + (r.received_at ? 'last alert <span data-since="' + Date.parse(r.received_at)
            + '"></span> ago (evidence from ' + esc(clock(r.detected_at)) + ')' : 'no alert on record') + '</p>'
          + '</div>';
    }).join('') + '</div>';
  }

  // time since the room's telemetry last reached Kafka; older than STALE_MS shows as stale (the 10 s rule, with slack)
  function telemetry(r, s) {
    return r.last_telemetry_at
      ? '<p class="meta telemetry">last telemetry <span data-since="' + Date.parse(r.last_telemetry_at)
        + '" data-stale-after="' + STALE_MS + '"></span> ago</p>'
      : '<p class="meta telemetry stale">no telemetry since ' + esc(clock(s.telemetry_since)) + '</p>';
  }

  function clock(t) {
    const d = new Date(typeof t === 'number' ? t : Date.parse(t));
    return isNaN(d) ? '-' : d.toLocaleString([], { dateStyle: 'short', timeStyle: 'medium' });
  }

  function fmt(v) { return typeof v === 'number' ? (Math.round(v * 100) / 100).toString() : v; }

  function span(ms) {
    const t = Math.max(0, Math.floor(ms / 1000));
    if (t >= 172800) { return Math.floor(t / 86400) + ' days'; }
    const h = Math.floor(t / 3600); const m = Math.floor((t % 3600) / 60); const sec = t % 60;
    return (h ? h + ':' + String(m).padStart(2, '0') : m) + ':' + String(sec).padStart(2, '0');
  }

  // timers run on this page's clock, corrected by the server's
  function tick() {
    document.querySelectorAll('[data-until]').forEach((el) => {
      const left = Date.parse(el.dataset.until) - now();
      el.textContent = left > 0 ? span(left) + ' left to act' : 'countdown over';
      el.classList.toggle('over', left <= 0);
    });
    document.querySelectorAll('[data-since]').forEach((el) => {
      const age = now() - Number(el.dataset.since);
      el.textContent = span(age);
      if (el.dataset.staleAfter) { el.parentElement.classList.toggle('stale', age > Number(el.dataset.staleAfter)); }
    });
  }

  // two taps: an approve on a phone in a pocket must not drain a hall
  async function act(btn) {
    if (!btn.classList.contains('armed')) {
      btn.classList.add('armed'); btn.dataset.label = btn.textContent; btn.textContent = 'tap again: ' + btn.dataset.action;
      setTimeout(() => { if (btn.classList.contains('armed')) { btn.classList.remove('armed'); btn.textContent = btn.dataset.label; } }, 5000);
      return;
    }
    btn.classList.remove('armed'); btn.disabled = true; btn.textContent = btn.dataset.label;
    const body = { action: btn.dataset.action, subject: btn.dataset.subject };
    if (btn.dataset.room) { body.room = btn.dataset.room; }
    try {
      const res = await fetch('/actions', { method: 'POST', cache: 'no-store',
        headers: { Authorization: 'Bearer ' + token(), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const answer = await res.json().catch(() => ({}));
      if (res.status === 202) {
        toast(answer.action + ' ' + answer.subject + ' recorded for ' + answer.operator);
      } else {
        toast(body.action + ' refused: ' + (answer.error || res.status), true);
        btn.disabled = false;
      }
    } catch (e) {
      toast(body.action + ' not sent: ' + e.message, true);
      btn.disabled = false;
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('login').addEventListener('submit', async (e) => {
      e.preventDefault();
      const candidate = $('token').value.trim();
      const res = await fetch('/console/state', { headers: { Authorization: 'Bearer ' + candidate }, cache: 'no-store' })
          .catch(() => null);
      if (!res || !res.ok) {
        const body = res ? await res.json().catch(() => ({})) : {};
        $('login-error').textContent = 'refused: ' + (body.error || (res ? res.status : 'endpoint unreachable'));
        return;
      }
      sessionStorage.setItem(KEY, candidate);
      $('token').value = '';
      start(await res.json());
    });
    $('signout').addEventListener('click', () => showLogin(''));
    document.body.addEventListener('click', (e) => {
      const btn = e.target.closest('button[data-action]');
      if (btn) { act(btn); }
    });
    setInterval(tick, 1000);
    window.addEventListener('hashchange', route);
    if (token()) { start(null); } else { showLogin(''); }
  });

  function start(first) {
    $('login').hidden = true; $('console').hidden = false; $('signout').hidden = false;
    if (first) { render(first); }
    connect();
  }
})();
