/**
 * What the 核对报告 says, section by section (issue 4, spec README §5), as blocks for src/report/pdf/blocks.ts.
 * Every figure is taken from the assessment and its trace as computed (style.md: never recompute for display);
 * IDs are the trace's masked ones unless the caller passes full numbers with `fullIds`.
 */
import { squareMetres, yuan } from '../../assess/money.js';
import type { HouseholdAssessment } from '../../assess/result.js';
import type { IncomeRowStatus, Trace, TraceEvaluation, TraceIncomeRow, TraceMember } from '../../assess/trace.js';
import { defaultObjectionDays } from '../../policy/types.js';
import {
  actualText,
  blockedAdvice,
  sourceLine,
  suspectWhy,
  testResultText,
  tierText,
  yuanText,
} from '../format.js';
import type { Block } from './blocks.js';
import type { TableRow } from './canvas.js';

export interface ContentContext {
  reportNo: string;
  asOf: string;
  regionName: string;
  policy: { id: string; version: string; sha256: string };
  /** The ID to print for a member: masked, or full when asked for and given. */
  idOf: (m: TraceMember) => string;
  alerts?: readonly { code: string; message: string }[];
}

/** The objection window printed in the footer (rules.md: `objection_days`, default 5). */
export function objectionDays(a: HouseholdAssessment): number {
  return a.trace.policy?.programs[0]?.objectionDays ?? defaultObjectionDays;
}

export function reportBlocks(a: HouseholdAssessment, ctx: ContentContext): Block[] {
  const t = a.trace;
  const out: Block[] = [];
  const members = new Map<number, TraceMember>();
  for (const m of t.members) members.set(m.ordinal, m);
  const nameOf = (ordinal: number) => members.get(ordinal)?.name ?? `成员 ${ordinal + 1}`;

  header(a, ctx, out);
  householdSection(a, ctx, out);
  if (t.status === 'blocked' || t.main === null) {
    blockedSections(a, out);
  } else {
    const ev = t.main;
    incomeSection(t, ev, nameOf, out);
    assetSections(t, ev, nameOf, out);
    conclusionSection(a, ev, out);
  }
  if (ctx.alerts && ctx.alerts.length > 0) {
    // Issue 6 (定期复核): what changed since this household's previous assessment, for the 乡镇 to look at.
    out.push({ kind: 'heading', text: '五、风险预警（与上次核对相比）' });
    for (const x of ctx.alerts) out.push({ kind: 'para', text: `· ${x.message}（${x.code}）` });
  }
  signature(ctx, out);
  return out;
}

function header(a: HouseholdAssessment, ctx: ContentContext, out: Block[]): void {
  const t = a.trace;
  const self = t.members.find((m) => m.isSelf) ?? t.members[0];
  out.push({ kind: 'title', text: `${ctx.regionName}居民家庭经济状况核对报告` });
  const rows: TableRow[] = [
    { cells: ['报告编号', ctx.reportNo, '核对时间', ctx.asOf] },
    { cells: ['救助类别', `${a.program}（${a.areaType}）`, '申请编号', a.applicationId] },
    { cells: ['申请人', self?.name ?? '—', '身份证号', self ? ctx.idOf(self) : '—'] },
    { cells: ['申请日期', t.applicationDate, '区划代码', a.regionCode] },
    { cells: ['政策依据', policyText(a, ctx)] },
  ];
  out.push({
    kind: 'table',
    spec: { header: false, size: 8.5, labelColumns: [0, 2], columns: [{ title: '', width: 1 }, { title: '', width: 2.3 }, { title: '', width: 1 }, { title: '', width: 2.3 }], rows },
  });
}

function policyText(a: HouseholdAssessment, ctx: ContentContext): string {
  const pack = `政策参数包 ${ctx.policy.id}，版本 ${ctx.policy.version}（SHA-256 ${ctx.policy.sha256.slice(0, 16)}…）`;
  const p = a.trace.policy;
  if (!p) return `${pack}；未找到适用标准${a.trace.policyNotFound ? `：${a.trace.policyNotFound}` : ''}`;
  const span = p.period.to === undefined ? `${p.period.from} 起执行` : `${p.period.from} 至 ${p.period.to}`;
  return `${pack}；适用标准：${p.region.name}（${p.region.code}），${span}；依据：${p.period.citation}`;
}

