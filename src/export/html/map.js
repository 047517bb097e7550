// The interactive map: reads the JSON that `dealgraph html` wrote into the page, draws it with
// Cytoscape.js at the places computed when the page was written, and answers the reader's
// searches, filters, paths and highlights. Everything the page can show is kept in the URL's
// fragment, so a link reopens the same view.
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('data').textContent);
  performance.mark('dealgraph:data-read');
  const companies = new Map(data.companies.map((c) => [c.id, c]));
  const relations = new Map(data.relations.map((r) => [r.key, r]));
  const typeColor = new Map(data.palette.types);
  const statusLine = new Map(data.palette.statuses);
  const sectorStyle = new Map(data.palette.sectors.map((s) => [s.sector, s]));
  const SYMMETRIC = new Set(data.symmetric_types);
  const LARGE = data.relations.length > 3000;
  // Graphviz shapes, as Cytoscape names the nearest.
  const SHAPES = {
    box: 'rectangle', house: 'tag', component: 'cut-rectangle', box3d: 'rectangle',
    cylinder: 'barrel', ellipse: 'ellipse', octagon: 'octagon', hexagon: 'hexagon',
  };
  const MAX_PATHS = 20;

  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'class') node.className = value;
      else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  };

  // ---- Names, as the command line folds them ------------------------------------------------

  /** The search key of a text: letters and digits only, composed, lower case. */
  function fold(text) {
    return text.normalize('NFC').replace(/[^\p{Alphabetic}\p{N}]/gu, '').toLowerCase();
  }

  /** How a company matches the folded text: 0 exact, 1 prefix, 2 a word, 3 within, or null. */
  function matchKind(company, wanted) {
    let best = null;
    for (const [key, words] of company.keys) {
      let kind = null;
      if (key === wanted) kind = 0;
      else if (key.startsWith(wanted)) kind = 1;
      else if (key.includes(wanted)) {
        const spans = words.some((_, i) => words.slice(i).join('').startsWith(wanted));
        kind = spans ? 2 : 3;
      }
      if (kind !== null && (best === null || kind < best)) best = kind;
    }
    if ((company.ticker_keys || []).includes(wanted)) best = 0;
    return best;
  }

  /** The companies matching `text`, best first: exact, prefix, word, within; most connected. */
  function search(text) {
    const wanted = fold(text);
    if (!wanted) return [];
    const hits = [];
    for (const company of data.companies) {
      const kind = matchKind(company, wanted);
      if (kind !== null) hits.push([kind, company]);
    }
    hits.sort((a, b) => a[0] - b[0] || b[1].degree - a[1].degree || (a[1].id < b[1].id ? -1 : 1));
    return hits.map((hit) => hit[1]);
  }

  // ---- Dates, as `--as-of` reads them --------------------------------------------------------

  function firstDay(date) {
    const [y, m, d] = date.split('-');
    return `${y}-${m || '01'}-${d || '01'}`;
  }

  function lastDay(date) {
    const [y, m, d] = date.split('-');
    const month = m || '12';
    const days = new Date(Date.UTC(Number(y), Number(month), 0)).getUTCDate();
    return `${y}-${month}-${d || String(days).padStart(2, '0')}`;
  }

  /** Whether a relation was in force on the last day of `asOf`: begun, and not ended. */
  function inForce(relation, asOf) {
    const day = lastDay(asOf);
    const begun = !relation.date || firstDay(relation.date) <= day;
    let notEnded = true;
    if (relation.status === 'cancelled') notEnded = false;
    else if (relation.end) notEnded = lastDay(relation.end) >= day;
    else if (relation.status === 'ended') notEnded = false;
    return begun && notEnded;
  }

  /** Every month from the earliest relation's to the latest's, as `YYYY-MM`. */
  function months() {
    const dated = data.relations.flatMap((r) => [r.date, r.end]).filter(Boolean).map((d) => d.slice(0, 7));
    if (dated.length === 0) return [];
    dated.sort();
    let [year, month] = dated[0].split('-').map(Number);
    if (!month) month = 1;
    const last = dated[dated.length - 1];
    const list = [];
    for (;;) {
      const text = `${year}-${String(month).padStart(2, '0')}`;
      list.push(text);
      if (text >= last.padEnd(7, '-12').slice(0, 7) || list.length > 2400) break;
      month += 1;
      if (month > 12) { month = 1; year += 1; }
    }
    return list;
  }

  // ---- Money ---------------------------------------------------------------------------------

  function usd(amount) {
    const scales = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];
    for (const [scale, suffix] of scales) {
      const shown = Math.round((amount / scale) * 100) / 100;
      if (shown >= 1) return `$${shown}${suffix}`;
    }
    return `$${amount}`;
  }

  function amountOf(relation) {
    if (relation.amount_text) return relation.amount_text;
    if (relation.amount_usd !== undefined && relation.amount_max_usd !== undefined) {
      return `${usd(relation.amount_usd)} to ${usd(relation.amount_max_usd)}`;
    }
    if (relation.amount_usd !== undefined) return usd(relation.amount_usd);
    if (relation.amount_max_usd !== undefined) return `up to ${usd(relation.amount_max_usd)}`;
    return null;
  }

  // ---- The drawing ---------------------------------------------------------------------------

  function nodeElement(company) {
    const style = sectorStyle.get(company.style) || sectorStyle.get('other');
    return {
      group: 'nodes',
      data: {
        id: company.id,
        label: company.name,
        fill: style.fill,
        shape: SHAPES[style.shape] || 'rectangle',
        size: 18 + 5 * Math.sqrt(company.degree),
        font: 10 + Math.min(10, 2 * Math.sqrt(company.degree)),
      },
      position: { x: company.x, y: company.y },
    };
  }

  function edgeElement(relation) {
    const faded = relation.status === 'ended' || relation.status === 'cancelled';
    return {
      group: 'edges',
      data: {
        id: relation.key,
        source: relation.from,
        target: relation.to,
        color: faded ? data.palette.ended : typeColor.get(relation.type),
        width: relation.width,
        line: statusLine.get(relation.status || 'unknown'),
        arrow: SYMMETRIC.has(relation.type) ? 'none' : 'triangle',
      },
    };
  }

  const cy = cytoscape({
    container: $('map'),
    elements: [...data.companies.map(nodeElement), ...data.relations.map(edgeElement)],
    layout: { name: 'preset', fit: false },
    minZoom: 0.02,
    maxZoom: 6,
    boxSelectionEnabled: false,
    hideEdgesOnViewport: LARGE,
    textureOnViewport: LARGE,
    style: [
      {
        selector: 'node',
        style: {
          label: 'data(label)', 'background-color': 'data(fill)', shape: 'data(shape)',
          width: 'data(size)', height: 'data(size)', 'border-width': 1, 'border-color': '#666',
          'font-size': 'data(font)', 'text-valign': 'bottom', 'text-margin-y': 3,
          'min-zoomed-font-size': LARGE ? 9 : 7, 'text-background-color': '#fff',
          'text-background-opacity': LARGE ? 0 : 0.7, 'text-background-padding': 1,
        },
      },
      {
        selector: 'edge',
        style: {
          width: 'data(width)', 'line-color': 'data(color)', 'line-style': 'data(line)',
          'target-arrow-shape': 'data(arrow)', 'target-arrow-color': 'data(color)',
          'curve-style': LARGE ? 'haystack' : 'bezier', 'arrow-scale': 0.8, opacity: 0.85,
        },
      },
      { selector: '.hidden', style: { display: 'none' } },
      { selector: '.faded', style: { opacity: 0.12, 'text-opacity': 0.2 } },
      { selector: 'node.lit', style: { 'border-width': 4, 'border-color': '#111', 'z-index': 9 } },
      { selector: 'edge.lit', style: { opacity: 1, width: 'mapData(width, 1, 6, 4, 9)', 'z-index': 9 } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#d62728' } },
      { selector: 'edge:selected', style: { opacity: 1, 'line-color': '#d62728', 'target-arrow-color': '#d62728' } },
    ],
  });

  performance.mark('dealgraph:drawn');

  // ---- State, kept in the fragment ----------------------------------------------------------

  const allMonths = months();
  const state = {
    company: null,
    relation: null,
    types: new Set(typeColor.keys()),
    statuses: new Set(statusLine.keys()),
    reliability: '',
    asOf: null,
    dated: false,
    path: null,
    pathChoice: 0,
    conflict: '',
    cycle: '',
  };

  function writeFragment() {
    const params = new URLSearchParams();
    if (state.company) params.set('company', state.company);
    if (state.relation) params.set('relation', state.relation);
    if (state.types.size !== typeColor.size) params.set('types', [...state.types].join(','));
    if (state.statuses.size !== statusLine.size) params.set('statuses', [...state.statuses].join(','));
    if (state.reliability) params.set('reliability', state.reliability);
    if (state.asOf) params.set('as-of', state.asOf);
    if (state.dated) params.set('dated', '1');
    if (state.path) {
      params.set('path', `${state.path.from},${state.path.to}`);
      if (state.path.undirected) params.set('undirected', '1');
      if (state.pathChoice) params.set('choice', String(state.pathChoice));
    }
    if (state.conflict !== '') params.set('conflict', state.conflict);
    if (state.cycle !== '') params.set('cycle', state.cycle);
    const fragment = params.toString();
    history.replaceState(null, '', fragment ? `#${fragment}` : location.pathname + location.search);
  }

  function readFragment() {
    const params = new URLSearchParams(location.hash.slice(1));
    const list = (name) => (params.get(name) || '').split(',').filter(Boolean);
    if (params.has('types')) state.types = new Set(list('types'));
    if (params.has('statuses')) state.statuses = new Set(list('statuses'));
    state.reliability = params.get('reliability') || '';
    state.asOf = allMonths.includes(params.get('as-of')) ? params.get('as-of') : null;
    state.dated = params.get('dated') === '1';
    const path = list('path');
    if (path.length === 2 && companies.has(path[0]) && companies.has(path[1])) {
      state.path = { from: path[0], to: path[1], undirected: params.get('undirected') === '1' };
      state.pathChoice = Number(params.get('choice')) || 0;
    }
    state.conflict = params.get('conflict') || '';
    state.cycle = params.get('cycle') || '';
    state.company = companies.has(params.get('company')) ? params.get('company') : null;
    state.relation = relations.has(params.get('relation')) ? params.get('relation') : null;
  }

  // ---- Filters -------------------------------------------------------------------------------

  function visible(relation) {
    if (!state.types.has(relation.type)) return false;
    if (!state.statuses.has(relation.status || 'unknown')) return false;
    if (state.dated && !relation.date) return false;
    if (state.asOf && !inForce(relation, state.asOf)) return false;
    if (state.reliability) {
      const order = data.palette.reliabilities;
      if (!relation.reliability) return false;
      if (order.indexOf(relation.reliability) < order.indexOf(state.reliability)) return false;
    }
    return true;
  }

  /** The elements hidden now: only those whose state changes are restyled. */
  let hidden = new Set();

  function applyFilters() {
    const shown = new Set();
    const hide = new Set();
    for (const relation of data.relations) {
      if (visible(relation)) { shown.add(relation.from); shown.add(relation.to); } else hide.add(relation.key);
    }
    const filtering = state.types.size !== typeColor.size || state.statuses.size !== statusLine.size
      || state.asOf || state.dated || state.reliability;
    for (const company of data.companies) {
      const keep = shown.has(company.id) || (!filtering && company.degree === 0) || company.id === state.company;
      if (!keep) hide.add(company.id);
    }
    const changed = (from, to) => [...from].filter((id) => !to.has(id)).map((id) => cy.getElementById(id));
    cy.batch(() => {
      cy.collection(changed(hide, hidden)).addClass('hidden');
      cy.collection(changed(hidden, hide)).removeClass('hidden');
    });
    hidden = hide;
    let edges = 0;
    for (const relation of data.relations) if (!hidden.has(relation.key)) edges += 1;
    const nodes = data.companies.length - (hidden.size - (data.relations.length - edges));
    $('status').textContent = `${nodes} of ${data.companies.length} companies, ${edges} of ${data.relations.length} relations`
      + (state.asOf ? `, as of ${state.asOf}` : '');
  }

  // ---- Highlights: a path, a conflict, a loop, or the answer the map was made for ------------

  /** What is highlighted now, as ids: a new highlight restyles the map only when it differs. */
  let litNow = '';

  function highlight(companyIds, relationKeys) {
    const key = JSON.stringify([companyIds, relationKeys]);
    if (key === litNow) return;
    cy.batch(() => {
      if (litNow !== '') cy.elements().removeClass('lit faded');
      litNow = key;
      if (companyIds.length === 0 && relationKeys.length === 0) return;
      const lit = cy.collection(
        [...companyIds, ...relationKeys].map((id) => cy.getElementById(id)).filter((e) => e.length > 0),
      );
      lit.addClass('lit');
      cy.elements().not(lit).addClass('faded');
    });
  }

  /**
   * Zooms and pans so that `shown` companies fill the map. Their places are known, so this
   * needs no measure of every label, which Cytoscape's own fit takes on a large map.
   */
  function fitCompanies(shown) {
    if (shown.length === 0) return;
    const xs = shown.map((company) => company.x);
    const ys = shown.map((company) => company.y);
    const [left, right, top, bottom] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const margin = 60;
    const zoom = Math.min(6, (cy.width() - margin) / Math.max(right - left, 1), (cy.height() - margin) / Math.max(bottom - top, 1));
    cy.viewport({
      zoom,
      pan: { x: cy.width() / 2 - zoom * (left + right) / 2, y: cy.height() / 2 - zoom * (top + bottom) / 2 },
    });
  }

  /** Brings what is highlighted into view. */
  function fitToHighlight() {
    const lit = cy.elements('.lit');
    if (lit.length === 0) return;
    cy.fit(lit, 80);
    // Two companies would fill the map: keep them at a size that still shows their neighbours.
    if (cy.zoom() > 1.5) cy.zoom({ level: 1.5, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }

  function refreshHighlight() {
    const paths = state.path ? findPaths(state.path.from, state.path.to, state.path.undirected) : null;
    renderPaths(paths);
    if (paths && paths.found.length > 0) {
      const chosen = paths.found[Math.min(state.pathChoice, paths.found.length - 1)];
      highlight(chosen.nodes, chosen.hops.flat());
    } else if (state.conflict !== '' && data.conflicts[state.conflict]) {
      const answer = data.conflicts[state.conflict];
      highlight(answer.companies, answer.relations);
    } else if (state.cycle !== '' && data.cycles[state.cycle]) {
      const answer = data.cycles[state.cycle];
      highlight(answer.companies, answer.relations);
    } else {
      highlight(data.highlight.companies, data.highlight.relations);
    }
  }

  // ---- Paths, as `dealgraph path` finds them: the shortest chains of deal relations ----------

  /** The shortest paths from `from` to `to` over the relations shown of the path types. */
  function findPaths(from, to, undirected) {
    const pathTypes = new Set(data.path_types);
    const next = new Map();
    const link = (a, b, key) => {
      if (!next.has(a)) next.set(a, new Map());
      const hops = next.get(a);
      if (!hops.has(b)) hops.set(b, []);
      hops.get(b).push(key);
    };
    for (const relation of data.relations) {
      if (!pathTypes.has(relation.type) || !visible(relation)) continue;
      link(relation.from, relation.to, relation.key);
      if (undirected || SYMMETRIC.has(relation.type)) link(relation.to, relation.from, relation.key);
    }
    // Breadth first from `from`, keeping every predecessor on a shortest way.
    const depth = new Map([[from, 0]]);
    const before = new Map();
    let frontier = [from];
    while (frontier.length > 0 && !depth.has(to)) {
      const following = [];
      for (const node of frontier) {
        for (const target of (next.get(node) || new Map()).keys()) {
          if (!depth.has(target)) { depth.set(target, depth.get(node) + 1); following.push(target); }
          if (depth.get(target) === depth.get(node) + 1) {
            if (!before.has(target)) before.set(target, []);
            before.get(target).push(node);
          }
        }
      }
      frontier = following;
    }
    const found = [];
    let cut = false;
    if (depth.has(to) && from !== to) {
      const walk = (node, tail) => {
        if (found.length >= MAX_PATHS) { cut = true; return; }
        if (node === from) {
          const nodes = [from, ...tail];
          const hops = nodes.slice(1).map((b, i) => next.get(nodes[i]).get(b));
          found.push({ nodes, hops });
          return;
        }
        for (const previous of [...before.get(node)].sort()) walk(previous, [node, ...tail]);
      };
      walk(to, []);
    }
    return { from, to, undirected, found, cut };
  }

  function renderPaths(paths) {
    const list = $('paths');
    list.replaceChildren();
    if (!paths) return;
    if (paths.found.length === 0) {
      list.append(el('li', { class: 'note' },
        `No path from ${companies.get(paths.from).name} to ${companies.get(paths.to).name} over the relations shown`
        + (paths.undirected ? '' : '; try either direction')));
      return;
    }
    paths.found.forEach((path, index) => {
      const names = path.nodes.map((id) => companies.get(id).name);
      const item = el('li', { 'data-nodes': path.nodes.join(','), class: index === state.pathChoice ? 'chosen' : null },
        `${names.join(' → ')} (${path.nodes.length - 1} hop${path.nodes.length === 2 ? '' : 's'})`);
      item.addEventListener('click', () => { state.pathChoice = index; update(); });
      list.append(item);
    });
    if (paths.cut) list.append(el('li', { class: 'note' }, `the first ${MAX_PATHS} paths`));
  }

  // ---- The panel -----------------------------------------------------------------------------

  function sourceList(relation) {
    return el('ul', { class: 'sources' }, (relation.sources || []).map((source) => el('li', {},
      el('span', {}, [source.publisher, source.title, source.date].filter(Boolean).join(', ')),
      source.reliability ? el('small', {}, ` (${source.reliability})`) : null,
      source.url ? el('div', {}, el('a', { href: source.url, target: '_blank', rel: 'noopener noreferrer' }, source.url)) : null,
      source.quote ? el('blockquote', {}, `“${source.quote}”`) : null)));
  }

  function relationLine(relation, showSources) {
    const from = companies.get(relation.from).name;
    const to = companies.get(relation.to).name;
    const facts = [relation.date || 'undated', amountOf(relation), relation.status].filter(Boolean).join(', ');
    const head = el('a', { href: '#', class: 'relation-link', 'data-key': relation.key },
      `${from} —${relation.type}→ ${to}`);
    head.addEventListener('click', (event) => { event.preventDefault(); openRelation(relation.key); });
    return el('li', { class: `relation${visible(relation) ? '' : ' hidden-now'}`, 'data-key': relation.key },
      head, ` ${facts}`, showSources ? sourceList(relation) : null);
  }

  function openCompany(id) {
    const company = companies.get(id);
    const own = data.relations.filter((r) => r.from === id || r.to === id);
    const out = own.filter((r) => r.from === id);
    const into = own.filter((r) => r.to === id && r.from !== id);
    const panel = $('panel');
    const close = el('button', { class: 'close', type: 'button', 'aria-label': 'Close' }, '×');
    close.addEventListener('click', () => { state.company = null; state.relation = null; update(); });
    const names = [company.aliases && company.aliases.length ? `also ${company.aliases.join(', ')}` : null,
      company.ticker, company.country].filter(Boolean).join(' · ');
    panel.replaceChildren(...[close,
      el('h2', { 'data-id': id }, company.name),
      el('p', { class: 'meta' }, `${id}${names ? ` · ${names}` : ''}`),
      company.sectors ? el('p', { class: 'meta' }, `Sectors: ${company.sectors.join(', ')}`) : null,
      company.url ? el('p', {}, el('a', { href: company.url, target: '_blank', rel: 'noopener noreferrer' }, company.url)) : null,
      el('h3', {}, `Out (${out.length})`), el('ul', {}, out.map((r) => relationLine(r, true))),
      el('h3', {}, `In (${into.length})`), el('ul', {}, into.map((r) => relationLine(r, true)))].filter(Boolean));
    panel.hidden = false;
  }

  function openRelation(key) {
    state.relation = key;
    state.company = null;
    update();
  }

  function showRelation(key) {
    const relation = relations.get(key);
    const panel = $('panel');
    const close = el('button', { class: 'close', type: 'button', 'aria-label': 'Close' }, '×');
    close.addEventListener('click', () => { state.relation = null; update(); });
    const details = Object.entries(relation)
      .filter(([name]) => !['key', 'from', 'to', 'type', 'sources', 'width'].includes(name))
      .map(([name, value]) => el('li', {}, `${name}: ${typeof value === 'object' ? JSON.stringify(value) : value}`));
    panel.replaceChildren(close, el('h2', { 'data-key': key },
      `${companies.get(relation.from).name} —${relation.type}→ ${companies.get(relation.to).name}`),
    el('p', { class: 'meta' }, key), el('ul', {}, details), el('h3', {}, 'Sources'), sourceList(relation));
    panel.hidden = false;
  }

  // ---- Controls ------------------------------------------------------------------------------

  function checkboxes(container, entries, chosen, swatch) {
    for (const [name, value] of entries) {
      const box = el('input', { type: 'checkbox', value: name, checked: chosen.has(name) });
      box.addEventListener('change', () => {
        if (box.checked) chosen.add(name); else chosen.delete(name);
        update();
      });
      container.append(el('label', {}, box, swatch(name, value), name));
    }
  }

  function buildControls() {
    checkboxes($('types'), data.palette.types, state.types,
      (name, color) => el('span', { class: 'swatch', style: `border-top-color:${color}` }));
    checkboxes($('statuses'), data.palette.statuses, state.statuses,
      (name, line) => el('span', { class: `swatch ${line}`, style: 'border-top-color:#555' }));
    for (const level of data.palette.reliabilities) $('reliability').append(el('option', { value: level }, level));
    $('reliability').value = state.reliability;
    $('reliability').addEventListener('change', () => { state.reliability = $('reliability').value; update(); });
    const slider = $('asof');
    slider.max = String(allMonths.length);
    slider.value = String(state.asOf ? allMonths.indexOf(state.asOf) : allMonths.length);
    slider.addEventListener('input', () => {
      const at = Number(slider.value);
      state.asOf = at < allMonths.length ? allMonths[at] : null;
      update();
    });
    $('dated').checked = state.dated;
    $('dated').addEventListener('change', () => { state.dated = $('dated').checked; update(); });
    for (const company of data.companies) $('company-names').append(el('option', { value: company.name }));
    $('path-find').addEventListener('click', () => {
      const from = search($('path-from').value)[0];
      const to = search($('path-to').value)[0];
      if (!from || !to) {
        $('paths').replaceChildren(el('li', { class: 'note' }, `unknown company: ${!from ? $('path-from').value : $('path-to').value}`));
        return;
      }
      state.path = { from: from.id, to: to.id, undirected: $('path-undirected').checked };
      state.pathChoice = 0;
      update();
      fitToHighlight();
    });
    $('path-clear').addEventListener('click', () => { state.path = null; update(); });
    data.conflicts.forEach((answer, index) => $('conflict').append(el('option', { value: String(index) }, answer.label)));
    data.cycles.forEach((answer, index) => $('cycle').append(el('option', { value: String(index) }, answer.label)));
    $('conflict').addEventListener('change', () => {
      state.conflict = $('conflict').value; state.cycle = ''; state.path = null; update(); fitToHighlight();
    });
    $('cycle').addEventListener('change', () => {
      state.cycle = $('cycle').value; state.conflict = ''; state.path = null; update(); fitToHighlight();
    });
    $('export-png').addEventListener('click', () => download(cy.png({ full: false, scale: 2, bg: '#ffffff' }), 'map.png'));
    $('export-svg').addEventListener('click', () => download(
      `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg())}`, 'map.svg'));
    buildLegend();
    buildSearch();
  }

  function buildLegend() {
    const legend = $('legend');
    legend.append(el('div', {}, 'Line width: the amount (an “up to” at its ceiling).'));
    for (const [name, line] of data.palette.statuses) {
      legend.append(el('div', {}, el('span', { class: `swatch ${line}`, style: 'border-top-color:#555' }), name));
    }
    const used = new Set(data.companies.map((c) => c.style));
    for (const sector of data.palette.sectors.filter((s) => used.has(s.sector))) {
      legend.append(el('div', {}, el('span', { class: 'chip', style: `background:${sector.fill}` }), sector.sector));
    }
  }

  function buildSearch() {
    const input = $('search');
    const hits = $('hits');
    let found = [];
    let at = 0;
    const show = () => {
      hits.replaceChildren(...found.slice(0, 12).map((company, index) => {
        const item = el('li', { role: 'option', 'data-id': company.id, 'aria-selected': String(index === at) },
          company.name, el('small', {}, `${company.id} · ${company.degree} relations`));
        item.addEventListener('mousedown', (event) => { event.preventDefault(); choose(company.id); });
        return item;
      }));
    };
    const choose = (id) => {
      found = [];
      show();
      input.value = companies.get(id).name;
      select(id);
    };
    input.addEventListener('input', () => { found = search(input.value); at = 0; show(); });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown') { at = Math.min(at + 1, Math.min(found.length, 12) - 1); show(); event.preventDefault(); }
      if (event.key === 'ArrowUp') { at = Math.max(at - 1, 0); show(); event.preventDefault(); }
      if (event.key === 'Enter' && found.length > 0) choose(found[at].id);
      if (event.key === 'Escape') { found = []; show(); }
    });
    input.addEventListener('blur', () => { found = []; show(); });
  }

  /** The current view as SVG, drawn by Cytoscape's own renderer onto canvas2svg's context. */
  function svg() {
    const renderer = cy.renderer();
    const width = cy.width();
    const height = cy.height();
    const context = new C2S(width, height);
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    // Cached Path2D objects cannot be drawn on another context: draw with plain paths.
    const usePaths = renderer.usePaths;
    renderer.usePaths = () => false;
    cy.elements().forEach((element) => {
      element._private.rscratch.pathCacheKey = null;
      element._private.rscratch.pathCache = null;
    });
    const pan = cy.pan();
    context.translate(pan.x, pan.y);
    context.scale(cy.zoom(), cy.zoom());
    renderer.drawElements(context, renderer.getCachedZSortedEles());
    renderer.usePaths = usePaths;
    return context.getSerializedSvg(true);
  }

  function download(url, name) {
    const link = el('a', { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
  }

  // ---- Putting it together -------------------------------------------------------------------

  function select(id) {
    state.company = id;
    state.relation = null;
    update();
    const node = cy.getElementById(id);
    cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1) }, { duration: 250 });
  }

  function update() {
    applyFilters();
    refreshHighlight();
    cy.elements().unselect();
    if (state.company) {
      cy.getElementById(state.company).select();
      openCompany(state.company);
    } else if (state.relation) {
      cy.getElementById(state.relation).select();
      showRelation(state.relation);
    } else {
      $('panel').hidden = true;
    }
    $('conflict').value = state.conflict;
    $('cycle').value = state.cycle;
    $('asof-label').textContent = state.asOf || 'all dates';
    // The panel takes room from the map when it opens: the map must know its new size.
    cy.resize();
    writeFragment();
  }

  cy.on('tap', 'node', (event) => select(event.target.id()));
  cy.on('tap', 'edge', (event) => openRelation(event.target.id()));
  cy.on('tap', (event) => {
    if (event.target === cy) { state.company = null; state.relation = null; update(); }
  });

  readFragment();
  buildControls();
  if (state.path) {
    $('path-from').value = companies.get(state.path.from).name;
    $('path-to').value = companies.get(state.path.to).name;
    $('path-undirected').checked = state.path.undirected;
  }
  update();
  performance.mark('dealgraph:filtered');
  fitCompanies(data.companies.filter((company) => !hidden.has(company.id)));
  if (state.company) cy.center(cy.getElementById(state.company));

  // For scripts that drive the page (tests, benchmarks): the graph, and the page's answers.
  window.dealgraphMap = {
    cy, search, findPaths, svg, state, update, ready: true, readyAt: performance.now(),
    setAsOf(month) {
      const at = month ? allMonths.indexOf(month) : allMonths.length;
      if (at < 0) throw new Error(`no month ${month} on this map`);
      $('asof').value = String(at);
      $('asof').dispatchEvent(new Event('input'));
    },
  };
}());
