/** The policy layer: pack schema, loading, region/date/program resolution (rules.md “Policy pack”). */
export * from './types.js';
export { type Rational, rationalText, mulFenHalfUp, mulFenCeilYuan, compareRational } from './rational.js';
export { validatePolicyPack, stripRegionPadding, type ValidationResult } from './schema.js';
export { type PolicyProblem } from './problems.js';
export {
  resolvePolicy,
  resolveAllPrograms,
  matchRegion,
  type PolicyParams,
  type PolicyQuery,
  type PolicyResolution,
  type PolicyNotFound,
  type AllProgramsResolution,
} from './resolve.js';
export { edgeLineFen, incomeLineFen, financialAssetLimitFen, passesIncomeTest } from './lines.js';
export { staleWarning, staleAfterMonths, type PolicyStaleEvent, type StaleRegion } from './stale.js';
export {
  loadPolicyFile,
  findPolicyFile,
  parsePolicyBytes,
  isPolicyFileName,
  PolicyValidationError,
  type LoadedPolicy,
} from './load.js';