function memberRemarks(m: TraceMember): string {
  const parts: string[] = [];
  if (m.disability) parts.push(`残疾：${m.disability}`);
  if (m.seriousIllness) parts.push('重病');
  if (m.employed) parts.push('就业');
  if (m.declaredMonthlyIncome !== null) parts.push(`申报月收入 ${yuan(m.declaredMonthlyIncome)} 元`);
  if (m.rigidExpenseAnnual !== null) parts.push(`年刚性支出 ${yuan(m.rigidExpenseAnnual)} 元`);
  if (m.idProblem) parts.push(`身份证号问题：${m.idProblem}`);
  if (m.idUpgraded) parts.push('15 位身份证号已升为 18 位');
  if (m.idRegionUnknown) parts.push('身份证号地区码不在行政区划表中');
  if (m.duplicate) parts.push('同一身份证号出现在本批其他申请中');
  return parts.join('；') || '—';
}

function householdSection(a: HouseholdAssessment, ctx: ContentContext, out: Block[]): void {
  const t = a.trace;
  out.push({ kind: 'heading', text: '一、家庭基本情况' });
  out.push({
    kind: 'table',
    spec: {
      columns: [
        { title: '序号', width: 0.5, align: 'center' },
        { title: '姓名', width: 1.1 },
        { title: '与申请人关系', width: 1.25 },
        { title: '身份证号', width: 2 },
        { title: '年龄', width: 0.55, align: 'center' },
        { title: '是否计入', width: 1.55 },
        { title: '授权核对', width: 0.85, align: 'center' },
        { title: '其他情况', width: 1.95 },
      ],
      rows: t.members.map((m, i) => ({
        cells: [
          String(i + 1),
          m.name,
          m.relation,
          ctx.idOf(m),
          m.age === null ? '—' : String(m.age),
          m.counted ? '计入' : `不计入（${m.notCountedReason ?? '未说明'}）`,
          m.authorized ? '已授权' : '未授权',
          memberRemarks(m),
        ],
        shade: !m.counted,
      })),
    },
  });
  out.push({ kind: 'para', text: `计入家庭成员共 ${a.membersCounted} 人。` });
  for (const note of t.notes) out.push({ kind: 'para', text: `说明：${note}`, style: 'note' });
}

function blockedSections(a: HouseholdAssessment, out: Block[]): void {
  const t = a.trace;
  out.push({ kind: 'heading', text: '二、核对情况' });
  out.push({ kind: 'para', text: t.blockedNote ?? '存在阻断事项，未开展核对', style: 'strong' });
  out.push({
    kind: 'para',
    text: '因存在下列事项，本次未读取、未使用任何部门的核对数据，未计算家庭收入和财产，不作符合或不符合的判断。',
  });
  const blocking = a.reasons.filter((r) => r.severity === 'blocking');
  blocking.forEach((r, i) => {
    out.push({ kind: 'para', text: `${i + 1}. ${r.message}`, indent: 12, hanging: 12 });
    const advice = blockedAdvice[r.code as keyof typeof blockedAdvice];
    if (advice) out.push({ kind: 'para', text: `处理建议：${advice}`, indent: 24, style: 'note' });
  });
  out.push({ kind: 'heading', text: '三、核对结论' });
  verdictBlocks(a, out);
}

/** Each income row's use, short enough for its column; the note under the table states the rules in full. */
const incomeRowOpinion: Record<IncomeRowStatus, string> = {
  counted: '计入',
  deduction: '扣减（社保个人缴费）',
  excluded_item: '不计入：属不计入收入的项目（R6）',
  outside_window: '不计入：不在计算期内（R5）',
  corroboration: '不重复计入：已按其他来源的较大金额计入（R6）',
  missing_amount: '有记录但缺少金额，疑似（R4）',
};

