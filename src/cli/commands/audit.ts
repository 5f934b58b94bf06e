import type { Command } from 'commander';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fieldLabel, writeAuditWorkbook } from '../../audit/auditWorkbook.js';
import { auditBatch, type AuditResult } from '../../audit/recompute.js';
import { strataDimensions, strataText, type StratumDimension } from '../../audit/sample.js';
import { percentText } from '../../audit/stats.js';
import { ExitCode, UsageError } from '../../errors.js';
import type { Context } from '../context.js';
import type { Wrap } from '../main.js';

interface AuditOpts {
  batch: string;
  sample: string;
  seed: string;
  strata?: string;
  out?: string;
}

/** `--strata` spellings: the English names of data-contract.md and the Chinese column names. */
const strataSpellings: Record<string, StratumDimension> = {
  region: 'region',
  region_code: 'region',
  区划: 'region',
  区划代码: 'region',
  地区: 'region',
  verdict: 'verdict',
  结论: 'verdict',
  核对结论: 'verdict',
  program: 'program',
  救助类别: 'program',
  类别: 'program',
};

/** `region,verdict,program` → dimensions; `none` → unstratified; default all three. */
export function parseStrataOption(value: string | undefined): StratumDimension[] {
  if (value === undefined) return [...strataDimensions];
  const trimmed = value.trim();
  if (trimmed.toLowerCase() === 'none' || trimmed === '不分层') return [];
  const out: StratumDimension[] = [];
  for (const part of trimmed.split(/[,，、\s]+/).filter(Boolean)) {
    const dim = strataSpellings[part.toLowerCase()] ?? strataSpellings[part];
    if (!dim) {
      throw new UsageError('BAD_OPTION', `--strata 中的“${part}”不是可用的分层维度`, {
        hint: '可用：region（区划代码）、verdict（核对结论）、program（救助类别），以逗号分隔，例如 --strata region,program；不分层写 --strata none',
      });
    }
    if (!out.includes(dim)) out.push(dim);
  }
  if (out.length === 0) {
    throw new UsageError('BAD_OPTION', '--strata 不能为空', { hint: '例如 --strata region,verdict,program；不分层写 --strata none' });
  }
  return out;
}

export function parseSampleOption(value: string): number {
  const t = value.trim();
  const n = /^\d{1,9}$/.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new UsageError('BAD_OPTION', `--sample 须为正整数（抽取的户数），收到“${value}”`, { hint: '例如 --sample 50' });
  }
  return n;
}

/** `hedui audit`: seeded stratified sample of a past batch, recomputed from the archive, every difference listed. */
export function registerAudit(program: Command, wrap: Wrap): void {
  program
    .command('audit')
    .description('抽查：对已完成的批次按随机种子分层抽样，用工作区归档的原始输入和参数包逐户复算并逐字段比对，输出 audit.xlsx')
    .requiredOption('--batch <id>', '工作区批次号，或 results.json 中的 batch_id（16 位十六进制）')
    .requiredOption('--sample <n>', '抽取户数（不少于批次户数时全部抽取）')
    .requiredOption('--seed <s>', '随机种子（任意文字；相同种子得到相同样本）')
    .option('--strata <dims>', '分层维度，逗号分隔：region,verdict,program（默认三者全用；none 为不分层）')
    .option('--out <dir>', '抽查工作簿 audit.xlsx 的输出文件夹（默认当前文件夹）')
    .action(wrap<AuditOpts>(async (ctx, opts) => auditAction(ctx, opts)));
}

