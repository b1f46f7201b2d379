'use strict';
// The designer page: plain script, no framework. Every call goes to this server's /api/ with the
// token cookie the first load set; forms are built from the server's schema (the typed settings).
(function () {
  const $ = (id) => document.getElementById(id);
  const state = { schema: null, columns: [], rows: [], fields: [], types: [], mapping: {}, problems: [], poll: null };

  if (location.search.indexOf('token=') >= 0) {
    // The cookie now carries the token; keep it out of the address bar and history.
    history.replaceState(null, '', '/');
  }

  async function api(method, path, body, raw) {
    const opts = { method: method, headers: {}, credentials: 'same-origin' };
    if (raw !== undefined) { opts.body = raw; opts.headers['Content-Type'] = 'application/octet-stream'; }
    else if (body !== undefined) { opts.body = JSON.stringify(body); opts.headers['Content-Type'] = 'application/json'; }
    const r = await fetch('/api/' + path, opts);
    const data = await r.json();
    if (!r.ok) { throw new Error(data.error || ('HTTP ' + r.status)); }
    return data;
  }

  function say(id, text, ok) {
    const el = $(id);
    el.textContent = text;
    el.classList.toggle('ok', ok === true);
    el.classList.toggle('bad', ok === false);
  }

  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === undefined || v === null || v === false) return;
      if (k === 'text') e.textContent = v; else e.setAttribute(k, v === true ? '' : v);
    });
    (children || []).forEach((c) => e.appendChild(c));
    return e;
  }

  // One form field from a setting's definition: a select for choices and booleans, else an input.
  function field(prefix, def, value) {
    const id = prefix + def.name;
    const label = el('label', { for: id, text: def.label || def.yaml || def.name });
    let input;
    const choices = def.choices && def.choices.length ? def.choices : def.type === 'BOOLEAN' ? ['true', 'false'] : null;
    if (choices) {
      input = el('select', { id: id, name: def.name });
      input.appendChild(el('option', { value: '', text: def.default !== undefined ? '(default: ' + def.default + ')' : '(not set)' }));
      choices.forEach((c) => input.appendChild(el('option', { value: c, text: c })));
    } else {
      input = el('input', { id: id, name: def.name, type: def.secret ? 'password' : 'text',
        placeholder: def.default !== undefined && def.default !== '' ? def.default : null,
        autocomplete: def.secret ? 'new-password' : 'off' });
    }
    input.setAttribute('aria-describedby', id + '-doc');
    if (value !== undefined) input.value = value;
    const wrap = el('div', { class: 'field', 'data-auth': (def.auth || []).join(' ') }, [label, input,
      el('small', { id: id + '-doc', text: def.doc + (def.type === 'LIST' ? ' (comma-separated)' : '') })]);
    return wrap;
  }

  // ---- steps ----
  function show(step) {
    document.querySelectorAll('.step').forEach((s) => { s.hidden = s.id !== 'step-' + step; });
    document.querySelectorAll('#steps button').forEach((b) => {
      if (b.dataset.step === step) b.setAttribute('aria-current', 'step'); else b.removeAttribute('aria-current');
    });
    const steps = window.DesignerSteps;
    if (step === 'endpoint' && !state.types.length) steps.refreshMetadata();
    if (step === 'mapping') { if (!state.types.length) steps.refreshMetadata().then(steps.renderMapping); else steps.renderMapping(); }
    if (step === 'jobfile') steps.listJobs();
  }
  document.querySelectorAll('#steps button').forEach((b) => b.addEventListener('click', () => show(b.dataset.step)));

  // ---- 1. Connection ----
  function connectionValues() {
    const values = {};
    state.schema.connection.forEach((d) => {
      const input = $('c-' + d.name);
      const wrap = input.closest('.field');
      if (input.value.trim() !== '' && !wrap.hidden) values[d.name] = input.value.trim();
    });
    return { profile: $('profile').value.trim(), values: values };
  }

  function applyAuth() {
    const auth = ($('c-auth').value || 'pat').toLowerCase();
    document.querySelectorAll('#connection-form .field[data-auth]').forEach((f) => {
      const methods = f.dataset.auth.trim();
      f.hidden = methods !== '' && methods.split(' ').indexOf(auth) < 0;
    });
    $('generate-token').hidden = auth !== 'oauth';
  }

  // Generate Token: the server hands out the sign-in URL (with a single-use state) and receives
  // the redirect itself; this page only polls for who signed in, never for a token.
  async function generateToken() {
    // Opened in the click itself, so no popup blocker takes it; pointed at the service below.
    const win = window.open('', 'azdo-signin', 'width=640,height=720');
    say('connection-result', 'Starting the sign-in…');
    try {
      const r = await api('POST', 'connection/signin', connectionValues());
      if (!r.url) { say('connection-result', r.line, false); if (win) win.close(); return; }
      clearSecrets();
      status();
      if (win) win.location.href = r.url; else window.location.href = r.url;
      say('connection-result', 'Sign in in the window that opened…');
      const deadline = Date.now() + 10 * 60 * 1000;
      while (Date.now() < deadline) {
        await new Promise((done) => setTimeout(done, 500));
        const s = await api('GET', 'connection/signin');
        if (s.state === 'waiting') continue;
        say('connection-result', s.line, s.ok);
        if (s.state === 'signed-in') {
          // The profile now names its token file: load it into the form before testing with it.
          await loadConnection();
          await testConnection();
          say('connection-result', s.line + ' — ' + $('connection-result').textContent, s.ok);
        }
        return;
      }
      say('connection-result', 'sign-in failed: no answer from the sign-in window within 10 minutes', false);
    } catch (e) { say('connection-result', e.message, false); if (win && !win.closed) win.close(); }
  }

  function fillProjects(projects, chosen) {
    const sel = $('default-project');
    sel.innerHTML = '';
    sel.appendChild(el('option', { value: '', text: projects.length ? '(choose a project)' : '(no projects)' }));
    projects.forEach((p) => sel.appendChild(el('option', { value: p, text: p, selected: p === chosen })));
  }

  async function testConnection() {
    say('connection-result', 'Testing…');
    try {
      const r = await api('POST', 'connection/test', connectionValues());
      say('connection-result', r.line, r.ok);
      fillProjects(r.projects || [], r.project || $('c-project').value);
      clearSecrets();
      status();
    } catch (e) { say('connection-result', e.message, false); }
  }

  async function saveConnection() {
    try {
      const r = await api('POST', 'connection', connectionValues());
      if (r.errors) say('connection-result', r.errors.join('; '), false); else say('connection-result', r.message, true);
      clearSecrets();
      status();
    } catch (e) { say('connection-result', e.message, false); }
  }

  // Typed secrets were saved to the profile store; the page keeps none of them.
  function clearSecrets() {
    state.schema.connection.filter((d) => d.secret).forEach((d) => {
      const i = $('c-' + d.name);
      if (i.value) { i.value = ''; i.placeholder = '(saved in the profile store)'; }
    });
  }

  async function loadConnection() {
    const c = await api('GET', 'connection');
    $('profile').value = c.profile;
    state.schema.connection.forEach((d) => {
      const i = $('c-' + d.name);
      if (d.secret) { i.value = ''; if (c.secrets[d.name]) i.placeholder = c.secrets[d.name] === '(saved)' ? '(saved in the profile store)' : c.secrets[d.name]; }
      else i.value = c.values[d.name] || '';
    });
    applyAuth();
    return c;
  }

  async function useEmulator() {
    say('connection-result', 'Starting the built-in emulator…');
    try {
      const r = await api('POST', 'connection/emulator');
      await loadConnection();
      say('connection-result', r.line, r.ok);
      fillProjects(r.projects || [], r.project);
      status();
    } catch (e) { say('connection-result', e.message, false); }
  }

  $('default-project').addEventListener('change', async () => {
    $('c-project').value = $('default-project').value;
    $('status').textContent = 'Saving…';
    state.types = [];
    await saveConnection();
  });
  $('test-connection').addEventListener('click', testConnection);
  $('generate-token').addEventListener('click', generateToken);
  $('save-connection').addEventListener('click', saveConnection);
  $('use-emulator').addEventListener('click', useEmulator);

  function status() {
    const p = $('profile').value;
    const project = $('c-project') ? $('c-project').value : '';
    $('status').textContent = 'Profile ' + p + (project ? ', project ' + project : '');
  }

  // ---- start ----
  async function start() {
    state.schema = await api('GET', 'schema');
    const groups = { basic: 'conn-basic', 'sign-in': 'conn-sign-in', retry: 'conn-retry', security: 'conn-security', advanced: 'conn-advanced' };
    state.schema.connection.forEach((d) => $(groups[d.group]).appendChild(field('c-', d)));
    $('c-auth').addEventListener('change', applyAuth);
    $('use-emulator').hidden = !state.schema.emulator;
    window.DesignerSteps.init(state, { api, say, el, field, show, $, useEmulator });
    await loadConnection();
    status();
    show('connection');
    document.body.dataset.ready = 'true';
  }
  start().catch((e) => say('status', e.message, false));
})();
