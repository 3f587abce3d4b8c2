// gongwen workbench: edits the content file through the server (which changes the
// TOML text where each value stands and compiles it) and draws the pages it sends.
'use strict';

const token = new URLSearchParams(location.search).get('t') || '';
const session = (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2));
const $ = (sel, el = document) => el.querySelector(sel);
const $$ = (sel, el = document) => [...el.querySelectorAll(sel)];

let state = null;       // the server's last answer
let shape = '';         // the form's structure as last drawn
let queue = [];         // edits waiting to be sent
let sending = false;
let typing = null;      // debounce timer of typed edits

// ---- talking to the server ----

async function api(path, body, raw) {
  const opt = { method: body === undefined && !raw ? 'GET' : 'POST', headers: { 'X-Gongwen-Token': token } };
  if (raw) opt.body = raw;
  else if (body !== undefined) { opt.body = JSON.stringify(body); opt.headers['Content-Type'] = 'application/json'; }
  const res = await fetch(path, opt);
  const data = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new Error(data.error || res.statusText);
  return data;
}

function status(text, error) {
  const el = $('#status');
  el.textContent = text;
  el.classList.toggle('error', !!error);
}

// edit queues a change and sends it after a pause in typing (now for clicks).
function edit(change, now) {
  const set = change.set || [];
  // a later value of the same field replaces the waiting one
  for (const q of queue) if (q.set) q.set = q.set.filter(s => !set.some(n => n.path === s.path));
  if (change.source !== undefined) queue = queue.filter(q => q.source === undefined);
  queue.push(change);
  clearTimeout(typing);
  if (now) flush(); else typing = setTimeout(flush, 250);
}

async function flush() {
  if (sending || !queue.length) return;
  sending = true;
  const batch = queue.shift();
  batch.session = session;
  status('正在排版…');
  const t0 = performance.now();
  try {
    const st = await api('/api/edit', batch);
    apply(st);
    status(statusText(st) + `（${Math.round(performance.now() - t0)} 毫秒）`);
  } catch (e) {
    status(e.message, true);
  } finally {
    sending = false;
    if (queue.length) flush();
  }
}

function statusText(st) {
  const errors = st.diagnostics.filter(d => d.severity === 'error').length;
  const saved = st.saved ? '已保存' : '未保存';
  if (st.failed) return `${saved}；有 ${errors} 处错误，改正后页面才会更新`;
  return `${saved}；共 ${st.pages} 页` + (errors ? `；${errors} 处要改（见“问题”）` : '');
}

// ---- the state ----

function apply(st) {
  st.diagnostics = st.diagnostics || [];
  state = st;
  const open = !!st.file;
  $('#work').hidden = !open;
  $('#start').hidden = open;
  for (const b of ['#btn-save', '#btn-build', '#btn-print']) $(b).hidden = !open;
  $('#docname').textContent = open ? st.file + (st.saved ? '' : ' *') : '';
  document.title = open ? `${st.file} — gongwen` : 'gongwen 公文工作台';
  if (!open) { drawStart(st); return; }
  const src = $('#source');
  if (document.activeElement !== src && src.value !== st.source) { src.value = st.source; gutter(); }
  if (st.form) {
    const s = formShape(st.form, st.layout);
    if (s !== shape) { drawForm(st.form); shape = s; } else updateForm(st.form);
  }
  drawProblems(st.diagnostics);
  if (st.preview) drawPages(st.preview);
  $('#stale').hidden = !st.failed;
  $('#pages').classList.toggle('stale', st.failed);
  $('#pagecount').textContent = st.pages ? `共 ${st.pages} 页` : '';
}

function formShape(f, layout) {
  const secs = s => s.map(x => x.path + (x.runIn ? '*' : '') + '(' + secs(x.sections || []) + ')').join();
  return [layout, secs(f.sections || []), (f.counts || []).map(c => c.name).join(), (f.attachments || []).length,
    (f.tables || []).map(t => t.rows).join(), !!f.attendance].join('|');
}

// ---- the start page ----

