// The tale-camel dashboard: polls GET /api/runs, draws the runs (a progress bar for running ones), and shows the
// trend charts of GET /api/trends. Plain browser JavaScript, no library, nothing fetched from elsewhere.
'use strict';

(() => {
  const POLL_MS = 1500;
  const TOKEN_KEY = 'tale-camel.api-token';
  const $ = (id) => document.getElementById(id);

  let drawnRuns = '';       // the runs last drawn, as JSON: the table is redrawn only when they change
  let drawnTrends = null;   // the finished runs the trend charts were fetched for
  let chartUrls = [];       // object URLs of the charts shown, released when replaced
  let timer = null;

  class AuthError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  // --- the token, when the server needs one ---

  function token() {
    return sessionStorage.getItem(TOKEN_KEY) || '';
  }

  function authHeaders() {
    return token() ? { Authorization: 'Bearer ' + token() } : {};
  }

  // Where the page is served: '' at the root of the embedded server, '/tale-camel' under a WAR's context root. The
  // API's paths and links are the server's own (/api/...), so they are fetched under it.
  const BASE = new URL('.', window.location.href).pathname.replace(/\/$/, '');

  function at(path) {
    return path.startsWith('/') && !path.startsWith(BASE + '/') ? BASE + path : path;
  }

  async function api(path) {
    const response = await fetch(at(path), { headers: authHeaders(), cache: 'no-store' });
    if (response.status === 401 || response.status === 403) {
      const body = await response.json().catch(() => ({}));
      throw new AuthError(response.status, body.error || 'HTTP ' + response.status);
    }
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      throw new Error(body.error || path + ': HTTP ' + response.status);
    }
    return response;
  }

  function askForToken(error) {
    $('token-message').textContent = error.status === 403
      ? 'That token was refused: it is not the one tale-camel was started with.'
      : 'This tale-camel needs its API token (tale.http.token) for every /api call.';
    $('token-form').hidden = false;
    $('token').focus();
    setStatus('warn', 'API token needed');
  }

  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = $('token').value.trim();
    if (typed) {
      sessionStorage.setItem(TOKEN_KEY, typed);
      $('token').value = '';
      $('token-form').hidden = true;
      pollNow();
    }
  });

  $('forget-token').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    pollNow();
  });

  // A link to a run's file: with a token, fetched with it and opened from memory, as a link cannot send a header.
  document.addEventListener('click', async (event) => {
    const link = event.target.closest('a[data-api]');
    if (!link || !token() || event.button !== 0) {
      return;
    }
    event.preventDefault();
    const opened = window.open('', '_blank');
    try {
      const blob = await (await api(link.getAttribute('href'))).blob();
      const url = URL.createObjectURL(blob);
      setTimeout(() => URL.revokeObjectURL(url), 60000); // long after the tab has loaded it
      if (opened) {
        opened.location.href = url;
      } else {
        window.location.href = url;
      }
    } catch (error) {
      if (opened) {
        opened.close();
      }
      setStatus('error', link.textContent + ': ' + error.message);
    }
  });

  // --- polling ---

  function pollNow() {
    clearTimeout(timer);
    poll();
  }

  async function poll() {
    $('forget-token').hidden = !token();
    try {
      const { runs } = await (await api('/api/runs')).json();
      drawRuns(runs);
      await refreshTrends(runs);
      setStatus('live', 'live · updated ' + clock(new Date()));
    } catch (error) {
      if (error instanceof AuthError) {
        askForToken(error);
        return; // until a token is typed
      }
      setStatus('error', 'cannot reach tale-camel (' + error.message + '); retrying');
    }
    timer = setTimeout(poll, POLL_MS);
  }

  function setStatus(kind, text) {
    const status = $('status');
    status.className = 'status ' + kind;
    status.textContent = text;
  }

  // --- runs ---

  function drawRuns(runs) {
    const json = JSON.stringify(runs);
    if (json === drawnRuns) {
      return;
    }
    drawnRuns = json;
    $('simulated-note').hidden = !runs.some((run) => run.simulated);
    $('no-runs').hidden = runs.length > 0;
    $('runs').hidden = runs.length === 0;
    $('upload-example').textContent = "curl --data-binary @data-in/samples/gsm8k-style.jsonl \\\n"
      + "  -H 'Content-Type: application/octet-stream' " + (token() ? '-H "Authorization: Bearer $TALE_HTTP_TOKEN" ' : '')
      + "\\\n  '" + window.location.origin + BASE + "/api/runs?name=gsm8k-style.jsonl'";
    $('run-rows').replaceChildren(...runs.map(runRow));
  }

  function runRow(run) {
    const row = el('tr', { id: 'run-' + run.id, 'data-run-id': run.id, 'data-status': run.status,
      class: run.status });
    row.append(
      el('td', {}, el('div', { class: 'run-id' }, run.id), ...started(run).map((line) => el('div', { class: 'muted' }, line))),
      el('td', { class: 'suite' }, run.suite || '',
        ...(run.files || []).map((file) => el('div', { class: 'muted file-name' }, file))),
      el('td', { class: 'model' }, (run.models && run.models.length ? run.models : [run.model || '']).join(', '),
        run.simulated ? el('span', { class: 'badge sim' }, 'SIMULATED') : ''),
      el('td', {}, progress(run)),
      el('td', {}, results(run)),
      el('td', { class: 'number' }, expense(run.expenseUsd),
        run.cachedAnswers ? el('div', { class: 'muted cached' }, run.cachedAnswers + ' answers from the cache, first cost ',
          expense(run.answersCostUsd === undefined || run.answersCostUsd === null || run.expenseUsd === undefined
            ? undefined : run.answersCostUsd - run.expenseUsd)) : ''),
      el('td', {}, run.gates ? el('span', { class: 'badge gate-' + run.gates }, run.gates) : ''),
      el('td', { class: 'files' }, files(run)));
    return row;
  }

  /** When the run started, and how long it took once finished. */
  function started(run) {
    if (!run.startedAt) {
      return [];
    }
    const start = new Date(run.startedAt);
    const lines = [day(start) + ' ' + clock(start)];
    if (run.finishedAt) {
      lines.push('took ' + duration(new Date(run.finishedAt) - start));
    }
    return lines;
  }

  function progress(run) {
    if (run.status === 'stopped') {
      // a run that did not complete never reads like one that did: no full bar, and why it stopped
      return el('div', { class: 'progress' },
        el('div', { class: 'state state-stopped' }, 'stopped · did not complete'),
        el('div', { class: 'stop-reason' }, run.reason || ''),
        batches(run));
    }
    const done = run.done || 0;
    const total = run.total || 0;
    const finished = run.status === 'finished';
    const bar = el('progress', { max: String(Math.max(total, 1)) });
    if (total > 0 || finished) {
      bar.value = total > 0 ? done : 1;
    }
    const percent = total > 0 ? Math.floor((100 * done) / total) : (finished ? 100 : 0);
    const words = total > 0 || finished ? done + ' / ' + total + ' · ' + percent + '%' : 'starting…';
    return el('div', { class: 'progress' },
      el('div', { class: 'state state-' + run.status }, finished ? 'completed' : run.status),
      bar,
      el('div', { class: 'progress-text' }, words),
      run.reason ? el('div', { class: 'stop-reason' }, run.reason) : '',
      batches(run));
  }

  // batch mode (tale.llm.mode=batch): the batches still at the provider, with their status and request counts as
  // last polled; answers come when a batch ends, so no rate is promised
  function batches(run) {
    const all = run.batches || [];
    const pending = all.filter((b) => !b.endedAt);
    if (all.length === 0) {
      return '';
    }
    const collected = all.length - pending.length;
    return el('ul', { class: 'batches' },
      ...pending.map((b) => el('li', { class: 'batch-pending' },
        'batch ' + b.number + (b.batchId ? ' (' + b.batchId + ')' : '') + ' ' + b.status + ' · ' + b.completed
          + ' of ' + b.total + ' answered' + (b.failed ? ', ' + b.failed + ' failed' : ''))),
      collected > 0 ? el('li', { class: 'muted' }, collected + (collected === 1 ? ' batch' : ' batches')
        + ' collected') : '');
  }

  // a run of several models: each model's methods in a column of its own, side by side
  function results(run) {
    if (!run.results) {
      return el('span', { class: 'muted' }, (run.methods || []).join(', '));
    }
    if (!run.models || run.models.length < 2) {
      return methodList(run.results);
    }
    return el('div', { class: 'models-side' }, ...run.models.map((model) => el('div', { class: 'model-column' },
      el('div', { class: 'model-name' }, model),
      methodList(run.results.filter((m) => m.model === model)))));
  }

  function methodList(figures) {
    return el('ul', { class: 'methods' }, ...figures.map((m) => el('li', {},
      el('span', { class: 'method' }, m.method),
      el('span', { class: 'accuracy' }, m.accuracy === null || m.accuracy === undefined
        ? '–' : (100 * m.accuracy).toFixed(1) + '%'),
      el('span', { class: 'muted' }, m.accuracy === null || m.accuracy === undefined
        ? 'no answers' : Math.round(m.meanOutputTokens) + ' tokens'))));
  }

  function expense(usd) {
    if (usd === undefined || usd === null) {
      return el('span', { class: 'muted' }, 'price unknown');
    }
    return usd === 0 ? '$0' : '$' + (usd >= 1 ? usd.toFixed(2) : usd < 0.0001 ? '<0.0001' : usd.toFixed(4));
  }

  function files(run) {
    const links = run.links || {};
    const shown = run.status !== 'running'
      ? [['report', links.report], ['summary.json', links.summary], ['audit.csv', links.audit], ['junit.xml', links.junit]]
      : [['audit.csv', links.audit]];
    return el('div', { class: 'links' }, ...shown.filter(([, href]) => href).map(([name, href]) =>
      el('a', { href: at(href), target: '_blank', rel: 'noopener', 'data-api': '', class: 'file-' + name.split('.')[0] },
        name)));
  }

  // --- trends ---

  async function refreshTrends(runs) {
    const finished = runs.filter((run) => run.status === 'finished').map((run) => run.id).join(' ');
    if (finished === drawnTrends) {
      return;
    }
    const { trends } = await (await api('/api/trends')).json();
    const urls = [];
    const blocks = [];
    for (const trend of trends) {
      const charts = [];
      for (const chart of trend.charts) {
        const url = URL.createObjectURL(await (await api(chart.href)).blob());
        urls.push(url);
        charts.push(el('figure', {}, el('img', { src: url, alt: chart.title + ': ' + trend.label }),
          el('figcaption', {}, chart.title)));
      }
      blocks.push(el('div', { class: 'trend' },
        el('h3', {}, trend.suite + ((trend.files || []).length ? ' · ' + trend.files.join(', ') : '') + ' on ' + trend.model,
          trend.simulated ? el('span', { class: 'badge sim' }, 'SIMULATED') : '',
          el('span', { class: 'muted' }, ' · ' + trend.runs + ' runs')),
        el('div', { class: 'charts' }, ...charts)));
    }
    $('trends').replaceChildren(...blocks);
    $('no-trends').hidden = trends.length > 0;
    chartUrls.forEach((url) => URL.revokeObjectURL(url));
    chartUrls = urls;
    drawnTrends = finished;
  }

  // --- small helpers ---

  function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      element.setAttribute(name, value);
    }
    element.append(...children);
    return element;
  }

  const two = (n) => String(n).padStart(2, '0');

  function day(date) {
    return date.getFullYear() + '-' + two(date.getMonth() + 1) + '-' + two(date.getDate());
  }

  function clock(date) {
    return two(date.getHours()) + ':' + two(date.getMinutes()) + ':' + two(date.getSeconds());
  }

  function duration(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) {
      return s + ' s';
    }
    if (s < 3600) {
      return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
    }
    return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  }

  poll();
})();
