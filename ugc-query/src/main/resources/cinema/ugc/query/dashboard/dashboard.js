// The analyst dashboard: polls the read API with the bearer token kept in this tab's sessionStorage.
// The token arrives in the URL fragment (#token=...), which browsers never send to the server, and is removed
// from the address bar at once so it does not linger in history or screenshots.
'use strict';

const ACTIONS = ['VIEW', 'CLICK', 'FILM_PROGRESS', 'FILM_FINISHED', 'QUALITY_CHANGE', 'SEARCH', 'FILTER', 'RATING'];
const COLORS = ['#3366cc', '#dc3912', '#ff9900', '#109618', '#990099', '#0099c6', '#dd4477', '#66aa00'];
const STATUS_EVERY_MS = 2000;
const STATS_EVERY_MS = 5000;
const $ = (id) => document.getElementById(id);
const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

function takeTokenFromFragment() {
  const match = location.hash.match(/token=([^&]+)/);
  if (match) {
    sessionStorage.setItem('ugc.token', decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem('ugc.token');
}

class AuthError extends Error {}

async function api(path) {
  const response = await fetch(path, { headers: { Authorization: 'Bearer ' + sessionStorage.getItem('ugc.token') } });
  if (response.status === 401 || response.status === 403) {
    const problem = await response.json().catch(() => ({}));
    throw new AuthError(problem.detail || response.statusText);
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    const error = new Error(problem.detail || (response.status + ' ' + response.statusText));
    error.status = response.status;
    throw error;
  }
  return response.json();
}

function showError(error) {
  if (error instanceof AuthError) {
    sessionStorage.removeItem('ugc.token');
    showLogin('The token was refused: ' + error.message);
    return;
  }
  $('error').textContent = error.message;
  $('error').hidden = false;
}

function clearError() {
  $('error').hidden = true;
}

const count = (value) => (value === null || value === undefined ? 'n/a' : fmt.format(value));

async function refreshStatus() {
  const s = await api('/api/v1/stats/status');
  $('ingest-rate').textContent = count(s.ingest_rate_per_s);
  $('etl-lag').textContent = count(s.etl_lag);
  $('rows-stored').textContent = count(s.rows_stored);
  $('updated').textContent = (s.store || '') + ' · updated ' + new Date().toLocaleTimeString();
}

function fillTable(id, rows) {
  const body = $(id).querySelector('tbody');
  body.replaceChildren(...rows.map(([key, value]) => {
    const tr = document.createElement('tr');
    const name = document.createElement('td');
    const num = document.createElement('td');
    name.textContent = key;
    num.textContent = fmt.format(value);
    num.className = 'num';
    tr.append(name, num);
    return tr;
  }));
}

async function refreshOverview() {
  const to = new Date(Math.ceil((Date.now() + 60000) / 60000) * 60000);
  const from = new Date(to.getTime() - 3600 * 1000);
  const o = await api(`/api/v1/stats/overview?from=${from.toISOString()}&to=${to.toISOString()}`);
  $('distinct-users').textContent = count(o.distinct_users);
  fillTable('by-action', o.events_by_action.map((c) => [c.action, c.count]));
  drawTimeline(o.events_per_minute, from.getTime(), to.getTime());
}

async function refreshTopFilms() {
  const action = $('top-action').value;
  const t = await api(`/api/v1/stats/films/top?action=${action}&limit=10`);
  fillTable('top-films', t.films.map((f) => [f.film_id, f.count]));
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(name, attrs) {
  const el = document.createElementNS(SVG, name);
  Object.entries(attrs).forEach(([k, v]) => el.setAttribute(k, v));
  return el;
}

// Stacked bars, one per minute, one colour per action.
function drawTimeline(points, fromMs, toMs) {
  const chart = $('timeline');
  const width = 900, height = 200, minutes = Math.round((toMs - fromMs) / 60000);
  const barWidth = width / minutes;
  const max = Math.max(1, ...points.map((p) => p.count));
  const bars = [];
  points.forEach((p) => {
    const x = ((Date.parse(p.time) - fromMs) / 60000) * barWidth;
    let y = height;
    const parts = p.by_action || { ALL: p.count };
    [...ACTIONS, 'ALL'].forEach((action, i) => {
      const n = parts[action] || 0;
      if (n === 0) return;
      const h = (n / max) * (height - 10);
      y -= h;
      const rect = svg('rect', { x: x + 1, y, width: Math.max(1, barWidth - 2), height: h, fill: COLORS[i] || '#778' });
      rect.append(svg('title', {}));
      rect.firstChild.textContent = `${p.time} ${action}: ${n}`;
      bars.push(rect);
    });
  });
  const axis = svg('text', { x: 4, y: 14, 'font-size': 12, fill: '#5b6477' });
  axis.textContent = 'max ' + fmt.format(max) + ' / min';
  const ticks = [0, 15, 30, 45, 60].map((m) => {
    const label = svg('text', { x: Math.min(width - 60, (m / 60) * width + 2), y: height + 16, 'font-size': 12,
      fill: '#5b6477' });
    label.textContent = new Date(fromMs + m * 60000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    return label;
  });
  chart.replaceChildren(svg('line', { x1: 0, y1: height, x2: width, y2: height, stroke: '#aab' }), ...bars, axis,
    ...ticks);
  chart.dataset.points = String(points.reduce((sum, p) => sum + p.count, 0));
}

function drawLegend() {
  $('legend').replaceChildren(...ACTIONS.map((action, i) => {
    const span = document.createElement('span');
    const swatch = document.createElement('i');
    swatch.style.background = COLORS[i];
    span.append(swatch, action);
    return span;
  }));
}

async function lookUpFilm(event) {
  event.preventDefault();
  const id = $('film-input').value.trim();
  const result = $('film-result');
  try {
    const f = await api('/api/v1/stats/films/' + encodeURIComponent(id));
    const pct = (v) => (v === null ? 'n/a' : fmt.format(v * 100) + ' %');
    const rows = [['Film', f.film_id], ['Views', count(f.views)], ['Distinct viewers', count(f.distinct_viewers)],
      ['Completion rate', pct(f.completion_rate)], ['Average watched share', pct(f.average_watched_share)],
      ['Average watched time', f.average_watched_seconds === null ? 'n/a' : fmt.format(f.average_watched_seconds) + ' s']];
    result.replaceChildren(...rows.flatMap(([k, v]) => {
      const dt = document.createElement('dt');
      const dd = document.createElement('dd');
      dt.textContent = k;
      dd.textContent = v;
      return [dt, dd];
    }));
  } catch (error) {
    showError(error);
  }
}

async function tick(refresh) {
  try {
    await refresh();
    clearError();
  } catch (error) {
    showError(error);
  }
}

let timers = [];
function start() {
  timers.forEach(clearInterval);
  $('login').hidden = true;
  $('board').hidden = false;
  $('logout').hidden = false;
  const stats = () => Promise.all([refreshOverview(), refreshTopFilms()]);
  tick(refreshStatus);
  tick(stats);
  timers = [setInterval(() => tick(refreshStatus), STATUS_EVERY_MS), setInterval(() => tick(stats), STATS_EVERY_MS)];
}

function showLogin(message) {
  timers.forEach(clearInterval);
  timers = [];
  $('board').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  if (message) {
    $('error').textContent = message;
    $('error').hidden = false;
  }
}

function init() {
  $('top-action').replaceChildren(...ACTIONS.map((a) => new Option(a, a)));
  $('top-action').addEventListener('change', () => tick(refreshTopFilms));
  $('film-form').addEventListener('submit', lookUpFilm);
  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem('ugc.token', $('token-input').value.trim());
    $('token-input').value = '';
    clearError();
    start();
  });
  $('logout').addEventListener('click', () => {
    sessionStorage.removeItem('ugc.token');
    showLogin();
  });
  drawLegend();
  // a new link with a token, opened while the page is already shown, only changes the fragment
  window.addEventListener('hashchange', () => {
    if (location.hash.includes('token=') && takeTokenFromFragment()) {
      clearError();
      start();
    }
  });
  if (takeTokenFromFragment()) {
    start();
  } else {
    showLogin();
  }
}

init();
