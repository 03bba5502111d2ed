/**
 * Browser code of our GraphiQL additions, served as /graphiql/assets/bjet-graphiql.js (plain JS on
 * the React and GraphiQL globals, no build step): `BjetGraphiql.observe(fetcher)` publishes each
 * single result; the table view plugin shows its first list with CSV download and copy; the status
 * line under GraphiQL shows `extensions.cost` and each error's code and message.
 */
import { tableHelpers } from './table-helpers.js';

const COST_LABELS = "{ restCalls: 'REST calls', cacheHits: 'cache hits', sharedCalls: 'shared calls' }";

const RESULTS = `
  var listeners = [];
  var last = null;
  function publish(result) {
    if (result === null || typeof result !== 'object' || !('data' in result || 'errors' in result)) return;
    last = result;
    listeners.forEach(function (listener) { listener(result); });
  }
  function subscribe(listener) {
    listeners.push(listener);
    return function () { listeners = listeners.filter(function (other) { return other !== listener; }); };
  }
  // GraphiQL's fetcher answers a promise of a result or of an async iterable of results (its HTTP
  // fetcher reads every answer as a possible multipart stream; a subscription is one): each result
  // is published, the latest wins. GraphiQL's own schema fetch is not a result.
  function tap(value) {
    if (value === null || typeof value !== 'object' || typeof value[Symbol.asyncIterator] !== 'function') {
      publish(value);
      return value;
    }
    return (async function* () {
      for await (var part of value) {
        publish(part);
        yield part;
      }
    })();
  }
  function observe(fetcher) {
    return function (params, options) {
      var out = fetcher(params, options);
      if (params && params.operationName === 'IntrospectionQuery') return out;
      if (out !== null && typeof out === 'object' && typeof out.then === 'function') return out.then(tap);
      return out !== null && typeof out === 'object' && typeof out[Symbol.asyncIterator] === 'function' ? tap(out) : out;
    };
  }
`;

const STATUS_LINE = `
  var COST_LABELS = ${COST_LABELS};
  function costText(cost) {
    if (cost === null || typeof cost !== 'object') return 'cost: not in the result (server.costInExtensions off)';
    return Object.keys(cost).filter(function (key) { return typeof cost[key] === 'number'; })
      .map(function (key) { return (COST_LABELS[key] || key) + ': ' + cost[key]; }).join(' \\u00b7 ');
  }
  function errorText(error) {
    var code = error && error.extensions && error.extensions.code ? error.extensions.code : 'ERROR';
    var where = error && Array.isArray(error.path) ? ' at ' + error.path.join('.') : '';
    return code + where + ': ' + (error && error.message ? error.message : '');
  }
  function renderStatus(result) {
    var line = document.getElementById('bjet-status');
    if (!line) return;
    line.textContent = '';
    var cost = document.createElement('span');
    cost.className = 'bjet-status-cost';
    cost.textContent = costText(result && result.extensions ? result.extensions.cost : null);
    line.appendChild(cost);
    (result && Array.isArray(result.errors) ? result.errors : []).forEach(function (error) {
      var item = document.createElement('span');
      item.className = 'bjet-status-error';
      item.textContent = errorText(error);
      line.appendChild(item);
    });
  }
  subscribe(renderStatus);
`;

const TABLE_VIEW = `
  var h = React.createElement;
  function download(table) {
    var url = URL.createObjectURL(new Blob([helpers.toCsv(table)], { type: 'text/csv;charset=utf-8' }));
    var link = document.createElement('a');
    link.href = url;
    link.download = (table.path[0] || 'result') + '.csv';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }
  function TableView() {
    var state = React.useState(last);
    var copied = React.useState('');
    React.useEffect(function () { return subscribe(state[1]); }, []);
    var result = state[0];
    var table = result ? helpers.tableOf(result.data) : null;
    if (table === null) {
      return h('p', { className: 'bjet-table-empty' }, result ? 'The result has no list.' : 'Run a query: the first list of its result shows here.');
    }
    function copy() {
      navigator.clipboard.writeText(helpers.toTsv(table)).then(function () { copied[1]('copied'); }, function () { copied[1]('copy refused'); });
    }
    var head = h('tr', null, table.columns.map(function (column) { return h('th', { key: column }, column); }));
    var body = table.rows.map(function (row, i) {
      return h('tr', { key: i }, row.map(function (cell, j) { return h('td', { key: j }, cell); }));
    });
    return h('div', { className: 'bjet-table' },
      h('div', { className: 'bjet-table-bar' },
        h('span', { className: 'bjet-table-title' }, table.path.join('.') + ': ' + table.rows.length + ' rows'),
        h('button', { type: 'button', onClick: function () { download(table); } }, 'Download CSV'),
        h('button', { type: 'button', onClick: copy, title: 'Tab-separated, pastes into a spreadsheet' }, 'Copy'),
        h('span', { className: 'bjet-table-copied' }, copied[0])),
      h('div', { className: 'bjet-table-scroll' }, h('table', null, h('thead', null, head), h('tbody', null, body))));
  }
  function TableIcon() {
    return h('svg', { viewBox: '0 0 24 24', width: '1em', height: '1em', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5 },
      h('rect', { x: 3, y: 4, width: 18, height: 16, rx: 1 }), h('path', { d: 'M3 9h18M3 14.5h18M9 4v16M15 4v16' }));
  }
  var tableViewPlugin = { title: 'Table view', icon: TableIcon, content: TableView };
`;

export const BJET_GRAPHIQL_SCRIPT = `(function () {
  var helpers = (${tableHelpers.toString()})();
${RESULTS}${STATUS_LINE}${TABLE_VIEW}
  window.BjetGraphiql = { observe: observe, tableViewPlugin: tableViewPlugin, helpers: helpers };
})();
`;

export const BJET_GRAPHIQL_CSS = `#bjet-status { display: flex; flex-wrap: wrap; gap: 0 1.5em; padding: 4px 12px; font: 13px/1.6 system-ui, sans-serif;
  border-top: 1px solid hsla(219, 28%, 32%, 0.15); background: hsl(219, 28%, 97%); color: hsl(219, 28%, 25%); }
.bjet-status-error { color: hsl(353, 70%, 40%); font-weight: 600; }
.bjet-table { display: flex; flex-direction: column; height: 100%; font: 13px/1.4 system-ui, sans-serif; }
.bjet-table-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-bottom: 8px; }
.bjet-table-title { font-weight: 600; margin-right: auto; }
.bjet-table-bar button { font: inherit; padding: 2px 10px; cursor: pointer; }
.bjet-table-scroll { overflow: auto; flex: 1; }
.bjet-table table { border-collapse: collapse; white-space: nowrap; }
.bjet-table th, .bjet-table td { border: 1px solid hsla(219, 28%, 32%, 0.2); padding: 2px 6px; text-align: left; }
.bjet-table th { position: sticky; top: 0; background: hsl(219, 28%, 95%); }
`;
