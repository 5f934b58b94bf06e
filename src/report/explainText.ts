/**
 * `hedui explain`: a household's assessment in plain Chinese that an operator can read aloud to the applicant — who
 * was counted, which income counted and why, the sums step by step in yuan, each test with its threshold, actual
 * value and result, then the verdict and its reasons. Rendered from the stored assessment and its trace only (never
 * recomputed); IDs and account numbers appear masked; the output is deterministic.
 */
import { squareMetres, yuan } from '../assess/money.js';
import type { HouseholdAssessment } from '../assess/result.js';
import type {
  Trace,
  TraceEvaluation,
  TraceMember,
  TraceTest,
} from '../assess/trace.js';
import { incomeStatusText, sourceLine, suspectNote, tierText } from './format.js';

export function explainText(a: HouseholdAssessment): string {
  const t = a.trace;
  const out: string[] = [];
  const names = new Map<number, TraceMember>();
  for (const m of t.members) names.set(m.ordinal, m);
  const who = (ordinal: number) => {
    const m = names.get(ordinal);
    return m ? `${m.name}（${m.relation}）` : `成员 ${ordinal + 1}`;
  };

  out.push(`核对说明　申请编号 ${a.applicationId}`);
  out.push(`救助类别：${a.program}；城乡类别：${a.areaType}；区划代码：${a.regionCode}；申请日期：${t.applicationDate}；核对时间：${t.asOf}`);
  if (t.policy) {
    const p = t.policy;
    const span = p.period.to === undefined ? `${p.period.from} 起` : `${p.period.from} 至 ${p.period.to}`;
    out.push(`适用标准：${p.region.name}（${p.region.code}），${span}；依据：${p.period.citation}`);
  } else if (t.policyNotFound) {
    out.push(`适用标准：未找到。${t.policyNotFound}`);
  }
  out.push('');

  out.push('一、家庭成员');
  t.members.forEach((m, i) => {
    const parts = [`${i + 1}. ${m.name}（${m.relation}），身份证号 ${m.idMasked}`];
    if (m.age !== null) parts.push(`${m.age} 周岁`);
    parts.push(m.counted ? '计入家庭成员' : (m.notCountedReason ?? '不计入'));
    parts.push(m.authorized ? '已签授权书' : '未签授权书');
    if (m.idProblem) parts.push(`身份证号问题：${m.idProblem}`);
    if (m.disability) parts.push(`残疾：${m.disability}`);
    if (m.seriousIllness) parts.push('重病');
    if (m.employed) parts.push('就业');
    if (m.declaredMonthlyIncome !== null) parts.push(`申报月收入 ${yuan(m.declaredMonthlyIncome)} 元`);
    if (m.rigidExpenseAnnual !== null) parts.push(`年刚性支出 ${yuan(m.rigidExpenseAnnual)} 元`);
    out.push(`　${parts.join('，')}`);
  });
  out.push(`　计入家庭成员共 ${a.membersCounted} 人。`);
  for (const note of t.notes) out.push(`　说明：${note}`);
  out.push('');

  if (t.status === 'blocked' || t.main === null) {
    out.push(`二、核对情况：${t.blockedNote ?? '未开展核对'}`);
    out.push('');
    conclusion(a, t, out);
    return out.join('\n') + '\n';
  }
  const ev = t.main;
  income(ev, out, who);
  assets(t, ev, out, who);
  out.push('四、核对项目');
  for (const test of ev.tests) testLines(test, out);
  out.push('');
  conclusion(a, t, out);
  if (t.ignoredRows.length > 0) {
    out.push('');
    out.push(`附：未读取或经复核不计入的数据 ${t.ignoredRows.length} 行：`);
    for (const r of t.ignoredRows) out.push(`　${sourceLine(r.ref)}：${r.why}`);
  }
  return out.join('\n') + '\n';
}

function income(ev: TraceEvaluation, out: string[], who: (o: number) => string): void {
  const inc = ev.income;
  out.push(`二、收入（收入计算期 ${inc.window.from} 至 ${inc.window.to}，共 ${inc.window.months} 个月）`);
  for (const mi of inc.members) {
    out.push(`　${who(mi.memberOrdinal)}：`);
    const rows = inc.rows.filter((r) => r.memberOrdinal === mi.memberOrdinal);
    if (rows.length === 0) out.push('　　无收入数据。');
    for (const r of rows) {
      const period = r.periodStart === null ? `月收入 ${yuan(r.amount ?? 0)} 元 × ${r.monthsInWindow} 个月` : `${r.periodStart} 至 ${r.periodEnd}，金额 ${yuan(r.amount ?? 0)} 元，其中计算期内 ${r.monthsInWindow}/${r.monthsInSpan} 个月`;
      let text = `　　${r.category}/${r.item}（${r.source ?? '来源未注明'}，${sourceLine(r.ref)}）：${period}`;
      if (r.status === 'counted' || r.status === 'deduction') {
        text += `，${incomeStatusText[r.status]} ${yuan(r.prorated)} 元`;
        if (r.lower !== r.upper) text += r.lower === 0 ? '（仅在含疑似信息的上限口径中计入）' : '（含疑似信息的上限口径不计入）';
      } else {
        text += `，${incomeStatusText[r.status]}`;
        if (r.citation) text += `，依据：${r.citation}`;
      }
      text += suspectNote(r);
      out.push(text);
    }
    out.push(`　　${mi.formula}`);
  }
  out.push(`　家庭收入：${inc.formula}`);
  if (inc.lower.total !== inc.upper.total || inc.missingFigures.length > 0) {
    out.push(`　含疑似信息的上限口径：家庭收入 ${yuan(inc.upper.total)} 元，月人均 ${yuan(inc.upper.perCapita)} 元${inc.missingFigures.length > 0 ? '；另有跨省收入缺少金额' : ''}`);
  }
  out.push('');
}

