#!/usr/bin/env node
/**
 * Checks every golden case without running hedui: YAML parses, structure, cells are strings, IDs are what the case
 * says they are, and coverage (rules, reason codes, traps). `--table` prints the coverage table (markdown).
 *
 *   node test/golden/tools/check-cases.mjs [--table]
 */
import { allRules, allTraps, caseFileNames, caseProblems, householdCodes, idProblems, importCodes, loadCase, ruleList } from './cases.mjs';

const problems = [];
const byRule = new Map(allRules.map((r) => [r, []]));
const byCode = new Map([...householdCodes, ...importCodes].map((c) => [c, []]));
const byTrap = new Map(allTraps.map((t) => [t, []]));
const files = caseFileNames();
for (const f of files) {
  let c;
  try {
    c = loadCase(f);
  } catch (e) {
    problems.push(`${f}: YAML does not parse: ${e.message}`);
    continue;
  }
  for (const p of [...caseProblems(f, c), ...idProblems(c)]) problems.push(`${f}: ${p}`);
  for (const r of ruleList(c)) byRule.get(r)?.push(f);
  for (const t of c.traps ?? []) byTrap.get(t)?.push(f);
  const codes = new Set();
  for (const h of Object.values(c.expected?.households ?? {})) for (const code of h?.reasons ?? []) codes.add(code);
  for (const r of c.expected?.rejected ?? []) codes.add(r.reason_code);
  for (const code of codes) byCode.get(code)?.push(f);
}
if (files.length < 45) problems.push(`only ${files.length} cases (need ≥ 45)`);
for (const [what, map] of [['rule', byRule], ['reason code', byCode], ['trap', byTrap]]) {
  for (const [k, v] of map) if (v.length === 0) problems.push(`no case covers ${what} ${k}`);
}

if (process.argv.includes('--table')) {
  const short = (fs) => fs.map((f) => f.replace(/\.yaml$/, '')).join(', ');
  console.log('| rule / code / trap | cases |\n|---|---|');
  for (const map of [byRule, byCode, byTrap]) for (const [k, v] of map) console.log(`| ${k} | ${short(v)} |`);
}
console.log(`${files.length} cases, ${problems.length} problems`);
for (const p of problems) console.log(`  ${p}`);
process.exitCode = problems.length ? 1 : 0;