function incomeRowCells(r: TraceIncomeRow, nameOf: (o: number) => string): TableRow {
  const period = r.periodStart === null ? `跨省反馈月收入 × ${r.monthsInWindow} 个月` : r.periodStart === r.periodEnd ? r.periodStart : `${r.periodStart} 至 ${r.periodEnd}`;
  const item = `${r.category}／${r.item}${r.countedAs !== r.category ? `（按${r.countedAs}计）` : ''}`;
  const amount = r.amount === null ? '缺失' : yuan(r.amount);
  let opinion = incomeRowOpinion[r.status];
  if ((r.status === 'counted' || r.status === 'deduction') && r.lower !== r.upper) {
    opinion += r.lower === 0 ? '；仅在含疑似信息的上限口径中计入' : '；含疑似信息的上限口径不计入';
  }
  const why = suspectWhy(r);
  if (why) opinion += `；${why}`;
  const counted = r.status === 'counted' || r.status === 'deduction' ? yuan(r.lower) : '—';
  return {
    cells: [nameOf(r.memberOrdinal), item, `${r.source ?? '来源未注明'}\n${sourceLine(r.ref)}`, period, `${r.monthsInWindow}/${r.monthsInSpan}`, amount, counted, opinion],
    shade: r.evidence === 'suspect',
  };
}

function incomeSection(t: Trace, ev: TraceEvaluation, nameOf: (o: number) => string, out: Block[]): void {
  const inc = ev.income;
  out.push({ kind: 'heading', text: '二、收入核对' });
  out.push({
    kind: 'para',
    text: `收入计算期：${inc.window.from} 至 ${inc.window.to}，共 ${inc.window.months} 个月（申请日期所在月之前的 ${inc.window.months} 个整月）。`,
  });
  const order = new Map(t.members.map((m, i) => [m.ordinal, i]));
  const rows = [...inc.rows].sort((x, y) => (order.get(x.memberOrdinal) ?? 0) - (order.get(y.memberOrdinal) ?? 0));
  if (rows.length === 0) out.push({ kind: 'para', text: '未查询到计入成员的收入记录。' });
  else {
    out.push({ kind: 'subheading', text: '（一）收入明细' });
    out.push({
      kind: 'table',
      spec: {
        size: 7.5,
        // Widths in points of the 459-point text width: a source file line and a month span fit on two lines.
        columns: [
          { title: '成员', width: 36 },
          { title: '类别／项目', width: 72 },
          { title: '数据来源', width: 88 },
          { title: '所属期间', width: 46 },
          { title: '计入\n月数', width: 32, align: 'center' },
          { title: '金额（元）', width: 44, align: 'right' },
          { title: '计入（元）', width: 44, align: 'right' },
          { title: '核对意见', width: 97 },
        ],
        rows: rows.map((r) => incomeRowCells(r, nameOf)),
      },
    });
    out.push({
      kind: 'para',
      style: 'note',
      text: '计入月数 = 所属期间落在收入计算期内的月数／所属期间的总月数，计入金额 = 金额 × 计入月数 ÷ 总月数，四舍五入到分（R5）；同一成员同一类别、项目、期间的收入由多个部门提供的，只按金额最大的一条计入（R6）；社保个人缴费从本人收入中扣减（R6）。',
    });
    const excludedCitation = rows.find((r) => r.status === 'excluded_item')?.citation;
    const params = t.policy?.programs[0];
    if (excludedCitation && params) {
      out.push({
        kind: 'para',
        style: 'note',
        text: `不计入收入的项目（R6）：${params.excludedIncomeItems.join('、')}；依据：${excludedCitation}。`,
      });
    }
  }
  out.push({ kind: 'subheading', text: `（${rows.length === 0 ? '一' : '二'}）成员收入汇总（申报与核实）` });
  const summary: TableRow[] = inc.members.map((mi) => ({
    cells: [
      nameOf(mi.memberOrdinal),
      yuan(mi.lower.income),
      yuan(mi.lower.deductions),
      yuan(mi.lower.employmentCost),
      yuan(mi.lower.verified),
      mi.declared === null ? '未申报' : yuan(mi.declared),
      yuan(mi.lower.used),
    ],
  }));
  summary.push({ cells: ['家庭合计', '', '', '', '', '', yuan(inc.lower.total)], shade: true });
  out.push({
    kind: 'table',
    spec: {
      size: 7.5,
      columns: [
        { title: '成员', width: 1.1 },
        { title: '计入收入', width: 1, align: 'right' },
        { title: '社保个人缴费扣减', width: 1.2, align: 'right' },
        { title: '就业成本扣减', width: 1, align: 'right' },
        { title: '核实收入', width: 1, align: 'right' },
        { title: '申报收入', width: 1, align: 'right' },
        { title: '采用收入（取较大者）', width: 1.3, align: 'right' },
      ],
      rows: summary,
    },
  });
  out.push({ kind: 'para', text: '金额单位：元。核实收入 = 计入收入 − 社保个人缴费 − 就业成本（不低于 0）；采用收入取申报与核实的较大者（R6、R7）。', style: 'note' });
  out.push({ kind: 'para', text: `家庭收入：${inc.formula}` });
  if (inc.rigid) out.push({ kind: 'para', text: `刚性支出：${inc.rigid.formula}` });
  out.push({ kind: 'para', text: `家庭月人均收入：${yuan(inc.lower.perCapita)} 元`, style: 'strong' });
  if (inc.rigid) out.push({ kind: 'para', text: `扣除刚性支出后月人均收入：${yuan(inc.rigid.lower)} 元`, style: 'strong' });
  if (inc.lower.total !== inc.upper.total || inc.missingFigures.length > 0) {
    out.push({
      kind: 'para',
      style: 'note',
      text: `含疑似信息的上限口径：家庭收入 ${yuan(inc.upper.total)} 元，月人均 ${yuan(inc.upper.perCapita)} 元${inc.missingFigures.length > 0 ? '；另有跨省反馈的收入缺少金额' : ''}（仅用于判断是否需要复核，不作为不利结论的依据）。`,
    });
  }
}