function assets(t: Trace, ev: TraceEvaluation, out: string[], who: (o: number) => string): void {
  out.push('三、财产');
  const fin = ev.financial;
  out.push('　（一）金融资产');
  if (fin.accounts.length === 0 && fin.crossprov.length === 0) out.push('　　无金融资产数据。');
  for (const acc of fin.accounts) {
    const parts = [
      `${acc.institution ?? '机构未注明'} ${acc.assetType}`,
      acc.accountMasked ? `账号 ${acc.accountMasked}` : '无账号',
      `截至 ${acc.asOf}`,
      acc.balance === null ? '无余额' : `余额 ${yuan(acc.balance)} 元`,
    ];
    let text = `　　${who(acc.memberOrdinal)}：${parts.join('，')}（${sourceLine(acc.chosen)}${acc.superseded.length > 0 ? `；已取代较早的 ${acc.superseded.map(sourceLine).join('、')}` : ''}）`;
    if (acc.flag) text += `；超限标识：${acc.flag}`;
    text += suspectNote(acc);
    out.push(text);
  }
  for (const i of fin.crossprov) {
    const c = t.crossprov[i]!;
    out.push(`　　${who(c.memberOrdinal)}：跨省（${c.province}）${c.item} ${c.amount === null ? '金额缺失' : `${yuan(c.amount)} 元`}（${sourceLine(c.chosen)}）${suspectNote(c)}`);
  }
  out.push(`　　${fin.formula}；人均限额 ${yuan(fin.limit)} 元`);

  const veh = ev.vehicles;
  out.push('　（二）机动车');
  if (veh.vehicles.length === 0 && veh.crossprov.length === 0) out.push('　　无机动车数据。');
  for (const v of veh.vehicles) {
    const rows = v.rows.map((r) => `${who(r.memberOrdinal)}，状态 ${r.status}，${sourceLine(r.ref)}${suspectNote(r)}`).join('；');
    out.push(`　　${v.plate}：${v.why}（${rows}）`);
  }
  for (const i of veh.crossprov) {
    const c = t.crossprov[i]!;
    out.push(`　　${who(c.memberOrdinal)}：跨省（${c.province}）车辆 ${c.count === null ? '数量缺失' : `${c.count} 辆`}（${sourceLine(c.chosen)}）${suspectNote(c)}`);
  }
  out.push(`　　${veh.formula}`);

  const h = ev.housing;
  out.push('　（三）房产');
  if (h.units.length === 0 && h.crossprov.length === 0) out.push('　　无房产数据。');
  for (const u of h.units) {
    const owners = u.owners
      .map((o) => `${who(o.memberOrdinal)} 份额 ${o.share}，${o.usage}，${squareMetres(o.area)} 平方米，${sourceLine(o.ref)}${suspectNote(o)}`)
      .join('；');
    const as = { residential: '按住宅计', non_residential: '按非住宅计', none: '不计' }[u.lower.as];
    out.push(`　　${u.certNo}${u.location ? `（${u.location}）` : ''}：${owners}；${as}，合计份额 ${u.lower.share}，折算面积 ${squareMetres(u.lower.areaShare)} 平方米`);
  }
  for (const i of h.crossprov) {
    const c = t.crossprov[i]!;
    out.push(`　　${who(c.memberOrdinal)}：跨省（${c.province}）${c.item}，${c.count === null ? '数量缺失' : `${c.count} 套`}，${c.area === null ? '面积不详' : `${squareMetres(c.area)} 平方米`}（${sourceLine(c.chosen)}）`);
  }
  if (h.cancelled.length > 0) out.push(`　　已注销不计：${h.cancelled.map(sourceLine).join('、')}`);
  out.push(`　　${h.formula}`);

  const other = t.crossprov.filter((c) => c.itemClass === 'business' || c.itemClass === 'other' || c.result !== '有');
  if (other.length > 0) {
    out.push('　（四）其他跨省核对反馈');
    for (const c of other) out.push(`　　${who(c.memberOrdinal)}：${c.province}${c.item}：${c.use}（${sourceLine(c.chosen)}）`);
  }
  if (t.deaths.length > 0) {
    out.push('　（五）死亡登记');
    for (const d of t.deaths) out.push(`　　${who(d.memberOrdinal)}：死亡日期 ${d.deathDate}（${sourceLine(d.ref)}）${d.onOrBeforeAsOf ? '，在核对时间之前' : ''}`);
  }
  out.push('');
}

function testLines(test: TraceTest, out: string[]): void {
  out.push(`　${test.name}：标准为${test.thresholdText}。${test.lower.formula}。`);
  if (test.lower.pass !== test.upper.pass) out.push(`　　含疑似信息的上限口径：${test.upper.formula}。`);
}

function conclusion(a: HouseholdAssessment, t: Trace, out: string[]): void {
  out.push(`核对结论：${a.verdict}`);
  if (a.reasons.length > 0) {
    out.push('原因：');
    a.reasons.forEach((r, i) => out.push(`　${i + 1}. ${r.message}`));
  }
  const tier = tierText(a);
  if (tier !== null) out.push(`分层：${tier}`);
  if (a.benefitMonthly !== null) out.push(`月救助金：${yuan(a.benefitMonthly)} 元`);
  if (a.upper !== null && a.figures !== null) out.push('说明：以上数据按有利于申请家庭的下限口径计算；含姓名不一致等疑似信息的上限口径见各项说明。');
  out.push('计算过程：');
  for (const s of t.steps) out.push(`　[${s.rule}] ${s.text}`);
}
