// Chronicle's analyst UI. It reads the JSON API of the same server and
// never renders article text as HTML: evidence is highlighted by building
// text nodes and <mark> elements.
import * as echarts from 'echarts';
import cytoscape from 'cytoscape';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { feature } from 'topojson-client';
import world from 'world-atlas/countries-110m.json';

const PLOVER_TYPES = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT',
  'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'];
const QUADS = { 1: 'Verbal cooperation', 2: 'Material cooperation', 3: 'Verbal conflict', 4: 'Material conflict' };
const QUAD_COLORS = { 1: '#81c784', 2: '#2e7d32', 3: '#ef9a9a', 4: '#c62828' };

const $ = (sel) => document.querySelector(sel);
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v; else if (k === 'data') Object.assign(e.dataset, v); else e[k] = v;
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c ?? '')));
  return e;
};

const state = { filters: {}, brush: null, cursor: '', selected: null };

// params builds a query string from the filters (and the brushed range
// unless told not to).
function params(extra = {}, withBrush = true) {
  const p = new URLSearchParams();
  const f = { ...state.filters };
  if (withBrush && state.brush) { f.from = state.brush.from; f.to = state.brush.to; }
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) p.set(k, v);
  return p.toString();
}

async function api(path) {
  const r = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await r.json().catch(() => ({ error: r.statusText }));
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

function showError(where, err) {
  console.error(where, err);
  const n = $('#count');
  n.textContent = `${where}: ${err.message}`;
  n.classList.add('error');
}

// ---- timeline -------------------------------------------------------------

const timeline = echarts.init($('#timeline'));
let timelinePeriods = [];

// interval is the chosen bucket width; "auto" picks one from the span of
// the filtered dates so bars stay visible: days up to four months, weeks
// up to two years, months beyond.
let autoInterval = 'month';
function interval() {
  const v = $('#interval').value;
  return v === 'auto' ? autoInterval : v;
}

async function chooseInterval() {
  if ($('#interval').value !== 'auto') return;
  const probe = await api('/api/timeline?' + params({ interval: 'month' }, false));
  const n = probe.items.length;
  autoInterval = n <= 4 ? 'day' : n <= 24 ? 'week' : 'month';
}

async function loadTimeline() {
  const stack = $('#stack').value;
  await chooseInterval();
  const data = await api('/api/timeline?' + params({ interval: interval() }, false));
  const items = data.items;
  timelinePeriods = items.map((b) => b.period);
  let series;
  if (stack === 'quad') {
    series = [1, 2, 3, 4].map((q) => ({
      name: QUADS[q], type: 'bar', stack: 'n', itemStyle: { color: QUAD_COLORS[q] },
      data: items.map((b) => b.by_quad[q] || 0),
    }));
  } else {
    const types = PLOVER_TYPES.filter((t) => items.some((b) => b.by_plover && b.by_plover[t]));
    series = types.map((t) => ({ name: t, type: 'bar', stack: 'n', data: items.map((b) => (b.by_plover && b.by_plover[t]) || 0) }));
  }
  series.push({ name: 'Mean Goldstein', type: 'line', yAxisIndex: 1, smooth: true, symbol: 'none',
    lineStyle: { color: '#13233d' }, data: items.map((b) => Number(b.goldstein.toFixed(2))) });
  timeline.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 40, right: 40, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: timelinePeriods },
    yAxis: [{ type: 'value', name: 'events', minInterval: 1 }, { type: 'value', name: 'Goldstein', min: -10, max: 10 }],
    brush: { xAxisIndex: 0, brushType: 'lineX', brushMode: 'single', throttleType: 'debounce', throttleDelay: 200 },
    toolbox: { right: 10, feature: { brush: { type: ['lineX', 'clear'] } } },
    series,
  }, true);
  timeline.dispatchAction({ type: 'takeGlobalCursor', key: 'brush', brushOption: { brushType: 'lineX', brushMode: 'single' } });
}

timeline.on('brushSelected', (e) => {
  const area = e.batch[0] && e.batch[0].areas[0];
  if (!area || !area.coordRange) {
    if (state.brush) { state.brush = null; loadLinked(); }
    return;
  }
  const [a, b] = area.coordRange;
  const from = timelinePeriods[Math.max(0, a)];
  const last = timelinePeriods[Math.min(timelinePeriods.length - 1, b)];
  if (!from || !last) return;
  const to = periodEnd(last, interval());
  if (state.brush && state.brush.from === from && state.brush.to === to) return;
  state.brush = { from, to };
  loadLinked();
});