function assetSections(t: Trace, ev: TraceEvaluation, nameOf: (o: number) => string, out: Block[]): void {
  out.push({ kind: 'heading', text: '三、财产核对' });
  const cp = (i: number) => t.crossprov[i]!;

  // (一) 银行存款及其他金融资产 (R9)
  const fin = ev.financial;
  out.push({ kind: 'subheading', text: '（一）银行存款及其他金融资产' });
  const finRows: TableRow[] = fin.accounts.map((acc) => {
    const notes = [sourceLine(acc.chosen)];
    if (acc.superseded.length > 0) notes.push(`已取代较早记录 ${acc.superseded.length} 条`);
    if (acc.flag) notes.push(`超限标识：${acc.flag}`);
    const why = suspectWhy(acc);
    if (why) notes.push(why);
    if (acc.lower !== acc.upper && acc.lower === 0) notes.push('仅在含疑似信息的上限口径中计入');
    return {
      cells: [nameOf(acc.memberOrdinal), acc.institution ?? '未注明', acc.assetType, acc.accountMasked ?? '无账号', acc.asOf, acc.balance === null ? '—' : yuan(acc.balance), yuan(acc.lower), notes.join('；')],
      shade: acc.evidence === 'suspect',
    };
  });
  for (const i of fin.crossprov) {
    const c = cp(i);
    const why = suspectWhy(c);
    finRows.push({
      cells: [nameOf(c.memberOrdinal), `跨省核对（${c.province}）`, c.item, '—', c.feedbackDate ?? '—', c.amount === null ? '缺失' : yuan(c.amount), '', [c.use, sourceLine(c.chosen), why].filter(Boolean).join('；')],
      shade: c.evidence === 'suspect',
    });
  }
  if (finRows.length === 0) out.push({ kind: 'para', text: '未查询到计入成员的银行存款及其他金融资产记录。' });
  else
    out.push({
      kind: 'table',
      spec: {
        size: 7.5,
        columns: [
          { title: '成员', width: 0.85 },
          { title: '金融机构', width: 1.4 },
          { title: '资产类型', width: 0.9 },
          { title: '账号', width: 1.6 },
          { title: '截至日期', width: 0.95 },
          { title: '余额（元）', width: 1, align: 'right' },
          { title: '计入（元）', width: 1, align: 'right' },
          { title: '说明', width: 1.55 },
        ],
        rows: finRows,
      },
    });
  const params = t.policy?.programs[0];
  out.push({ kind: 'para', text: `${fin.formula}；人均限额 ${yuan(fin.limit)} 元${params ? `（${params.financialAssetsRule}）` : ''}。` });

  // (二) 机动车 (R10)
  const veh = ev.vehicles;
  out.push({ kind: 'subheading', text: '（二）机动车' });
  const stateText = { counted: '计入', inactive: '不计入（非在用状态）', exempt: '免于计入', suspect: '疑似（仅在上限口径中计入）' } as const;
  const vehRows: TableRow[] = veh.vehicles.map((v) => {
    const first = v.rows[0];
    const owners = [...new Set(v.rows.map((r) => nameOf(r.memberOrdinal)))].join('、');
    const kind = [first?.plateType ? `号牌种类 ${first.plateType}` : '', first?.vehicleType ?? ''].filter(Boolean).join('，') || '—';
    const info = [first?.firstRegistered ? `初次登记 ${first.firstRegistered}` : '', first?.value != null ? `价值 ${yuan(first.value)} 元` : ''].filter(Boolean).join('，') || '—';
    const notes = [`${stateText[v.state]}：${v.why}`, ...v.rows.map((r) => [sourceLine(r.ref), suspectWhy(r)].filter(Boolean).join('，'))];
    return { cells: [v.plate, owners, kind, v.rows.map((r) => r.status).join('、'), info, notes.join('；')], shade: v.state === 'suspect' };
  });
  for (const i of veh.crossprov) {
    const c = cp(i);
    vehRows.push({
      cells: [`跨省核对（${c.province}）`, nameOf(c.memberOrdinal), c.item, c.result, c.count === null ? '数量缺失' : `${c.count} 辆`, [c.use, sourceLine(c.chosen), suspectWhy(c)].filter(Boolean).join('；')],
      shade: c.evidence === 'suspect',
    });
  }
  if (vehRows.length === 0) out.push({ kind: 'para', text: '未查询到计入成员名下的机动车登记记录。' });
  else
    out.push({
      kind: 'table',
      spec: {
        size: 7.5,
        columns: [
          { title: '号牌号码', width: 1.1 },
          { title: '所有人', width: 0.9 },
          { title: '号牌种类／车辆类型', width: 1.4 },
          { title: '状态', width: 0.6, align: 'center' },
          { title: '登记信息', width: 1.45 },
          { title: '核对意见', width: 2.6 },
        ],
        rows: vehRows,
      },
    });
  out.push({ kind: 'para', text: `${veh.formula}。` });

  // (三) 房产 (R11)
  const h = ev.housing;
  out.push({ kind: 'subheading', text: '（三）不动产（房产）' });
  const asText = { residential: '按住宅计', non_residential: '按非住宅计', none: '不计' } as const;
  const houseRows: TableRow[] = h.units.map((u) => {
    const owners = u.owners.map((o) => `${nameOf(o.memberOrdinal)}（份额 ${o.share}）`).join('、');
    const usage = [...new Set(u.owners.map((o) => o.usage || '未注明'))].join('、');
    const area = [...new Set(u.owners.map((o) => squareMetres(o.area)))].join('、');
    const notes = [`${asText[u.lower.as]}，合计份额 ${u.lower.share}，折算面积 ${squareMetres(u.lower.areaShare)} 平方米`];
    if (u.upper.as !== u.lower.as) notes.push(`含疑似信息的上限口径${asText[u.upper.as]}`);
    for (const o of u.owners) notes.push([sourceLine(o.ref), suspectWhy(o)].filter(Boolean).join('，'));
    const suspect = u.owners.some((o) => o.evidence === 'suspect');
    return { cells: [u.certNo, u.location ?? '—', owners, usage, area, notes.join('；')], shade: suspect };
  });
  for (const i of h.crossprov) {
    const c = cp(i);
    houseRows.push({
      cells: [`跨省核对（${c.province}）`, '—', nameOf(c.memberOrdinal), c.item, c.area === null ? '面积不详' : squareMetres(c.area), [`${c.count === null ? '数量缺失' : `${c.count} 套`}`, c.use, sourceLine(c.chosen), suspectWhy(c)].filter(Boolean).join('；')],
      shade: c.evidence === 'suspect',
    });
  }
  if (houseRows.length === 0) out.push({ kind: 'para', text: '未查询到计入成员名下的不动产登记记录。' });
  else
    out.push({
      kind: 'table',
      spec: {
        size: 7.5,
        columns: [
          { title: '不动产权证号', width: 1.7 },
          { title: '坐落', width: 1.6 },
          { title: '权利人（份额）', width: 1.25 },
          { title: '用途', width: 0.85 },
          { title: '面积（㎡）', width: 0.75, align: 'right' },
          { title: '核对意见', width: 1.95 },
        ],
        rows: houseRows,
      },
    });
  if (h.cancelled.length > 0) out.push({ kind: 'para', style: 'note', text: `已注销登记，不计入：${h.cancelled.map(sourceLine).join('、')}。` });
  out.push({ kind: 'para', text: `${h.formula}。` });

  // (四) 跨省核对 (R14): every item fed back, including 无 and 未反馈.
  out.push({ kind: 'subheading', text: '（四）跨省核对反馈' });
  if (t.crossprov.length === 0) out.push({ kind: 'para', text: '无跨省核对反馈记录。' });
  else
    out.push({
      kind: 'table',
      spec: {
        size: 7.5,
        columns: [
          { title: '成员', width: 0.9 },
          { title: '省份', width: 0.9 },
          { title: '核对项目', width: 0.9 },
          { title: '结果', width: 0.7, align: 'center' },
          { title: '数额', width: 1.1, align: 'right' },
          { title: '反馈日期', width: 0.95 },
          { title: '核对意见', width: 2.6 },
        ],
        rows: t.crossprov.map((c) => {
          const figures = [c.amount !== null ? `${yuan(c.amount)} 元` : '', c.count !== null ? `${c.count} 个` : '', c.area !== null ? `${squareMetres(c.area)} ㎡` : ''].filter(Boolean).join('，') || '—';
          const notes = [c.use, sourceLine(c.chosen)];
          if (c.superseded.length > 0) notes.push(`已取代较早反馈 ${c.superseded.length} 条`);
          const why = suspectWhy(c);
          if (why) notes.push(why);
          if (c.missingFigure) notes.push('疑似：结果为“有”但缺少数额');
          return { cells: [nameOf(c.memberOrdinal), c.province, c.item, c.result, figures, c.feedbackDate ?? '—', notes.join('；')], shade: c.evidence === 'suspect' };
        }),
      },
    });

  if (t.deaths.length > 0) {
    out.push({ kind: 'subheading', text: '（五）死亡登记' });
    for (const d of t.deaths) {
      const why = suspectWhy(d);
      out.push({
        kind: 'para',
        text: `${nameOf(d.memberOrdinal)}：死亡日期 ${d.deathDate}${d.onOrBeforeAsOf ? '（在核对时间之前）' : ''}（${sourceLine(d.ref)}）${why ? `；${why}` : ''}`,
        indent: 12,
      });
    }
  }
  // Issue 6: rows an operator marked 无效匹配 are named (file and line), so the applicant sees what was set aside and why.
  const invalid = t.ignoredRows.filter((r) => r.why.includes('无效匹配'));
  const notCounted = t.ignoredRows.length - invalid.length;
  if (notCounted > 0) {
    out.push({ kind: 'para', style: 'note', text: `另有不计入成员的数据 ${notCounted} 行，按规定未读取、未使用。` });
  }
  if (invalid.length > 0) {
    const where = invalid.map((r) => `${r.ref.file} 第 ${r.ref.line} 行`).join('、');
    out.push({ kind: 'para', style: 'note', text: `经人工复核确认为“无效匹配”（不是本人的数据）的 ${invalid.length} 行未计入：${where}。` });
  }
}

