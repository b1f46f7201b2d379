'use strict';
// Steps 2 to 7 of the designer: source, endpoint, mapping, preview, run and job file. The job is
// kept as the tree of a YAML job file (the keys of JobConfig) and the server writes it as one.
window.DesignerSteps = (function () {
  let S, api, say, el, field, $, useEmulator;
  const HANDLED_TOP = ['endpoint', 'project', 'type', 'mapping', 'set', 'key', 'parent-key', 'value-maps', 'identity-map', 'properties', 'value-map-files'];
  const SKIPPED_OPTIONS = ['dry-run'];
  // Source keys with controls of their own; the others are under "Source options".
  const OWN_SOURCE = { path: 'source-path', sheet: 'source-sheet', 'header-row': 'source-header-row',
    url: 'jdbc-url', query: 'jdbc-query', user: 'jdbc-user', 'password-env': 'jdbc-password-env' };
  const FILE_ONLY = ['path', 'sheet', 'header-row'];
  const JDBC_ONLY = ['url', 'query', 'user', 'password-env'];

  function keys(section) { return S.schema.job.filter((k) => k.section === section); }
  function val(id) { const e = $(id); return e ? e.value.trim() : ''; }
  function jobFile() { return val('job-name') || 'job.yaml'; }

  // ---- the job tree ----
  function buildJob() {
    const job = {};
    job.source = sourceTree();
    job.endpoint = val('endpoint') || 'create-workitem';
    if (val('c-project')) job.project = val('c-project');
    if (val('wit-type')) job.type = val('wit-type');
    const mapping = [];
    S.columns.forEach((c) => {
      const m = S.mapping[c];
      if (m && m.field) mapping.push(c + '=' + m.field + (m.format ? ':' + m.format : ''));
    });
    lines('templates').forEach((l) => mapping.push(l));
    if (mapping.length) job.mapping = mapping;
    const sets = lines('set-values');
    if (sets.length) job.set = sets;
    if (val('key-column')) job.key = val('key-column');
    if (val('parent-key-column')) job['parent-key'] = val('parent-key-column');
    const vm = {};
    lines('value-maps').forEach((l) => {
      const colon = l.indexOf(':'), eq = l.lastIndexOf('=');
      if (colon > 0 && eq > colon) { const f = l.slice(0, colon).trim(); (vm[f] = vm[f] || {})[l.slice(colon + 1, eq).trim()] = l.slice(eq + 1).trim(); }
    });
    if (Object.keys(vm).length) job['value-maps'] = vm;
    if (val('identity-map')) job['identity-map'] = val('identity-map');
    keys('top').filter((k) => HANDLED_TOP.indexOf(k.name) < 0).forEach((k) => put(job, k, val('j-top-' + k.name)));
    const options = {};
    keys('options').filter((k) => SKIPPED_OPTIONS.indexOf(k.name) < 0).forEach((k) => put(options, k, val('j-options-' + k.name)));
    if (Object.keys(options).length) job.options = options;
    return job;
  }
  // The source section from the controls of the kind chosen (a file's or a database's).
  function sourceTree() {
    const jdbc = val('source-kind') === 'jdbc';
    if (jdbc && $('jdbc-password').value && !val('jdbc-password-env')) $('jdbc-password-env').value = 'DB_PASSWORD';
    const source = {};
    keys('source').forEach((k) => {
      if ((jdbc ? FILE_ONLY : JDBC_ONLY).indexOf(k.name) >= 0) return;
      const v = val(OWN_SOURCE[k.name] || 'j-source-' + k.name);
      if (v) source[k.name] = v;
    });
    // A jdbc: URL typed as the path, as the command line's SOURCE takes it, is the source's url.
    if (source.path && source.path.startsWith('jdbc:')) { source.url = source.path; delete source.path; }
    return source;
  }

  // The request body of a job call; a typed database password goes with it once, then the form
  // forgets it (the designer keeps it for the variable named; the job file never has it).
  function withPassword(body) {
    const input = $('jdbc-password');
    if (val('source-kind') === 'jdbc' && input.value) {
      body.dbPassword = input.value;
      input.value = '';
      input.placeholder = '(kept by the designer as ' + val('jdbc-password-env') + ')';
    }
    return body;
  }

  function showKind() {
    const jdbc = val('source-kind') === 'jdbc';
    $('source-file').hidden = jdbc;
    $('source-jdbc').hidden = !jdbc;
  }

  function put(target, k, v) {
    if (!v) return;
    target[k.name] = k.type === 'LIST' ? v.split(',').map((x) => x.trim()).filter((x) => x) : v;
  }
  function lines(id) { return val(id).split('\n').map((l) => l.trim()).filter((l) => l); }

  function applyJob(job) {
    const src = job.source || {};
    $('source-kind').value = src.url ? 'jdbc' : 'file';
    showKind();
    sheets(src.sheet ? [String(src.sheet)] : [], src.sheet ? String(src.sheet) : '');
    keys('source').filter((k) => k.name !== 'sheet').forEach((k) => {
      const e = $(OWN_SOURCE[k.name] || 'j-source-' + k.name);
      if (e) e.value = src[k.name] !== undefined ? String(src[k.name]) : '';
    });
    if (job.endpoint) $('endpoint').value = job.endpoint;
    describeEndpoint();
    S.wantedType = job.type || '';
    S.mapping = {};
    const templates = [];
    [].concat(job.mapping || []).forEach((m) => {
      const text = typeof m === 'string' ? m : m.source + '=' + m.field + (m.format ? ':' + m.format : '');
      const eq = text.indexOf('=');
      // A template ({First} {Last}=FIELD) is no one column's: it keeps a line of its own.
      if (text.slice(0, eq).indexOf('{') >= 0) { templates.push(text); return; }
      const rest = text.slice(eq + 1), colon = rest.indexOf(':');
      S.mapping[text.slice(0, eq).trim()] = { field: (colon < 0 ? rest : rest.slice(0, colon)).trim(), format: colon < 0 ? '' : rest.slice(colon + 1) };
    });
    $('templates').value = templates.join('\n');
    $('set-values').value = [].concat(job.set || []).join('\n');
    S.wantedKey = job.key || ''; S.wantedParent = job['parent-key'] || '';
    const vm = job['value-maps'] || {};
    $('value-maps').value = Object.keys(vm).flatMap((f) => Object.keys(vm[f]).map((from) => f + ':' + from + '=' + vm[f][from])).join('\n');
    $('identity-map').value = job['identity-map'] || '';
    keys('top').filter((k) => HANDLED_TOP.indexOf(k.name) < 0).forEach((k) => { const e = $('j-top-' + k.name); if (e) e.value = job[k.name] !== undefined ? [].concat(job[k.name]).join(',') : ''; });
    const o = job.options || {};
    keys('options').forEach((k) => { const e = $('j-options-' + k.name); if (e) e.value = o[k.name] !== undefined ? [].concat(o[k.name]).join(',') : ''; });
  }

  // ---- 2. Source ----
  async function upload() {
    const f = $('source-upload').files[0];
    if (!f) return;
    say('source-result', 'Uploading ' + f.name + '…');
    try {
      const r = await api('POST', 'source/upload?name=' + encodeURIComponent(f.name), undefined, await f.arrayBuffer());
      $('source-path').value = r.path;
      sheets([], ''); // another workbook has sheets of its own
      await previewSource();
    } catch (e) { say('source-result', e.message, false); }
  }

  // The sheet picker: "(the first sheet)", then the workbook's sheets; the chosen one kept.
  function sheets(names, chosen) {
    const sel = $('source-sheet');
    sel.innerHTML = '';
    sel.appendChild(el('option', { value: '', text: '(the first sheet)' }));
    names.forEach((n) => sel.appendChild(el('option', { value: n, text: n, selected: n === chosen })));
  }

  async function previewSource() {
    try {
      const r = await api('POST', 'source/preview', withPassword({ job: buildJob() }));
      $('xlsx-options').hidden = !r.sheets;
      if (r.sheets) sheets(r.sheets, val('source-sheet'));
      S.columns = r.columns; S.rows = r.rows;
      const t = $('source-table');
      t.innerHTML = '';
      t.appendChild(el('caption', { text: 'First rows of ' + r.describe }));
      t.appendChild(el('tr', {}, r.columns.map((c) => el('th', { scope: 'col', text: c }))));
      r.rows.forEach((row) => t.appendChild(el('tr', {}, r.columns.map((c, i) => el('td', { text: row[i] === null || row[i] === undefined ? '' : row[i] })))));
      say('source-result', r.columns.length + ' columns: ' + r.numbered, true);
    } catch (e) { say('source-result', e.message, false); }
  }

  // ---- 3. Endpoint ----
  function describeEndpoint() {
    const e = S.schema.endpoints.find((x) => x.name === val('endpoint'));
    $('endpoint-doc').textContent = e ? e.description : '';
    $('wit-type').disabled = !(e && e.workItems);
  }

  async function refreshMetadata(refresh) {
    if (!val('c-project')) { say('endpoint-result', 'Choose the default project in the Connection step first', false); return; }
    try {
      const r = await api('POST', 'fields', { project: val('c-project'), type: S.wantedType || val('wit-type'), refresh: refresh === true });
      S.types = r.types; S.fields = r.fields;
      const sel = $('wit-type');
      sel.innerHTML = '';
      r.types.forEach((t) => sel.appendChild(el('option', { value: t, text: t, selected: t === r.type })));
      S.wantedType = '';
      say('endpoint-result', r.types.length + ' work item types in ' + val('c-project') + '; ' + r.fields.length + ' writable fields of ' + r.type, true);
    } catch (e) { say('endpoint-result', e.message, false); }
  }

  // ---- 4. Mapping ----
  function norm(s) { return (s || '').toLowerCase().replace(/[^a-z0-9]/g, ''); }
  function autoMap() {
    S.columns.forEach((c) => {
      const n = norm(c);
      const f = S.fields.find((x) => norm(x.name) === n || norm(x.ref) === n || norm(x.ref.split('.').pop()) === n);
      if (f && !(S.mapping[c] && S.mapping[c].field)) S.mapping[c] = { field: f.ref, format: '' };
    });
    renderMapping();
  }

  function columnSelect(id, chosen) {
    const sel = $(id);
    sel.innerHTML = '';
    sel.appendChild(el('option', { value: '', text: '(none)' }));
    S.columns.forEach((c) => sel.appendChild(el('option', { value: c, text: c, selected: c === chosen })));
  }

  function renderMapping() {
    const t = $('mapping-table');
    t.innerHTML = '';
    t.appendChild(el('tr', {}, ['Source column', 'Sample', 'Target field', 'Format', 'Problem'].map((h) => el('th', { scope: 'col', text: h }))));
    const located = S.problems || [];
    S.columns.forEach((c, i) => {
      const m = S.mapping[c] || { field: '', format: '' };
      const sel = el('select', { id: 'map-' + i, 'data-column': c, 'aria-label': 'Target field for column ' + c });
      sel.appendChild(el('option', { value: '', text: '(not mapped)' }));
      S.fields.forEach((f) => {
        const text = f.name + ' (' + f.ref + ')' + (f.required ? ' *' : '') + (f.allowed.length ? ' [' + f.allowed.slice(0, 6).join(', ') + (f.allowed.length > 6 ? ', …' : '') + ']' : '');
        sel.appendChild(el('option', { value: f.ref, text: text, selected: f.ref === m.field }));
      });
      if (m.field && !S.fields.find((f) => f.ref === m.field)) sel.appendChild(el('option', { value: m.field, text: m.field, selected: true }));
      sel.addEventListener('change', () => { S.mapping[c] = { field: sel.value, format: (S.mapping[c] || {}).format || '' }; });
      const fmt = el('input', { id: 'fmt-' + i, 'aria-label': 'Format for column ' + c, placeholder: 'e.g. dd/MM/yyyy', value: m.format || '' });
      fmt.addEventListener('change', () => { S.mapping[c] = { field: sel.value, format: fmt.value.trim() }; });
      const mine = located.filter((p) => p.column === c);
      const tr = el('tr', { class: mine.length ? 'bad' : null, 'data-column': c }, [
        el('th', { scope: 'row', text: c }), el('td', { text: S.rows[0] ? (S.rows[0][i] || '') : '' }),
        el('td', {}, [sel]), el('td', {}, [fmt]), el('td', { class: 'problem', text: mine.map((p) => p.text).join(' ') })]);
      t.appendChild(tr);
    });
    located.filter((p) => p.required).forEach((p) => {
      const f = S.fields.find((x) => x.ref === p.field);
      t.appendChild(el('tr', { class: 'bad', 'data-required-field': p.field }, [
        el('th', { scope: 'row', text: (f ? f.name + ' (' + p.field + ')' : p.field) + ' *' }),
        el('td', { text: '(required, not mapped)' }), el('td', { class: 'problem', colspan: '3', text: p.text })]));
    });
    columnSelect('key-column', val('key-column') || S.wantedKey);
    columnSelect('parent-key-column', val('parent-key-column') || S.wantedParent);
    const rest = $('plan-problems');
    rest.innerHTML = '';
    located.filter((p) => !p.column && !p.required).forEach((p) => rest.appendChild(el('li', { text: p.text })));
  }

  async function checkPlan() {
    say('plan-result', 'Checking…');
    try {
      const r = await api('POST', 'plan', withPassword({ job: buildJob(), file: jobFile() }));
      S.problems = r.problems || [];
      renderMapping();
      $('plan-lines').textContent = (r.lines || []).join('\n');
      say('plan-result', r.ok ? 'The plan is good: every mapping checked against the source and the fields' : S.problems.length + ' problem(s); each is shown on its row', r.ok);
    } catch (e) { say('plan-result', e.message, false); }
  }

  // ---- 5. Preview ----
  async function preview() {
    say('preview-result', 'Running a dry run…');
    $('preview-requests-out').textContent = '';
    try {
      const r = await api('POST', 'preview', withPassword({ job: buildJob(), file: jobFile() }));
      if (!r.ok) { say('preview-result', r.problems.map((p) => p.text).join(' | '), false); return; }
      $('preview-requests-out').textContent = r.requests;
      say('preview-result', r.summary + '; ' + r.requestCount + ' request(s)' + (r.requestCount > 20 ? ', the first 20 shown' : ''), true);
    } catch (e) { say('preview-result', e.message, false); }
  }

  async function validateRows() {
    say('validate-result', 'Validating with the service…');
    const t = $('validate-table');
    t.innerHTML = '';
    try {
      const r = await api('POST', 'validate', withPassword({ job: buildJob(), file: jobFile(), rows: Number(val('validate-rows') || 10) }));
      if (!r.ok) { say('validate-result', r.problems.map((p) => p.text).join(' | '), false); return; }
      t.appendChild(el('caption', { text: 'Each row\'s verdict (nothing was saved)' }));
      t.appendChild(el('tr', {}, ['Row', 'Key', 'Verdict', 'Reason'].map((h) => el('th', { scope: 'col', text: h }))));
      r.rows.sort((a, b) => a.row - b.row).forEach((x) => t.appendChild(el('tr', { class: x.verdict === 'rejected' ? 'bad' : null, 'data-row': String(x.row) },
        [el('td', { text: String(x.row) }), el('td', { text: x.key || '' }), el('td', { text: x.verdict }), el('td', { class: x.reason ? 'problem' : null, text: x.reason || '' })])));
      say('validate-result', r.summary, true);
    } catch (e) { say('validate-result', e.message, false); }
  }

  // ---- 6. Run ----
  async function run() {
    say('run-progress', 'Starting…');
    $('run-summary').textContent = '';
    try {
      const r = await api('POST', 'run', withPassword({ job: buildJob(), file: jobFile() }));
      if (r.problems) { say('run-progress', r.problems.map((p) => p.text).join(' | '), false); return; }
      poll();
    } catch (e) { say('run-progress', e.message, false); }
  }

  async function poll() {
    clearTimeout(S.poll);
    let r;
    try { r = await api('GET', 'run'); } catch (e) { say('run-progress', e.message, false); return; }
    if (r.state === 'idle') return;
    const c = r.counts;
    say('run-progress', (r.state === 'running' ? 'Running: ' : 'Finished: ') + 'read ' + c.read + ', written ' + c.written + ', rejected ' + c.rejected +
      ', skipped ' + c.skipped + ', retries ' + c.retries + ', throttled ' + c.throttled + ' in ' + c.seconds + ' s (' + c.rowsPerSecond + ' rows/s)' +
      (c.paced !== 'no' ? ', paced ' + c.paced : '') + (r.waiting ? ', waiting ' + r.waiting : ''), r.state === 'running' ? undefined : r.state === 'done');
    figures(c);
    const summary = $('run-summary');
    summary.textContent = r.summary ? r.summary + (r.journal ? '. Journal: ' + r.journal + ' (a second run resumes from it)' : '') :
      r.problems ? r.problems.map((p) => p.text).join(' | ') : '';
    summary.dataset.state = r.state;
    $('rejects-download').hidden = !r.rejectsFile;
    const t = $('rejects-table');
    t.innerHTML = '';
    if (r.rejects.length) {
      t.appendChild(el('caption', { text: 'Rejected rows and their reasons' }));
      t.appendChild(el('tr', {}, ['Row', 'Key', 'Reason'].map((h) => el('th', { scope: 'col', text: h }))));
      r.rejects.forEach((x) => t.appendChild(el('tr', {}, [el('td', { text: String(x.row) }), el('td', { text: x.key || '' }), el('td', { text: x.reason || '' })])));
    }
    if (r.state === 'running') S.poll = setTimeout(poll, 500);
  }

  // The run's figures, each on its own: what retries, throttling and pacing cost stays visible.
  const FIGURES = [['read', 'Read'], ['written', 'Written'], ['rejected', 'Rejected'], ['skipped', 'Skipped'],
    ['retries', 'Retries'], ['throttled', 'Throttled'], ['paced', 'Paced'], ['rowsPerSecond', 'Rows/s'], ['seconds', 'Seconds']];
  function figures(c) {
    const dl = $('run-figures');
    dl.innerHTML = '';
    FIGURES.forEach(([k, label]) => dl.appendChild(el('div', { 'data-figure': k }, [el('dt', { text: label }), el('dd', { text: String(c[k]) })])));
  }

  // ---- 7. Job file ----
  async function saveJob() {
    try {
      const r = await api('POST', 'job/save', withPassword({ job: buildJob(), file: jobFile() }));
      $('job-yaml').textContent = r.yaml;
      say('job-result', 'Saved ' + r.path + (r.ok ? '; run it with: azdo run ' + r.file : '; ' + r.problems.map((p) => p.text).join(' | ')), r.ok);
      listJobs();
    } catch (e) { say('job-result', e.message, false); }
  }

  async function listJobs() {
    try {
      const r = await api('GET', 'job/files');
      const sel = $('job-load');
      sel.innerHTML = '';
      r.files.forEach((f) => sel.appendChild(el('option', { value: f, text: f })));
    } catch (e) { say('job-result', e.message, false); }
  }

  async function loadJob() {
    const name = val('job-load');
    if (!name) return;
    try {
      const r = await api('GET', 'job/load?file=' + encodeURIComponent(name));
      $('job-name').value = r.file;
      // A job naming the built-in emulator connects to it (over the same data folder).
      if (r.emulator) await useEmulator();
      applyJob(r.job);
      await previewSource();
      await refreshMetadata();
      renderMapping();
      say('job-result', 'Loaded ' + r.file, true);
    } catch (e) { say('job-result', e.message, false); }
  }

  function init(state, tools) {
    S = state; api = tools.api; say = tools.say; el = tools.el; field = tools.field; $ = tools.$; useEmulator = tools.useEmulator;
    keys('source').filter((k) => !OWN_SOURCE[k.name]).forEach((k) => $('source-options').appendChild(field('j-source-', k)));
    keys('options').filter((k) => SKIPPED_OPTIONS.indexOf(k.name) < 0).forEach((k) => $('endpoint-options').appendChild(field('j-options-', k)));
    const more = $('mapping-more');
    keys('top').filter((k) => HANDLED_TOP.indexOf(k.name) < 0).forEach((k) => more.appendChild(field('j-top-', k)));
    const sel = $('endpoint');
    S.schema.endpoints.forEach((e) => sel.appendChild(el('option', { value: e.name, text: e.name, selected: e.name === 'create-workitem' })));
    sel.addEventListener('change', describeEndpoint);
    describeEndpoint();
    $('source-upload').addEventListener('change', upload);
    $('source-kind').addEventListener('change', showKind);
    $('source-preview').addEventListener('click', previewSource);
    // A new sheet or header row changes the columns: the preview follows.
    $('source-sheet').addEventListener('change', previewSource);
    $('source-header-row').addEventListener('change', previewSource);
    $('refresh-metadata').addEventListener('click', () => refreshMetadata(true));
    $('wit-type').addEventListener('change', () => { S.wantedType = val('wit-type'); refreshMetadata(); });
    $('auto-map').addEventListener('click', autoMap);
    $('check-plan').addEventListener('click', checkPlan);
    $('preview-requests').addEventListener('click', preview);
    $('validate-rows-run').addEventListener('click', validateRows);
    $('run-import').addEventListener('click', run);
    $('save-job').addEventListener('click', saveJob);
    $('load-job').addEventListener('click', loadJob);
    $('rejects-download').setAttribute('href', '/api/run/rejects');
    poll();
  }

  return { init: init, refreshMetadata: refreshMetadata, renderMapping: renderMapping, listJobs: listJobs };
})();