function drawStart(st) {
  $('#dir').textContent = st.dir;
  const list = $('#filelist');
  list.replaceChildren();
  for (const f of st.files) {
    const li = document.createElement('li');
    const kind = f.toLowerCase().endsWith('.toml') ? '内容文件' : '导入';
    li.innerHTML = `<span></span><span class="kind">${kind}</span>`;
    li.firstChild.textContent = f;
    li.onclick = () => f.toLowerCase().endsWith('.toml') ? openFile(f) : importLocal(f);
    list.append(li);
  }
  if (!st.files.length) list.innerHTML = '<li class="muted">（没有 .toml、.docx、.doc、.wps 或 .txt 文件）</li>';
  const sel = $('#new-preset');
  if (!sel.options.length) {
    for (const p of st.presets) sel.add(new Option(`${p.name}：${p.description}`, p.name));
    sel.value = 'report';
  }
}

async function openFile(name) {
  try { apply(await api('/api/open', { file: name })); await fullPreview(); }
  catch (e) { status(e.message, true); }
}

// ---- the form ----

// Top-level fields: [key, label, kind, hint]. kind: line, text (several lines),
// list (one item a line), date, issuer (one organ, or several a line).
const groups = [
  ['版头', ['copy_no', '份号', 'line', '6位数字，如 000123'], ['secrecy', '密级和保密期限', 'line', '如 机密★1年'],
    ['urgency', '紧急程度', 'line', '特急 或 加急'], ['issuer', '发文机关', 'issuer', '联合行文时每行一个机关'],
    ['issue', '期号', 'line', '纪要：如 第1期', 'minutes'], ['number', '发文字号', 'line', '如 X政办发〔2024〕3号'],
    ['signers', '签发人', 'list', '上行文：每行一人', 'request']],
  ['标题', ['title', '标题', 'text', '回车处回行'], ['recipient', '主送机关', 'line', '末尾用全角冒号']],
  ['开头', ['text', '开头的正文', 'text', '空一行分段；{名称} 引用计数']],
  ['OUTLINE'],
  ['ATTACHMENTS'],
  ['署名和日期', ['author', '署名', 'line'], ['authors', '联署机关', 'list', '联合行文：每行一个'],
    ['date', '成文日期', 'date'], ['seal', '印章图片', 'line', '同一文件夹中的 PNG 文件名'], ['note', '附注', 'line', '自动加圆括号']],
  ['ATTENDANCE'],
  ['版记', ['cc', '抄送', 'list', '每行一个机关'], ['printer', '印发机关', 'line'], ['print_date', '印发日期', 'date']],
  ['COUNTS'],
  ['TABLES'],
  ['LAYOUT'],
];

function drawForm(f) {
  const root = $('#tab-doc');
  const focused = document.activeElement && document.activeElement.dataset.path;
  root.replaceChildren();
  root.append(unplacedBox());
  for (const [legend, ...fields] of groups) {
    if (legend === 'OUTLINE') { root.append(outlineBox(f)); continue; }
    if (legend === 'ATTACHMENTS') { root.append(attachmentBox(f)); continue; }
    if (legend === 'ATTENDANCE') { if (f.attendance || state.layout === 'minutes') root.append(attendanceBox(f)); continue; }
    if (legend === 'COUNTS') { root.append(countBox(f)); continue; }
    if (legend === 'TABLES') { if ((f.tables || []).length) root.append(tableBox(f)); continue; }
    if (legend === 'LAYOUT') { root.append(layoutBox()); continue; }
    if (legend === '版头' && state.layout === 'report' && !fields.some(([k]) => f.fields[k] !== undefined)) continue;
    if (legend === '版记' && state.layout === 'report' && !fields.some(([k]) => f.fields[k] !== undefined)) continue;
    const fs = fieldset(legend);
    for (const [key, label, kind, hint, only] of fields) {
      // a field of one kind of document only (期号 of a 纪要, 签发人 of an 上行文), unless written
      if (only && state.layout !== only && f.fields[key] === undefined) continue;
      fs.append(fieldRow(key, label, kind, hint, f.fields[key]));
    }
    root.append(fs);
  }
  drawMessages();
  if (focused) { const el = $(`[data-path="${CSS.escape(focused)}"]`); if (el) el.focus(); }
}