export async function auditAction(ctx: Context, opts: AuditOpts): Promise<number> {
  const sample = parseSampleOption(opts.sample);
  const strata = parseStrataOption(opts.strata);
  if (opts.seed.length === 0) throw new UsageError('BAD_OPTION', '--seed 不能为空', { hint: '例如 --seed 2024-07-审计-1' });
  const outDir = resolve(opts.out ?? '.');
  const db = ctx.openDb();
  const result = await auditBatch(db, { batch: opts.batch, sample, seed: opts.seed, strata, progress: ctx.progress });
  await mkdir(outDir, { recursive: true, mode: 0o700 });
  const workbook = join(outDir, 'audit.xlsx');
  await writeAuditWorkbook(workbook, result);
  const code = result.differences.length > 0 ? ExitCode.difference : ExitCode.ok;
  ctx.log.info(
    { batch: result.batch.id, sample: result.sampleSize, population: result.population, households_with_differences: result.householdsWithDifferences },
    'audit done',
  );
  printSummary(ctx, result, workbook);
  if (ctx.json) process.stdout.write(JSON.stringify(auditJson(result, workbook, code)) + '\n');
  ctx.progress.done(code);
  return code;
}

/** Differences printed on the terminal before pointing to the workbook for the rest. */
const maxPrinted = 30;

function printSummary(ctx: Context, r: AuditResult, workbook: string): void {
  const b = r.batch;
  ctx.say(`抽查批次 ${b.key}（工作区第 ${b.id} 批，核对基准日 ${b.asOf || '无'}，参数包 ${b.policy.id} 版本 ${b.policy.version}）`);
  ctx.say(`随机种子“${r.seed}”；分层：${strataText(r.strata)}，非空层 ${r.allocation.length} 个`);
  ctx.say(
    `总体 ${r.population} 户，抽取 ${r.sampleSize} 户${r.requested > r.population ? `（要求 ${r.requested} 户，多于总体，全部抽取）` : ''}；已用归档的原始输入和参数包复算 ${r.recomputedHouseholds} 户`,
  );
  const rate = r.errorRate;
  const rateText = rate ? `差错率 ${percentText(rate.rate)}，95% 置信区间 ${percentText(rate.lower)} ～ ${percentText(rate.upper)}` : '未抽取任何家庭';
  if (r.differences.length === 0) {
    ctx.say(`结论：未发现差异，抽中家庭的报告结果与复算结果逐字段一致（${rateText}）`);
  } else {
    ctx.say(`结论：发现差异——${r.householdsWithDifferences} 户共 ${r.differences.length} 项（${rateText}），退出码 4`);
    for (const d of r.differences.slice(0, maxPrinted)) {
      const label = fieldLabel(d.path);
      ctx.say(`  ${d.applicationId}　${d.path}${label !== d.path ? `（${label}）` : ''}：报告 ${d.reported}，复算 ${d.recomputed}`);
    }
    if (r.differences.length > maxPrinted) ctx.say(`  ……其余 ${r.differences.length - maxPrinted} 项见抽查工作簿的“差异明细”`);
  }
  ctx.say(`抽查工作簿：${workbook}`);
}

export function auditJson(r: AuditResult, workbook: string, exitCode: number): Record<string, unknown> {
  return {
    batch_id: r.batch.key,
    workspace_batch: r.batch.id,
    as_of: r.batch.asOf || null,
    policy: { id: r.batch.policy.id, version: r.batch.policy.version, sha256: r.batch.policy.sha256 },
    seed: r.seed,
    strata: r.strata,
    sample_requested: r.requested,
    population: r.population,
    sample_size: r.sampleSize,
    recomputed_households: r.recomputedHouseholds,
    allocation: r.allocation.map((s) => ({ stratum: s.stratum, population: s.population, sample: s.sample })),
    sample: r.households.map((h) => ({ application_id: h.applicationId, stratum: h.stratum, verdict: h.verdict, differences: h.differences })),
    households_with_differences: r.householdsWithDifferences,
    differences: r.differences.map((d) => ({ application_id: d.applicationId, path: d.path, reported: d.reported, recomputed: d.recomputed })),
    error_rate: r.errorRate?.rate ?? null,
    ci95: r.errorRate ? [r.errorRate.lower, r.errorRate.upper] : null,
    outputs: { workbook },
    exit_code: exitCode,
  };
}
