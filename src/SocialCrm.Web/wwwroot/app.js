// The landing page: live counts per stage, the report as a chart, the inbox and the sandbox, refreshed every 2 s.
const $ = id => document.getElementById(id);
const esc = s => String(s ?? '').replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
const pct = x => x == null ? '–' : `${Math.round(x * 100)}%`;
const secs = x => x == null ? '–' : x < 90 ? `${x.toFixed(1)} s` : `${(x / 60).toFixed(1)} min`;

async function getJson(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return r.json();
}

function renderCounts(s) {
  const map = { accepted: s.accepted, captured: s.captured, briefs: s.briefs, awaiting: s.awaitingAgent, acted: s.acted,
    replies: s.repliesSent, connections: s.connectionRequests, measured: s.measured, outbox: s.outboxPending, failed: s.failedMessages };
  for (const [k, v] of Object.entries(map)) $(`count-${k}`).textContent = v;
  $('updated').textContent = new Date().toLocaleTimeString();
}

function renderReport(r) {
  const rows = r.byReplyKind;
  $('report-table').tBodies[0].innerHTML = rows.map(x => `<tr><td>${esc(x.replyKind)}</td><td>${x.cases}</td><td>${pct(x.slaMetRate)}</td>
    <td>${secs(x.avgFirstResponseSeconds)}</td><td>${pct(x.followUpRate)}</td><td>${x.avgSentimentDelta ?? '–'}</td>
    <td>${x.statusUpgrades}</td><td>${pct(x.connectionAcceptRate)}</td>
    <td>${pct(x.repeatPurchaseRate)}</td><td>${Math.round(x.purchaseRevenue)} €</td></tr>`).join('');
  if (rows.length === 0) {
    $('report-chart').innerHTML = '<p>No case has been measured yet: the chart appears with the first measured case.</p>';
    return;
  }
  // Grouped bars: SLA met, follow-up rate, connection acceptance and repeat purchases per reply kind (all rates, 0..100%).
  const metrics = [['SLA met', 'slaMetRate', '#4f7cff'], ['follow-ups', 'followUpRate', '#2fb67c'], ['connections accepted', 'connectionAcceptRate', '#f0a030'],
    ['bought again', 'repeatPurchaseRate', '#b05cc8']];
  const w = 760, h = 220, pad = 30, legend = 170, group = (w - legend - pad * 2) / Math.max(rows.length, 1), bar = Math.min(40, group / (metrics.length + 1));
  let svg = `<svg width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`;
  rows.forEach((x, i) => {
    metrics.forEach(([, key, color], j) => {
      const v = x[key] ?? 0, bh = v * (h - pad * 2);
      svg += `<rect x="${pad + i * group + j * bar}" y="${h - pad - bh}" width="${bar - 4}" height="${bh}" fill="${color}"><title>${esc(x.replyKind)}: ${pct(v)}</title></rect>`;
    });
    svg += `<text x="${pad + i * group}" y="${h - 10}" font-size="12">${esc(x.replyKind)}</text>`;
  });
  metrics.forEach(([label, , color], j) => svg += `<rect x="${w - legend}" y="${10 + j * 16}" width="10" height="10" fill="${color}"/><text x="${w - legend + 15}" y="${19 + j * 16}" font-size="11">${label}</text>`);
  $('report-chart').innerHTML = svg + '</svg>';
}

// Each score with its reasons, grouped by the model that gave them.
function reasonsByModel(c) {
  const groups = {};
  for (const r of JSON.parse(c.reasonsJson)) (groups[r.model] ??= []).push(r.reason);
  const label = { sentiment: `${c.sentiment} ${c.sentimentScore.toFixed(2)}`, intent: c.intent, value: `value ${c.valueScore.toFixed(2)}`, replyKind: c.recommendedReplyKind };
  return Object.entries(groups).map(([m, rs]) => `<b>${esc(label[m] ?? m)}</b>: ${rs.map(esc).join(', ')}`).join('<br>');
}

function renderInbox(cases) {
  $('inbox').tBodies[0].innerHTML = cases.map(c => `<tr><td>${c.priority}</td><td>${esc(c.queue)}</td>
    <td>${esc(c.summary)}<br><small>${reasonsByModel(c)}</small></td>
    <td>${c.valueScore.toFixed(2)}</td><td>${esc(c.recommendedReplyKind)}${c.replyGain == null ? '' : `<br><small>${c.replyGain >= 0 ? '+' : ''}${Math.round(c.replyGain * 100)} points</small>`}</td>
    <td>${new Date(c.slaDueAt).toLocaleTimeString()}</td></tr>`).join('');
}

// The held-out figures a version was stored with, in a line: "auc 0.71, currentAuc 0.65".
function figures(metrics) {
  if (metrics == null) return '–';
  if (Array.isArray(metrics)) return metrics.map(f => `${esc(f.Source ?? f.source)}: r ${(f.R ?? f.r)?.toFixed(3)}`).join(', ');
  if (metrics.Figures) return metrics.Figures.filter(f => !f.Model.startsWith('baseline'))
    .map(f => f.Language ? `${esc(f.Language)} macro F1 ${f.MacroF1.toFixed(3)}` : `${esc(f.Source)} r ${f.R.toFixed(3)}`).join(', ');
  return Object.entries(metrics).filter(([, v]) => typeof v === 'number').map(([k, v]) => `${esc(k)} ${Number.isInteger(v) ? v : v.toFixed(3)}`).join(', ');
}

// What to run to get a trained version of each kind, for a store that has none yet.
const trainCommand = { sentiment: 'train sentiment', intent: 'train intent', value: 'train outcomes', replykind: 'train outcomes' };

function renderModels(models) {
  $('models').tBodies[0].innerHTML = models.map(m => {
    const active = m.versions.find(v => v.isActive);
    return `<tr><td>${esc(m.kind)}</td><td>${esc(m.inUse)}</td><td>${esc(active?.trainer ?? 'none (baseline)')}</td><td>${active ? figures(active.metrics) : 'baseline'}</td>
      <td>${active ? esc(active.trainingData) : `rules and lexicons, no training; <code>socialcrm ${esc(trainCommand[m.kind] ?? 'train')}</code> makes a trained version${m.kind === 'value' || m.kind === 'replykind' ? ' once cases are measured' : ''}`}</td><td>${m.versions.length}</td></tr>`;
  }).join('');
}

function renderSandbox(messages) {
  $('sandbox').tBodies[0].innerHTML = messages.map(m => `<tr><td>${new Date(m.sentAt).toLocaleTimeString()}</td><td>${esc(m.kind)}${m.replyKind ? ` (${esc(m.replyKind)})` : ''}</td>
    <td>${esc(m.platform)} @${esc(m.recipient)}</td><td>${esc(m.text)}</td><td>${esc(m.answer ?? '')}</td></tr>`).join('');
}

async function refresh() {
  try {
    const [stats, report, inbox, sandbox, models] = await Promise.all([getJson('/api/stats'), getJson('/api/reports/measure'),
      getJson('/api/cases?status=awaiting_agent&take=15'), getJson('/api/sandbox/messages?take=15'), getJson('/api/models')]);
    renderCounts(stats); renderReport(report); renderInbox(inbox); renderSandbox(sandbox); renderModels(models);
  } catch (e) {
    $('updated').textContent = `failed: ${e.message}`;
  }
}
refresh();
setInterval(refresh, 2000);