function fieldset(legend) {
  const fs = document.createElement('fieldset');
  fs.innerHTML = '<legend></legend>';
  fs.firstChild.textContent = legend;
  return fs;
}

function unplacedBox() {
  const d = document.createElement('div');
  d.id = 'unplaced';
  return d;
}

// fieldRow is a labelled input for a top-level (or any) path.
function fieldRow(path, label, kind, hint, value) {
  const row = document.createElement('div');
  row.className = 'field' + (kind === 'text' ? ' wide' : '');
  const id = 'f-' + path.replace(/[^\w]/g, '_');
  row.innerHTML = `<label for="${id}"></label>`;
  row.firstChild.textContent = label;
  const el = input(path, kind, value);
  el.id = id;
  row.append(el);
  if (hint) { const h = document.createElement('div'); h.className = 'hint'; h.textContent = hint; row.append(h); }
  return row;
}

function input(path, kind, value) {
  let el;
  if (kind === 'text' || kind === 'list' || kind === 'issuer') {
    el = document.createElement('textarea');
    el.rows = kind === 'text' ? Math.max(2, Math.min(12, String(value || '').split('\n').length + 1)) : 2;
  } else {
    el = document.createElement('input');
    el.type = kind === 'date' ? 'date' : 'text';
  }
  el.dataset.path = path;
  el.dataset.kind = kind;
  setValue(el, value);
  el.addEventListener('input', () => edit(change(el)));
  if (kind === 'text') attachCompletion(el);
  return el;
}

function setValue(el, value) {
  if (value === undefined || value === null) value = '';
  el.value = Array.isArray(value) ? value.join('\n') : String(value);
}

// change turns an input's value into the edit of its path.
function change(el) {
  const path = el.dataset.path, kind = el.dataset.kind, v = el.value;
  if (v.trim() === '' && kind !== 'text' && kind !== 'heading') return { remove: [path], set: [] };
  switch (kind) {
    case 'date': return { set: [{ path, value: { kind: 'date', text: v } }] };
    case 'number': return { set: [{ path, value: { kind: 'number', text: v.trim() } }] };
    case 'list': return { set: [{ path, value: { kind: 'list', list: lines(v) } }] };
    case 'issuer': {
      const l = lines(v);
      return { set: [{ path, value: l.length > 1 ? { kind: 'list', list: l } : { kind: 'string', text: l[0] || '' } }] };
    }
    default: return { set: [{ path, value: { kind: 'string', text: v } }] };
  }
}

const lines = v => v.split('\n').map(s => s.trim()).filter(Boolean);

function updateForm(f) {
  for (const el of $$('#tab-doc [data-path]')) {
    if (el === document.activeElement || el.type === 'checkbox') continue;
    const v = valueAt(f, el.dataset.path);
    if (v !== undefined) setValue(el, v); else if (!el.dataset.path.includes('.')) setValue(el, '');
  }
  for (const el of $$('#tab-doc [data-number]')) {
    const s = findSection(f.sections, el.dataset.number);
    if (s) el.textContent = s.number || '';
  }
  drawMessages();
}

// valueAt finds the value of a path in the form.
function valueAt(f, path) {
  if (path in f.fields) return f.fields[path];
  let m = path.match(/^(section.*\])\.(heading|lead|text)$/);
  if (m) { const s = findSection(f.sections, m[1]); return s && (m[2] === 'text' ? s.text : s.heading); }
  m = path.match(/^attachment\[(\d+)\]\.(title|text)$/);
  if (m) { const a = f.attachments[+m[1]]; return a && a[m[2]]; }
  m = path.match(/^table\[(\d+)\]\.(title|unit|counts)$/);
  if (m) { const t = f.tables[+m[1]]; return t && (m[2] === 'counts' ? (Array.isArray(t.counts) ? t.counts : []) : t[m[2]]); }
  m = path.match(/^attendance\.(\w+)$/);
  if (m) return f.attendance && f.attendance[m[1]];
  m = path.match(/^counts\.(.+)\.(value|unit|label|category)$/);
  if (m) { const c = f.counts.find(c => countPath(c.name) === 'counts.' + m[1]); return c && c[m[2]]; }
  return undefined;
}