// periodEnd returns the last day of the bucket starting on day.
function periodEnd(day, interval) {
  const d = new Date(day + 'T00:00:00Z');
  if (interval === 'week') d.setUTCDate(d.getUTCDate() + 6);
  else if (interval === 'month') { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
  return d.toISOString().slice(0, 10);
}

// ---- network --------------------------------------------------------------

const cy = cytoscape({
  container: $('#network'),
  style: [
    { selector: 'node', style: { label: 'data(id)', 'font-size': 10, width: 'data(size)', height: 'data(size)', 'background-color': '#1f5fbf', color: '#1d2430' } },
    { selector: 'edge', style: { width: 'data(w)', 'line-color': 'data(color)', 'target-arrow-color': 'data(color)', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', opacity: 0.8 } },
  ],
  wheelSensitivity: 0.3,
});
cy.on('tap', 'node', (e) => { $('#actor').value = e.target.id(); applyFilters(); });

async function loadNetwork() {
  const net = await api('/api/network?' + params());
  const max = Math.max(1, ...net.nodes.map((n) => n.count));
  const elements = net.nodes.slice(0, 150).map((n) => ({ data: { id: n.code, size: 12 + 38 * Math.sqrt(n.count / max) } }));
  const ids = new Set(elements.map((e) => e.data.id));
  for (const e of net.edges) {
    if (!ids.has(e.source) || !ids.has(e.target)) continue;
    const color = e.conflict > e.cooperation ? '#c62828' : e.cooperation > e.conflict ? '#2e7d32' : '#9e9e9e';
    elements.push({ data: { id: `${e.source}>${e.target}`, source: e.source, target: e.target, w: 1 + Math.min(8, Math.log2(1 + e.count)), color } });
  }
  cy.elements().remove();
  cy.add(elements);
  cy.layout({ name: 'cose', animate: false, nodeRepulsion: 8000 }).run();
}

// ---- map ------------------------------------------------------------------

const map = L.map('map', { worldCopyJump: true, attributionControl: true }).setView([25, 20], 2);
L.geoJSON(feature(world, world.objects.countries), {
  style: { color: '#9aa5b1', weight: 0.6, fillColor: '#f2efe9', fillOpacity: 1 },
}).addTo(map);
map.attributionControl.addAttribution('Natural Earth · GeoNames');
const markers = L.layerGroup().addTo(map);

async function loadMap() {
  const fc = await api('/api/map?' + params());
  markers.clearLayers();
  for (const f of fc.features) {
    const p = f.properties;
    const [lon, lat] = f.geometry.coordinates;
    const m = L.circleMarker([lat, lon], { radius: 4 + Math.min(8, Math.sqrt(p.num_mentions || 1) * 2), color: QUAD_COLORS[p.quad_class] || '#555', weight: 1, fillOpacity: 0.6 });
    const box = el('div', {}, el('strong', {}, `${p.source || '?'} → ${p.target || '?'}`), el('br'), `${p.date} · ${p.plover || p.code} · ${p.place}`, el('br'));
    const link = el('a', { href: '#', textContent: 'open evidence' });
    link.addEventListener('click', (ev) => { ev.preventDefault(); openEvent(p.id); });
    box.append(link);
    m.bindPopup(box);
    markers.addLayer(m);
  }
  $('#map-note').textContent = `${fc.features.length} located events${fc.truncated ? ' (first ones only)' : ''}`;
}

// ---- table ----------------------------------------------------------------

function actorCell(a) {
  const td = el('td');
  td.append(el('span', { class: 'code', textContent: a.code || '—' }));
  if (a.entity || a.text) td.append(el('br'), el('span', { class: 'hint', textContent: a.entity || a.text }));
  return td;
}

function eventRow(ev) {
  const tr = el('tr', { data: { id: ev.id } });
  tr.append(
    el('td', {}, ev.date || '?'),
    actorCell(ev.source),
    el('td', { class: 'q' + ev.quad_class }, el('span', { class: 'code', textContent: ev.code }), ' ', el('span', { class: 'hint', textContent: ev.root })),
    actorCell(ev.target),
    el('td', {}, ev.plover.type + (ev.plover.mode ? ` (${ev.plover.mode})` : '')),
    el('td', {}, el('span', { class: 'tag ' + ev.modality, textContent: ev.modality })),
    el('td', {}, ev.location ? ev.location.name : ''),
    el('td', {}, `${ev.num_mentions} / ${ev.num_articles}`),
  );
  tr.addEventListener('click', () => openEvent(ev.id));
  return tr;
}

async function loadEvents(append = false) {
  const page = await api('/api/events?' + params({ limit: 100, cursor: append ? state.cursor : '' }));
  const body = $('#events tbody');
  if (!append) body.replaceChildren();
  for (const ev of page.items) body.append(eventRow(ev));
  state.cursor = page.next;
  $('#more').hidden = !page.next;
  $('#count').classList.remove('error');
  const range = state.brush ? ` · ${state.brush.from} to ${state.brush.to}` : '';
  $('#count').textContent = `${body.children.length}${page.next ? '+' : ''} events${range}`;
}

// ---- event and article view ---------------------------------------------------

async function openEvent(id) {
  const ev = await api('/api/events/' + encodeURIComponent(id));
  state.selected = ev;
  for (const tr of document.querySelectorAll('#events tbody tr')) tr.classList.toggle('selected', tr.dataset.id === id);
  $('#detail').hidden = false;
  $('#detail-title').textContent = `${ev.source.code || '?'} → ${ev.target.code || '?'} · ${ev.code} · ${ev.date}`;
  const facts = [
    ['Source', `${ev.source.code} — ${ev.source.entity || ev.source.text}`],
    ['Target', `${ev.target.code} — ${ev.target.entity || ev.target.text}`],
    ['CAMEO', `${ev.code} (root ${ev.root}), QuadClass ${ev.quad_class}, Goldstein ${ev.goldstein}`],
    ['PLOVER', `${ev.plover.type}${ev.plover.mode ? ' / ' + ev.plover.mode : ''}`],
    ['Modality', ev.modality],
    ['Place', ev.location ? `${ev.location.name}, ${ev.location.country} (${ev.location.precision})` : 'not located'],
    ['Mentions', `${ev.num_mentions} in ${ev.num_articles} articles from ${ev.num_sources} sources`],
  ];
  $('#detail-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  const list = $('#mentions');
  list.replaceChildren();
  (ev.mentions || []).forEach((m, i) => {
    const li = el('li', {}, el('span', { class: 'code', textContent: `${m.article_id} #${m.sentence}` }), ' ', m.evidence.text);
    li.addEventListener('click', () => showMention(m, li));
    list.append(li);
    if (i === 0) showMention(m, li);
  });
  $('#detail').scrollIntoView({ behavior: 'smooth', block: 'start' });
}

// showMention renders the mention's article with the evidence sentence,
// actors and verb highlighted. Text is only ever set as text.
async function showMention(m, li) {
  for (const x of document.querySelectorAll('#mentions li')) x.classList.toggle('active', x === li);
  const a = await api('/api/articles/' + encodeURIComponent(m.article_id));
  $('#article-title').textContent = `${a.title || a.id} — ${a.date || 'undated'}${a.source ? ' · ' + a.source : ''}`;
  const text = a.text;
  const inner = [m.source, m.target, m.verb]
    .map((s, i) => ({ start: s.start, end: s.end, cls: i === 2 ? 'verb' : 'actor' }))
    .filter((s) => s.end > s.start && s.start >= m.evidence.start && s.end <= m.evidence.end)
    .sort((x, y) => x.start - y.start);
  const out = [];
  const slice = (s, e) => document.createTextNode(byteSlice(text, s, e));
  out.push(slice(0, m.evidence.start));
  const mark = el('mark', { class: 'evidence' });
  let pos = m.evidence.start;
  for (const s of inner) {
    if (s.start < pos) continue;
    mark.append(slice(pos, s.start), el('mark', { class: s.cls, textContent: byteSlice(text, s.start, s.end) }));
    pos = s.end;
  }
  mark.append(slice(pos, m.evidence.end));
  out.push(mark, slice(m.evidence.end, undefined));
  $('#article-text').replaceChildren(...out);
  mark.scrollIntoView({ block: 'center' });
}

// Offsets from the server are UTF-8 byte offsets; slice accordingly.
const enc = new TextEncoder();
const dec = new TextDecoder();
let cachedText = null;
let cachedBytes = null;
function byteSlice(text, start, end) {
  if (text !== cachedText) { cachedText = text; cachedBytes = enc.encode(text); }
  return dec.decode(cachedBytes.subarray(start, end));
}

// ---- wiring -----------------------------------------------------------------

function readFilters() {
  const f = {};
  for (const k of ['q', 'actor', 'plover', 'modality', 'from', 'to']) {
    const v = $('#' + k).value.trim();
    if (v) f[k] = k === 'actor' ? v.toUpperCase() : v;
  }
  return f;
}

async function loadLinked() {
  await Promise.all([
    loadEvents().catch((e) => showError('events', e)),
    loadNetwork().catch((e) => showError('network', e)),
    loadMap().catch((e) => showError('map', e)),
  ]);
  document.body.dataset.loaded = String(Date.now());
}

async function applyFilters() {
  state.filters = readFilters();
  state.brush = null;
  const u = new URL(location.href);
  u.search = params({}, false);
  history.replaceState(null, '', u);
  await loadTimeline().catch((e) => showError('timeline', e));
  await loadLinked();
}

function init() {
  for (const t of PLOVER_TYPES) $('#plover').append(el('option', { value: t, textContent: t }));
  const u = new URL(location.href);
  for (const k of ['q', 'actor', 'plover', 'modality', 'from', 'to']) if (u.searchParams.get(k)) $('#' + k).value = u.searchParams.get(k);
  $('#filters').addEventListener('submit', (e) => { e.preventDefault(); applyFilters(); });
  $('#clear').addEventListener('click', () => { $('#filters').reset(); applyFilters(); });
  $('#stack').addEventListener('change', () => loadTimeline());
  $('#interval').addEventListener('change', () => { state.brush = null; loadTimeline().then(loadLinked); });
  $('#more').addEventListener('click', () => loadEvents(true));
  $('#close-detail').addEventListener('click', () => { $('#detail').hidden = true; });
  // Lets other pages and tests open an event by id.
  window.addEventListener('chronicle:open', (e) => openEvent(String(e.detail)));
  window.addEventListener('resize', () => { timeline.resize(); map.invalidateSize(); cy.resize(); });
  applyFilters();
}

init();