function conclusionSection(a: HouseholdAssessment, ev: TraceEvaluation, out: Block[]): void {
  out.push({ kind: 'heading', text: '四、核对结论' });
  out.push({
    kind: 'table',
    spec: {
      size: 7.5,
      columns: [
        { title: '核对项目', width: 1.1 },
        { title: '核对标准', width: 2 },
        { title: '实际值', width: 1.1, align: 'right' },
        { title: '结果', width: 1.1, align: 'center' },
        { title: '计算过程', width: 3 },
      ],
      rows: ev.tests.map((test) => ({
        cells: [
          `${test.name}（${test.rule}）`,
          test.thresholdText,
          actualText(test, test.lower.actual),
          testResultText(test),
          test.lower.pass !== test.upper.pass ? `${test.lower.formula}；含疑似信息的上限口径：${test.upper.formula}` : test.lower.formula,
        ],
        shade: !test.lower.pass || !test.upper.pass,
      })),
    },
  });
  verdictBlocks(a, out);
}

/** Verdict, reasons, tier, benefit and the notes that go with them (R13–R15). */
function verdictBlocks(a: HouseholdAssessment, out: Block[]): void {
  const t = a.trace;
  out.push({ kind: 'para', text: `核对结论：${a.verdict}`, style: 'verdict' });
  if (a.reasons.length > 0) {
    out.push({ kind: 'para', text: '原因及说明：', style: 'strong' });
    a.reasons.forEach((r, i) => out.push({ kind: 'para', text: `${i + 1}. ${r.message}`, indent: 12, hanging: 12 }));
  }
  const tier = tierText(a);
  if (tier !== null) out.push({ kind: 'para', text: `分层分类：${tier}` });
  if (a.benefitMonthly !== null) {
    const step = t.steps.find((s) => s.text.startsWith('月救助金'));
    out.push({ kind: 'para', text: `月救助金测算：${yuan(a.benefitMonthly)} 元`, style: 'strong' });
    if (step) out.push({ kind: 'para', text: `计算：${step.text}`, style: 'note', indent: 12 });
  } else if (a.figures !== null) {
    const why = a.reasons.some((r) => r.code === 'GRADUAL_EXIT')
      ? '渐退期内不测算月救助金'
      : a.program === '低保' || a.program === '低保复核'
        ? '核对结论不是符合，不测算月救助金'
        : `${a.program}不测算月救助金`;
    out.push({ kind: 'para', text: `月救助金测算：${why}。` });
  }
  const gradual = a.reasons.find((r) => r.code === 'GRADUAL_EXIT');
  if (gradual) {
    const months = t.policy?.programs[0]?.gradualExitMonths;
    out.push({ kind: 'para', text: `渐退期：${gradual.message}${months ? `；渐退期 ${months} 个月，期满后重新核对` : ''}。` });
  }
  a.reasons.forEach((r, i) => {
    if (r.code === 'SINGLE_PERSON_SUGGESTED') {
      out.push({ kind: 'para', text: `单人户提示：见原因第 ${i + 1} 项；可引导该成员按单人户单独提出申请（民发〔2021〕57号），家庭其他成员另行申请。` });
    }
  });
  if (a.program === '特困') {
    const tekun = t.policy?.programs.find((p) => p.program === '特困');
    if (tekun) out.push({ kind: 'para', text: `特困人员基本生活标准：${yuanText(tekun.tekun)}/月（${tekun.tekunBasis}），仅供参考。` });
    out.push({ kind: 'para', text: '特困人员认定须另行人工核查法定赡养、抚养、扶养义务人及其履行能力，本报告未包含该项核查。' });
  }
  if (a.upper !== null && a.figures !== null) {
    out.push({ kind: 'para', style: 'note', text: '以上数据均按有利于申请家庭的下限口径计算；姓名不一致等疑似信息只在上限口径中计入，只能导致复核，不能单独导致不符合结论。' });
  }
  if (t.steps.length > 0) {
    out.push({ kind: 'para', text: '判定过程：', style: 'small' });
    for (const s of t.steps) out.push({ kind: 'para', text: `［${s.rule}］${s.text}`, style: 'note', indent: 12 });
  }
}

function signature(ctx: ContentContext, out: Block[]): void {
  out.push({ kind: 'space', height: 14 });
  out.push({ kind: 'para', text: '核对机构（盖章）：　　　　　　　　　　', align: 'right' });
  out.push({ kind: 'para', text: `报告日期：${ctx.asOf}`, align: 'right' });
}