function findSection(list, path) {
  for (const s of list || []) {
    if (s.path === path) return s;
    const t = findSection(s.sections, path);
    if (t) return t;
  }
  return null;
}

// ---- the outline of the text ----

function outlineBox(f) {
  const fs = fieldset('正文（标题序号自动编排）');
  fs.append(outlineList(f.sections || [], 1));
  const add = document.createElement('button');
  add.type = 'button';
  add.textContent = '+ 添加一级标题';
  add.onclick = () => {
    const last = (f.sections || []).at(-1);
    if (last) edit({ section: { path: last.path, op: 'add' } }, true);
    else edit({ source: state.source.replace(/\n*$/, '\n\n[[section]]\nheading = "新标题"\ntext = """\n在这里写正文。\n"""\n') }, true);
  };
  fs.append(add);
  return fs;
}

function outlineList(sections, depth) {
  const ul = document.createElement('ul');
  ul.className = 'outline';
  for (const s of sections) {
    const li = document.createElement('li');
    const box = document.createElement('div');
    box.className = 'section';
    box.dataset.section = s.path;
    const head = document.createElement('div');
    head.className = 'head';
    const num = document.createElement('span');
    num.className = 'num';
    num.dataset.number = s.path;
    num.textContent = s.number || '';
    const h = input(s.path + (s.runIn ? '.lead' : '.heading'), 'heading', s.heading);
    h.type = 'text';
    h.setAttribute('aria-label', '标题');
    const runin = document.createElement('label');
    runin.className = 'runin';
    runin.innerHTML = '<input type="checkbox"> 段首标题';
    const cb = runin.firstChild;
    cb.checked = s.runIn;
    cb.title = '段首标题与正文排在同一段，以句号结尾';
    cb.onchange = () => {
      let text = h.value.trim();
      text = cb.checked ? (/[。！？]$/.test(text) ? text : text + '。') : text.replace(/。$/, '');
      const from = s.path + (s.runIn ? '.lead' : '.heading'), to = s.path + (cb.checked ? '.lead' : '.heading');
      edit({ remove: [from], set: [{ path: to, value: { kind: 'string', text } }] }, true);
    };
    head.append(num, h, runin);
    const tools = document.createElement('div');
    tools.className = 'tools';
    for (const [op, label, title] of [['up', '↑', '上移'], ['down', '↓', '下移'], ['indent', '降级 →', '变成上一个标题的下级'],
      ['outdent', '← 升级', '变成上一级'], ['add', '+ 同级', '在后面添加同级标题'], ['child', '+ 下级', '添加下级标题'], ['delete', '删除', '删除这个标题和它的正文、下级标题']]) {
      if (op === 'child' && depth >= 4) continue;
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'small';
      b.textContent = label;
      b.title = title;
      b.dataset.op = op;
      b.onclick = () => {
        if (op === 'delete' && !confirm(`删除“${s.number}${s.heading}”和它下面的全部内容？`)) return;
        edit({ section: { path: s.path, op } }, true);
      };
      tools.append(b);
    }
    const text = input(s.path + '.text', 'text', s.text);
    text.setAttribute('aria-label', '正文');
    text.placeholder = '正文：空一行分段；{名称} 引用计数';
    box.append(head, tools, text);
    if (s.tables) {
      const t = document.createElement('div');
      t.className = 'tables';
      t.textContent = `（这一节有 ${s.tables} 张表格，在“源文件”中修改）`;
      box.append(t);
    }
    li.append(box);
    if (s.sections && s.sections.length) li.append(outlineList(s.sections, depth + 1));
    ul.append(li);
  }
  return ul;
}

// ---- attachments, attendance, counts, layout ----

