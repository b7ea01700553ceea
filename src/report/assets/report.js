// billet report: draws the long lists (articles, series, untagged
// articles, question titles) from the data island, a page at a time, so a
// corpus of 50,000 articles opens as fast as one of 20.
//
// Every string comes from posts: the DOM is built with createElement and
// textContent only (never innerHTML), so no title or tag can add markup.
'use strict';
(function () {
  const doc = document;
  const S = JSON.parse(doc.getElementById('report-strings').textContent);
  const lang = doc.documentElement.lang || 'fr';
  const numbers = new Intl.NumberFormat(lang);
  const collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
  const jsonBase = doc.body.dataset.jsonBase || 'articles/';
  const PAGE = 50;
  const LIST_PAGE = 20;

  // ---- small helpers -----------------------------------------------------
  function fmt(key, vars) {
    let s = S[key] || key;
    for (const k in vars) s = s.split('{' + k + '}').join(String(vars[k]));
    return s;
  }
  const num = (n) => numbers.format(n);
  // el('td', {class: 'x', 'aria-label': '…'}, child, 'text', …)
  function el(tag, attrs, ...kids) {
    const node = doc.createElement(tag);
    if (attrs) {
      for (const k in attrs) {
        const v = attrs[k];
        if (v === null || v === undefined || v === false) continue;
        if (k === 'class') node.className = v;
        else if (k === 'text') node.textContent = v;
        else node.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const kid of kids) {
      if (kid === null || kid === undefined || kid === false) continue;
      node.append(kid instanceof Node ? kid : doc.createTextNode(String(kid)));
    }
    return node;
  }
  // Case, accents and apostrophes do not matter in filters.
  function fold(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[’ʼ]/g, "'").toLowerCase();
  }

  // ---- data --------------------------------------------------------------
  // A data island (see data.rs): plain JSON, or gzip'd JSON in base64.
  async function decode(node) {
    const text = node.textContent;
    node.remove(); // the text can weigh megabytes: let it go once read
    if (node.dataset.encoding === 'gzip-base64') {
      if (typeof DecompressionStream === 'undefined') throw new Error(S['no.decompress']);
      const bin = atob(text);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
      return JSON.parse(await new Response(stream).text());
    }
    return JSON.parse(text);
  }

  // Details (source, questions, similar articles) come in chunks of
  // D.chunk articles, read the first time one of their rows is opened.
  const detailNodes = Array.from(doc.querySelectorAll('script.report-details'));
  const detailChunks = [];
  function loadDetails(i) {
    const k = Math.floor(i / D.chunk);
    if (!detailChunks[k]) detailChunks[k] = decode(detailNodes[k]).then((c) => (detailChunks[k] = c));
    return Promise.resolve(detailChunks[k]);
  }
  function details(i) {
    const c = detailChunks[Math.floor(i / D.chunk)];
    const j = i - c.first;
    return { source: c.source[j], qs: c.qs[j], similar: c.similar[j] };
  }

  let D = null;
  const title = (i) => D.title[i] || D.id[i];
  const jsonHref = (i) => jsonBase + encodeURIComponent(D.id[i]) + '.json';

  function titleNode(i) {
    return D.title[i] ? D.title[i] : el('span', { class: 'empty' }, S.untitled + ' ' + D.id[i]);
  }
  function showButton(i) {
    return el('button', { type: 'button', class: 'link', 'data-show': i }, titleNode(i));
  }
  function jsonLink(i) {
    return el('a', { href: jsonHref(i), class: 'json', 'aria-label': S.json + ' ' + title(i) }, 'JSON');
  }
  function chip(field, value, extra) {
    return el('button', { type: 'button', class: 'chip', 'data-filter': field, 'data-value': value }, value, extra || null);
  }

  // ---- the article table -------------------------------------------------
  const state = { title: '', tag: '', term: '', untagged: false, sort: 'date', dir: -1, page: 0 };
  const open = new Set();
  const orders = {}; // sort key → article indices, ascending
  let view = [];
  let folded = null;

  function order(key) {
    if (orders[key]) return orders[key];
    const idx = Array.from({ length: D.n }, (_, i) => i);
    let cmp;
    if (key === 'title') {
      const keys = D.title.map((t, i) => t || D.id[i]);
      cmp = (a, b) => collator.compare(keys[a], keys[b]) || a - b;
    } else if (key === 'date') {
      // Undated last whichever the direction: they sort as "".
      cmp = (a, b) => (D.date[a] < D.date[b] ? -1 : D.date[a] > D.date[b] ? 1 : a - b);
    } else if (key === 'words') {
      cmp = (a, b) => D.words[a] - D.words[b] || a - b;
    } else {
      cmp = (a, b) => D.q[a][0] - D.q[b][0] || a - b;
    }
    idx.sort(cmp);
    return (orders[key] = idx);
  }

  function foldAll() {
    if (folded) return folded;
    folded = {
      title: D.title.map((t, i) => fold(t + ' ' + D.id[i])),
      tag: D.tagNames.map(fold),
      term: D.termNames.map(fold),
      phrase: D.phraseNames.map(fold),
    };
    return folded;
  }

  // Which entries of a name table match a query: exactly when the query
  // names one (a clicked tag), else by substring.
  function matching(names, q, exactWhenKnown) {
    const hit = new Uint8Array(names.length);
    const exact = exactWhenKnown && names.indexOf(q) >= 0;
    for (let k = 0; k < names.length; k++) hit[k] = exact ? names[k] === q : names[k].includes(q) ? 1 : 0;
    return hit;
  }

  function computeView() {
    const q = { title: fold(state.title.trim()), tag: fold(state.tag.trim()), term: fold(state.term.trim()) };
    const active = q.title || q.tag || q.term || state.untagged;
    let keep = null;
    if (active) {
      const f = foldAll();
      const tagHit = q.tag ? matching(f.tag, q.tag, true) : null;
      const termHit = q.term ? matching(f.term, q.term, false) : null;
      const phraseHit = q.term ? matching(f.phrase, q.term, false) : null;
      keep = new Uint8Array(D.n);
      for (let i = 0; i < D.n; i++) {
        if (q.title && !f.title[i].includes(q.title)) continue;
        if (state.untagged && D.tags[i].length) continue;
        if (tagHit && !D.tags[i].some((t) => tagHit[t])) continue;
        if (termHit && !D.terms[i].some((t) => termHit[t]) && !D.phrases[i].some((p) => phraseHit[p])) continue;
        keep[i] = 1;
      }
    }
    const ord = order(state.sort);
    const out = [];
    if (state.dir > 0) {
      for (let k = 0; k < ord.length; k++) if (!keep || keep[ord[k]]) out.push(ord[k]);
    } else {
      for (let k = ord.length - 1; k >= 0; k--) if (!keep || keep[ord[k]]) out.push(ord[k]);
      if (state.sort === 'date') {
        // Newest first, undated still last.
        const dated = out.filter((i) => D.date[i]);
        const undated = out.filter((i) => !D.date[i]).reverse();
        out.length = 0;
        out.push(...dated, ...undated);
      }
    }
    view = out;
  }

  const table = doc.getElementById('article-table');
  const tbody = table ? table.tBodies[0] : null;
  const status = doc.getElementById('article-status');
  const form = doc.querySelector('[data-widget=filters]');
  const pagerNode = doc.querySelector('[data-widget=pager]');

  function pages() {
    return Math.max(1, Math.ceil(view.length / PAGE));
  }

  function renderTable(focusRow) {
    const total = D.n;
    status.textContent = view.length === 0 ? S['status.none']
      : view.length === total ? fmt('status.all', { n: num(total) })
      : fmt('status.some', { n: num(view.length), t: num(total) });
    status.dataset.count = view.length;
    state.page = Math.min(state.page, pages() - 1);
    const start = state.page * PAGE;
    const rows = doc.createDocumentFragment();
    for (const i of view.slice(start, start + PAGE)) {
      rows.append(articleRow(i));
      if (open.has(i)) rows.append(detailRow(i));
    }
    tbody.replaceChildren(rows);
    for (const th of table.tHead.rows[0].cells) {
      if (!th.dataset.sort) continue;
      th.setAttribute('aria-sort', th.dataset.sort === state.sort ? (state.dir > 0 ? 'ascending' : 'descending') : 'none');
    }
    renderPager(pagerNode, S['pager.articles'], state.page, pages(), (p) => { state.page = p; renderTable(0); });
    if (focusRow !== undefined && focusRow !== null) {
      const buttons = tbody.querySelectorAll('button.toggle');
      const b = typeof focusRow === 'number' ? buttons[focusRow] : tbody.querySelector('button.toggle[data-i="' + focusRow.i + '"]');
      if (b) b.focus();
    }
  }

  function articleRow(i) {
    const tags = D.tags[i];
    const tagCell = el('td', { class: 'tags' });
    for (const t of tags.slice(0, 4)) tagCell.append(chip('tag', D.tagNames[t]), ' ');
    if (tags.length > 4) tagCell.append(el('span', { class: 'muted' }, '+' + (tags.length - 4)));
    const terms = D.terms[i].slice(0, 4).map((t) => D.termNames[t]).join(', ');
    return el('tr', { class: 'row', 'data-i': i },
      el('td', { class: 'title' },
        el('button', { type: 'button', class: 'toggle', 'data-i': i, 'aria-expanded': open.has(i) ? 'true' : 'false', 'aria-controls': 'detail-' + i, 'aria-label': S.open + ' ' + title(i) }, titleNode(i))),
      el('td', { class: 'date' }, D.date[i] || '—'),
      el('td', { class: 'num' }, num(D.words[i])),
      el('td', { class: 'num' }, num(D.q[i][0])),
      tagCell,
      el('td', { class: 'terms' }, terms),
      el('td', null, jsonLink(i)));
  }

  function entry(dl, label, value) {
    dl.append(el('dt', null, label), el('dd', null, value));
  }
  function chips(field, names, list) {
    if (!list.length) return el('span', { class: 'empty' }, S.none);
    const span = el('span');
    for (const k of list) span.append(chip(field, names[k]), ' ');
    return span;
  }

  function suggestions(i, max) {
    if (!D.suggested) return el('span', { class: 'empty' }, S['suggested.old']);
    const list = D.suggested[i] || [];
    if (!list.length) return el('span', { class: 'empty' }, S['no.suggestion']);
    const ul = el('ul', { class: 'plain' });
    for (const [t, pct, why] of list.slice(0, max || list.length)) {
      const whyText = D.whyNames[why];
      const c = chip('tag', D.tagNames[t], el('span', { class: 'n' }, ' ' + pct + ' %'));
      if (D.threshold !== null && pct < D.threshold) c.classList.add('weak');
      ul.append(el('li', null, c,
        whyText ? el('span', { class: 'muted' }, ' ' + whyText) : null));
    }
    return ul;
  }

  // The details of article i; its chunk is loaded (loadDetails).
  function detailRow(i) {
    const more = details(i);
    const dl = el('dl');
    entry(dl, S.source, el('span', { class: 'path' }, more.source));
    if (D.author[i] >= 0) entry(dl, S.author, D.authorNames[D.author[i]]);
    entry(dl, S.reading, fmt('min', { n: (D.reading[i] / 10).toLocaleString(lang) }) + ' · ' + num(D.words[i]) + ' ' + S.words);
    entry(dl, S.tags, chips('tag', D.tagNames, D.tags[i]));
    entry(dl, S.suggested, suggestions(i));
    entry(dl, S.terms, chips('term', D.termNames, D.terms[i]));
    entry(dl, S.phrases, chips('term', D.phraseNames, D.phrases[i]));
    const s = D.series[i];
    if (s && s[0] >= 0) {
      const ser = D.seriesList[s[0]];
      const dd = el('span', null, el('span', { class: 'series-name' }, ser.name), ' — ' + fmt('part', { n: s[1] }));
      for (const [part, j] of ser.parts) {
        if (j !== i && j >= 0) dd.append(' · ', el('button', { type: 'button', class: 'link', 'data-show': j }, fmt('part', { n: part })));
      }
      if (s[2]) dd.append(' · ', el('span', { class: 'muted' }, S.announces));
      entry(dl, S.series, dd);
    }
    const sim = el('span');
    for (const j of more.similar) sim.append(showButton(j), el('br'));
    entry(dl, S.similar, more.similar.length ? sim : el('span', { class: 'empty' }, S.none));

    const q = D.q[i];
    const qBox = el('div', { class: 'qs' }, el('h3', null, S.questions));
    const counts = [fmt('q.counts', { t: q[0], d: q[1], i: q[2] })];
    if (D.hasEmbedded) counts.push(fmt('q.embedded', { n: q[3] }));
    if (q[5]) counts.push(fmt('q.prompts', { n: q[5] }));
    if (q[4]) counts.push(S['q.title']);
    qBox.append(el('p', null, counts.join(' · ')));
    const ul = el('ul', { class: 'plain qs' });
    for (const [text, kind, mask, heading] of more.qs) {
      const forms = D.formNames.filter((_, b) => mask & (2 ** b)).map((f) => S['form.' + f] || f).join(', ');
      ul.append(el('li', null,
        el('span', { class: 'badge kind-' + kind }, S['kind.' + ['direct', 'indirect', 'embedded'][kind]] || '?'),
        heading ? el('span', { class: 'badge' }, S.heading) : null, ' ', text,
        forms ? el('span', { class: 'forms' }, ' (' + forms + ')') : null));
    }
    if (more.qs.length) qBox.append(ul);
    const link = el('p', null, el('a', { href: jsonHref(i) }, jsonBase + D.id[i] + '.json'));
    return el('tr', { class: 'detail', id: 'detail-' + i },
      el('td', { colspan: 7 }, el('div', { class: 'detail-grid' }, dl, qBox), link));
  }

  async function toggle(i) {
    if (open.has(i)) open.delete(i);
    else { await loadDetails(i); open.add(i); }
    renderTable({ i });
  }

  // Shows article i in the table: filters cleared, its page, its details.
  async function showArticle(i) {
    await loadDetails(i);
    form.reset();
    Object.assign(state, { title: '', tag: '', term: '', untagged: false });
    computeView();
    state.page = Math.floor(view.indexOf(i) / PAGE);
    open.add(i);
    renderTable({ i });
    const row = tbody.querySelector('tr[data-i="' + i + '"]');
    if (row) row.scrollIntoView({ block: 'center' });
  }

  function renderPager(node, label, page, count, go) {
    const nav = [];
    const button = (label, target, text) => {
      const b = el('button', { type: 'button', 'aria-label': label, disabled: target === page || target < 0 || target >= count }, text);
      b.addEventListener('click', () => go(target));
      return b;
    };
    nav.push(button(S.first, 0, '«'), button(S.prev, page - 1, '‹'));
    nav.push(el('span', { class: 'where', 'aria-live': 'polite' }, fmt('page', { n: num(page + 1), t: num(count) })));
    nav.push(button(S.next, page + 1, '›'), button(S.last, count - 1, '»'));
    node.setAttribute('aria-label', label);
    node.replaceChildren(...nav);
  }

  function setupTable() {
    for (const th of table.tHead.rows[0].cells) {
      const key = th.dataset.sort;
      if (!key) continue;
      const b = el('button', { type: 'button', 'aria-label': S.sort + ' ' + th.textContent }, th.textContent);
      b.addEventListener('click', () => {
        if (state.sort === key) state.dir = -state.dir;
        else { state.sort = key; state.dir = key === 'title' ? 1 : -1; }
        state.page = 0;
        computeView();
        renderTable();
      });
      th.replaceChildren(b);
    }
    let timer = 0;
    const apply = () => {
      const data = new FormData(form);
      state.title = data.get('title') || '';
      state.tag = data.get('tag') || '';
      state.term = data.get('term') || '';
      state.untagged = data.get('untagged') !== null;
      state.page = 0;
      computeView();
      renderTable();
    };
    form.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(apply, D.n > 5000 ? 200 : 0);
    });
    form.addEventListener('submit', (e) => { e.preventDefault(); apply(); });
    form.addEventListener('reset', () => setTimeout(apply, 0));
    tbody.addEventListener('click', (e) => {
      const b = e.target.closest('button.toggle');
      if (b) toggle(Number(b.dataset.i)).catch(fail);
    });
    // Arrow keys move between the rows' buttons; Page Up/Down turn pages.
    tbody.addEventListener('keydown', (e) => {
      const b = e.target.closest('button.toggle');
      if (!b) return;
      const buttons = Array.from(tbody.querySelectorAll('button.toggle'));
      const k = buttons.indexOf(b);
      let target = null;
      if (e.key === 'ArrowDown') target = Math.min(k + 1, buttons.length - 1);
      else if (e.key === 'ArrowUp') target = Math.max(k - 1, 0);
      else if (e.key === 'Home') target = 0;
      else if (e.key === 'End') target = buttons.length - 1;
      else if (e.key === 'PageDown' && state.page < pages() - 1) { state.page++; renderTable(0); e.preventDefault(); return; }
      else if (e.key === 'PageUp' && state.page > 0) { state.page--; renderTable(0); e.preventDefault(); return; }
      if (target !== null) { e.preventDefault(); buttons[target].focus(); }
    });
  }

  // Clicks anywhere: a tag or term filters the table, a title shows its
  // article.
  function setupLinks() {
    doc.addEventListener('click', (e) => {
      const f = e.target.closest('[data-filter]');
      if (f) {
        const input = form.elements[f.dataset.filter];
        form.reset();
        input.value = f.dataset.value;
        Object.assign(state, { title: '', tag: '', term: '', untagged: false, page: 0 });
        state[f.dataset.filter] = f.dataset.value;
        computeView();
        renderTable();
        doc.getElementById('articles').scrollIntoView();
        input.focus();
        return;
      }
      const s = e.target.closest('[data-show]');
      if (s) showArticle(Number(s.dataset.show)).catch(fail);
    });
  }

  // ---- paged lists: series, untagged articles, question titles ----------
  function pagedList(node, label, all, renderItem, filter) {
    if (!node) return;
    let page = 0;
    let items = all;
    const status = el('p', { class: 'status', role: 'status' });
    const ul = el('ul', { class: 'items' });
    const pager = el('nav', { class: 'pager', 'aria-label': label });
    const parts = [];
    if (filter) {
      const box = el('input', { type: 'checkbox' });
      box.addEventListener('change', () => { items = box.checked ? all.filter(filter.keep) : all; page = 0; draw(); });
      parts.push(el('div', { class: 'widget-filter' }, el('label', null, box, ' ' + filter.label)));
    }
    function draw() {
      const count = Math.max(1, Math.ceil(items.length / LIST_PAGE));
      status.textContent = items.length === 0 ? S.none : fmt('list.count', { n: num(items.length), t: num(all.length) });
      status.dataset.count = items.length;
      ul.replaceChildren(...items.slice(page * LIST_PAGE, (page + 1) * LIST_PAGE).map(renderItem));
      // One page needs no pager (and an empty landmark confuses).
      pager.hidden = count < 2;
      if (count > 1) renderPager(pager, label, page, count, (p) => { page = p; draw(); });
    }
    node.replaceChildren(...parts, status, ul, pager);
    draw();
  }

  function seriesItem(k) {
    const s = D.seriesList[k];
    const chain = el('ol', { class: 'chain' });
    const present = new Map(s.parts.map(([p, j]) => [p, j]));
    const numbers = Array.from(new Set([...s.parts.map((p) => p[0]), ...s.missing])).sort((a, b) => a - b);
    let last = -1;
    for (const p of numbers) {
      if (present.has(p)) {
        const j = present.get(p);
        last = j;
        chain.append(el('li', null, el('span', { class: 'part' }, fmt('part', { n: p })),
          j >= 0 ? showButton(j) : '?', ' ', j >= 0 ? jsonLink(j) : null));
      } else {
        chain.append(el('li', { class: 'missing' }, fmt('part.missing', { n: p })));
      }
    }
    if (last >= 0 && D.series[last] && D.series[last][2]) chain.append(el('li', { class: 'announce' }, S.announces));
    return el('li', null, el('span', { class: 'series-name' }, s.name), ' ',
      el('span', { class: 'muted' }, fmt('series.parts', { n: s.parts.length })), chain);
  }

  function untaggedItem(i) {
    // Without suggestions in the analysis, the section's note says so once.
    return el('li', null, showButton(i), ' ', jsonLink(i), D.suggested ? el('div', null, suggestions(i, 5)) : null);
  }

  function questionItem(i) {
    const q = D.q[i];
    return el('li', null, showButton(i), ' ', jsonLink(i), ' ',
      el('span', { class: 'muted' }, fmt('q.counts', { t: q[0], d: q[1], i: q[2] })));
  }

  function setupLists() {
    const all = Array.from({ length: D.n }, (_, i) => i);
    pagedList(doc.querySelector('[data-widget=series]'), S['pager.series'], D.seriesList.map((_, k) => k), seriesItem,
      { label: S['series.filter'], keep: (k) => D.seriesList[k].missing.length > 0 });
    pagedList(doc.querySelector('[data-widget=untagged]'), S['pager.untagged'], all.filter((i) => D.tags[i].length === 0), untaggedItem);
    pagedList(doc.querySelector('[data-widget=title-questions]'), S['pager.titles'], all.filter((i) => D.q[i][4]), questionItem);
  }

  function fail(err) {
    const box = el('p', { class: 'alert', role: 'alert' }, S.error + ' ' + (err && err.message ? err.message : String(err)));
    const section = doc.getElementById('articles');
    if (section) section.prepend(box);
    doc.body.dataset.ready = 'error';
  }

  decode(doc.getElementById('report-data')).then((data) => {
    D = data;
    performance.mark('report-parsed');
    if (table) {
      setupTable();
      setupLinks();
      computeView();
      renderTable();
    }
    setupLists();
    doc.body.dataset.ready = '1';
    performance.mark('report-ready');
  }).catch(fail);
})();