function attachmentBox(f) {
  const fs = fieldset('附件（文末自动排附件说明）');
  (f.attachments || []).forEach((a, i) => {
    fs.append(fieldRow(`attachment[${i}].title`, `附件${(f.attachments.length > 1) ? i + 1 : ''} 名称`, 'line', '', a.title));
    fs.append(fieldRow(`attachment[${i}].text`, '附件正文', 'text', '有正文的附件另起一页印在文后；空着表示另行印发', a.text));
  });
  if (!(f.attachments || []).length) {
    const p = document.createElement('p');
    p.className = 'help';
    p.textContent = '没有附件。需要附件时在“源文件”中加入 [[attachment]]（见 init 生成的说明）。';
    fs.append(p);
  }
  return fs;
}

function attendanceBox(f) {
  const fs = fieldset('出席、请假、列席（纪要）');
  const a = f.attendance || {};
  fs.append(fieldRow('attendance.present', '出席', 'list', '每行一人：单位 + 姓名', a.present));
  fs.append(fieldRow('attendance.absent', '请假', 'list', '', a.absent));
  fs.append(fieldRow('attendance.observers', '列席', 'list', '', a.observers));
  return fs;
}

// countPath is the path of a count as the server writes paths: a key quoted only
// when it holds a character that a path uses.
function countPath(name) {
  return 'counts.' + (name === '' || /[.\[\]"' \t=#]/.test(name) ? JSON.stringify(name) : name);
}

function countBox(f) {
  const fs = fieldset('计数（正文中写 {名称} 引用，数字处处一致）');
  const t = document.createElement('table');
  t.className = 'counts';
  t.innerHTML = '<thead><tr><th>名称</th><th>数值</th><th>单位</th><th>余</th><th>表格中的名称</th><th>类别</th></tr></thead><tbody></tbody>';
  for (const c of f.counts || []) {
    const tr = document.createElement('tr');
    const base = countPath(c.name);
    const name = document.createElement('td');
    name.textContent = c.name;
    tr.append(name);
    const cell = (key, kind, cls, value) => {
      const td = document.createElement('td');
      if (cls) td.className = cls;
      const el = input(c.inline ? `${base}.${key}` : base, kind, value);
      el.type = 'text';
      td.append(el);
      tr.append(td);
    };
    cell('value', 'number', 'num', c.value);
    if (c.inline) {
      cell('unit', 'line', 'unit', c.unit);
      const td = document.createElement('td');
      const cb = document.createElement('input');
      cb.type = 'checkbox';
      cb.checked = c.approx;
      cb.title = '约数：印作“100余次”';
      cb.onchange = () => edit({ set: [{ path: `${base}.more`, value: { kind: 'bool', text: String(cb.checked) } }] }, true);
      td.append(cb);
      tr.append(td);
      cell('label', 'line', '', c.label);
      cell('category', 'line', '', c.category);
    }
    t.tBodies[0].append(tr);
  }
  fs.append(t);
  const add = document.createElement('div');
  add.className = 'field';
  add.innerHTML = '<label>新计数</label><div><input type="text" placeholder="名称，如 学习" size="8"> <input type="text" placeholder="数值" size="5"> <input type="text" placeholder="单位" size="3"> <button type="button" class="small">添加</button></div>';
  const [n, v, u] = $$('input', add);
  $('button', add).onclick = () => {
    if (!n.value.trim() || !/^\d+(\.\d+)?$/.test(v.value.trim())) { status('新计数要有名称和数值（如 9）', true); return; }
    edit({ set: [{ path: countPath(n.value.trim()), value: { kind: 'table', fields: [
      { key: 'value', value: { kind: 'number', text: v.value.trim() } },
      { key: 'unit', value: { kind: 'string', text: u.value.trim() } }] } }] }, true);
  };
  fs.append(add);
  return fs;
}

// tableBox edits the options of each 附表 of counts.
function tableBox(f) {
  const fs = fieldset('附表（数字取自计数，与正文一致）');
  f.tables.forEach((t, i) => {
    const n = f.tables.length > 1 ? i + 1 : '';
    fs.append(fieldRow(`${t.path}.title`, `附表${n} 标题`, 'line', '', t.title));
    if (t.rows) {
      const p = document.createElement('p');
      p.className = 'help';
      p.textContent = '这张表逐格写出（rows），在“源文件”中修改。';
      fs.append(p);
      return;
    }
    const which = Array.isArray(t.counts) ? t.counts : [];
    fs.append(fieldRow(`${t.path}.counts`, '列出的计数', 'list', t.counts === 'all' ? '全部计数（counts = "all"）；或每行写一个计数名称' : '每行一个计数名称', which));
    fs.append(fieldRow(`${t.path}.unit`, '单位', 'line', '只列这个单位的计数，表上方印“单位：…”', t.unit));
    const row = document.createElement('div');
    row.className = 'field';
    row.innerHTML = '<label>合计</label><label class="runin"><input type="checkbox"> 由程序计算“合计”一行</label>';
    const cb = $('input', row);
    cb.dataset.path = `${t.path}.total`;
    cb.checked = t.total;
    cb.onchange = () => edit({ set: [{ path: cb.dataset.path, value: { kind: 'bool', text: String(cb.checked) } }] }, true);
    fs.append(row);
  });
  return fs;
}

function layoutBox() {
  const fs = fieldset('版式');
  const row = document.createElement('div');
  row.className = 'field';
  row.innerHTML = '<label>版式</label>';
  const sel = document.createElement('select');
  sel.dataset.path = 'layout';
  sel.dataset.kind = 'line';
  for (const p of state.presets) sel.add(new Option(`${p.name}：${p.description}`, p.name));
  sel.value = state.form.fields.layout || 'report';
  sel.onchange = () => edit(change(sel), true);
  row.append(sel);
  fs.append(row);
  return fs;
}

// ---- messages at their fields ----

// fieldOf finds the input for a diagnostic's field: the field itself, or the nearest
// enclosing one (section[0].section[1] → its heading).
function fieldOf(path) {
  if (!path) return null;
  let p = path;
  while (p) {
    const el = $(`#tab-doc [data-path="${CSS.escape(p)}"]`) ||
      $(`#tab-doc [data-path="${CSS.escape(p + '.heading')}"]`) || $(`#tab-doc [data-path="${CSS.escape(p + '.lead')}"]`);
    if (el) return el;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return null;
}

function drawMessages() {
  $$('#tab-doc .msg').forEach(m => m.remove());
  const unplaced = $('#unplaced');
  if (!state) return;
  for (const d of state.diagnostics) {
    const m = document.createElement('div');
    m.className = 'msg ' + d.severity;
    m.innerHTML = '<b></b><span></span>';
    m.firstChild.textContent = d.msg;
    if (d.hint) m.lastChild.textContent = '　' + d.hint;
    const el = fieldOf(d.field);
    if (el) {
      const holder = el.closest('.field, .section');
      (holder || el.parentElement).append(m);
    } else if (unplaced) {
      if (d.line) m.firstChild.textContent = `第 ${d.line} 行：` + d.msg;
      unplaced.append(m);
    }
  }
}

function drawProblems(diags) {
  const ul = $('#problems');
  ul.replaceChildren();
  for (const d of diags) {
    const li = document.createElement('li');
    li.className = d.severity;
    li.innerHTML = '<div class="what"></div><div class="where"></div>';
    li.firstChild.textContent = d.msg + (d.hint ? '　' + d.hint : '');
    li.lastChild.textContent = (d.line ? `第 ${d.line} 行` : '') + (d.field ? `　${d.field}` : '');
    li.onclick = () => focusField(d.field, d.line);
    ul.append(li);
  }
  const errors = diags.filter(d => d.severity === 'error').length;
  $('#problem-count').textContent = errors || '';
}

function focusField(path, line) {
  const el = fieldOf(path) || (line && fieldOf(fieldAtLine(line)));
  if (el) {
    showTab('doc');
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    el.focus({ preventScroll: true });
    el.classList.add('flash');
    setTimeout(() => el.classList.remove('flash'), 1300);
  } else if (line) {
    showTab('source');
    selectLine(line);
  }
}

function fieldAtLine(n) {
  let best = '', at = 0;
  for (const [p, l] of Object.entries(state.form ? state.form.lines : {})) {
    if (l <= n && (l > at || (l === at && p.length > best.length))) { best = p; at = l; }
  }
  return best;
}

// ---- the pages ----

async function fullPreview() {
  try {
    const p = await api('/api/preview', { session });
    $('#pages').replaceChildren();
    drawPages(p);
  } catch (e) { status(e.message, true); }
}

function drawPages(p) {
  const box = $('#pages');
  const tpl = document.createElement('template');
  if (p.defs) { tpl.innerHTML = p.defs; box.prepend(tpl.content); }
  for (const pg of p.changed || []) {
    tpl.innerHTML = pg.svg;
    const el = tpl.content.firstElementChild;
    const old = box.querySelector(`svg.page[data-page="${pg.n}"]`);
    if (old) old.replaceWith(el);
    else {
      const next = $$('svg.page', box).find(s => +s.dataset.page > pg.n);
      box.insertBefore(el, next || null);
    }
  }
  for (const s of $$('svg.page', box)) if (+s.dataset.page > p.pages) s.remove();
}

$('#pages').addEventListener('click', e => {
  const g = e.target.closest('g[data-src]');
  if (!g || !state) return;
  const line = +g.dataset.src;
  focusField(fieldAtLine(line), line);
});

// ---- source view ----

function gutter() {
  const n = $('#source').value.split('\n').length;
  let s = '';
  for (let i = 1; i <= n; i++) s += i + '\n';
  $('#gutter').textContent = s;
}

$('#source').addEventListener('input', () => { gutter(); edit({ source: $('#source').value }); });
$('#source').addEventListener('scroll', () => { $('#gutter').scrollTop = $('#source').scrollTop; });

function selectLine(n) {
  const src = $('#source');
  const ls = src.value.split('\n');
  let start = 0;
  for (let i = 0; i < n - 1 && i < ls.length; i++) start += ls[i].length + 1;
  src.focus();
  src.setSelectionRange(start, start + (ls[n - 1] || '').length);
  src.scrollTop = Math.max(0, (n - 5) * 20);
}

// ---- tabs, buttons, keys ----

function showTab(name) {
  for (const b of $$('.tabs button')) b.setAttribute('aria-selected', String(b.dataset.tab === name));
  for (const t of ['doc', 'source', 'problems']) $('#tab-' + t).hidden = t !== name;
}
for (const b of $$('.tabs button')) b.onclick = () => showTab(b.dataset.tab);

async function save() {
  try { const st = await api('/api/save', {}); apply(st); status('已保存 ' + st.file); }
  catch (e) { status(e.message, true); }
}

async function build() {
  status('正在生成…');
  try {
    const r = await api('/api/build', {});
    apply(r.state);
    const links = r.files.map(f => `<a href="/files/${encodeURIComponent(f)}?t=${token}" target="_blank" rel="noopener">${f}</a>`).join('、');
    $('#status').innerHTML = '已生成 ' + links;
    return r.files;
  } catch (e) { status(e.message, true); return null; }
}

$('#btn-save').onclick = save;
$('#btn-build').onclick = build;
$('#btn-print').onclick = async () => {
  const files = await build();
  const pdf = files && files.find(f => f.endsWith('.pdf'));
  if (pdf) window.open(`/files/${encodeURIComponent(pdf)}?t=${token}`, '_blank', 'noopener');
};
$('#btn-files').onclick = async () => {
  if (state && state.file && !state.saved && !confirm('内容还没有保存。仍然离开这个文稿？')) return;
  state.file = '';
  apply({ ...state, file: '' });
};
$('#btn-new').onclick = async () => {
  try { apply(await api('/api/new', { file: $('#new-name').value.trim(), preset: $('#new-preset').value })); await fullPreview(); }
  catch (e) { status(e.message, true); }
};
document.addEventListener('keydown', e => {
  if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); save(); }
});
window.addEventListener('beforeunload', e => { if (state && state.file && !state.saved) e.preventDefault(); });

// ---- import ----

async function importUpload(file) {
  const fd = new FormData();
  fd.append('file', file);
  fd.append('counts', String($('#import-counts').checked));
  status('正在导入 ' + file.name + '…');
  try { showImported(await api('/api/import', undefined, fd)); }
  catch (e) { status(e.message, true); }
}

async function importLocal(name) {
  status('正在导入 ' + name + '…');
  try { showImported(await api('/api/import', { file: name, counts: $('#import-counts').checked })); }
  catch (e) { status(e.message, true); }
}

async function showImported(st) {
  apply(st);
  await fullPreview();
  status(`已导入为 ${st.file}`);
  if (st.notes && st.notes.length) {
    const ul = $('#notes-list');
    ul.replaceChildren(...st.notes.map(n => { const li = document.createElement('li'); li.textContent = n; return li; }));
    $('#notes').showModal();
  }
}

$('#import-file').onchange = e => { if (e.target.files[0]) importUpload(e.target.files[0]); };
let dragDepth = 0;
window.addEventListener('dragenter', e => { e.preventDefault(); dragDepth++; $('#drop').hidden = false; });
window.addEventListener('dragleave', () => { if (--dragDepth <= 0) { dragDepth = 0; $('#drop').hidden = true; } });
window.addEventListener('dragover', e => e.preventDefault());
window.addEventListener('drop', e => {
  e.preventDefault();
  dragDepth = 0;
  $('#drop').hidden = true;
  const f = e.dataTransfer.files[0];
  if (f) importUpload(f);
});

// ---- {名称} completion in texts ----

function attachCompletion(el) {
  el.addEventListener('input', () => complete(el));
  el.addEventListener('keydown', e => completeKey(el, e));
  el.addEventListener('blur', () => setTimeout(() => { $('#complete').hidden = true; }, 150));
}

function complete(el) {
  const box = $('#complete');
  const before = el.value.slice(0, el.selectionStart);
  const m = before.match(/\{([^{}\s]*)$/);
  const counts = (state && state.form && state.form.counts) || [];
  if (!m || !counts.length) { box.hidden = true; return; }
  const items = counts.filter(c => c.name.includes(m[1]));
  if (!items.length) { box.hidden = true; return; }
  box.replaceChildren(...items.map((c, i) => {
    const d = document.createElement('div');
    d.setAttribute('role', 'option');
    d.setAttribute('aria-selected', String(i === 0));
    d.innerHTML = '<span></span><small></small>';
    d.firstChild.textContent = c.name;
    d.lastChild.textContent = c.value + (c.unit || '');
    d.onmousedown = ev => { ev.preventDefault(); insertCount(el, c.name); };
    return d;
  }));
  const r = el.getBoundingClientRect();
  box.style.left = r.left + 'px';
  box.style.top = Math.min(r.bottom, innerHeight - 250) + 'px';
  box.hidden = false;
  box.target = el;
}

function completeKey(el, e) {
  const box = $('#complete');
  if (box.hidden || box.target !== el) return;
  const opts = $$('div', box);
  let i = opts.findIndex(o => o.getAttribute('aria-selected') === 'true');
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    i = (i + (e.key === 'ArrowDown' ? 1 : opts.length - 1)) % opts.length;
    opts.forEach((o, j) => o.setAttribute('aria-selected', String(i === j)));
  } else if (e.key === 'Enter' || e.key === 'Tab') {
    e.preventDefault();
    insertCount(el, opts[Math.max(i, 0)].firstChild.textContent);
  } else if (e.key === 'Escape') box.hidden = true;
}

function insertCount(el, name) {
  const pos = el.selectionStart;
  const before = el.value.slice(0, pos).replace(/\{[^{}\s]*$/, '');
  const after = el.value.slice(pos).replace(/^[^{}\s]*\}/, '');
  el.value = before + '{' + name + '}' + after;
  const at = before.length + name.length + 2;
  el.setSelectionRange(at, at);
  $('#complete').hidden = true;
  edit(change(el));
}

// ---- start ----

(async () => {
  try {
    apply(await api('/api/state'));
    if (state.file) await fullPreview();
    status(state.file ? statusText(state) : '请选择或新建一个文稿');
  } catch (e) { status(e.message, true); }
})();
