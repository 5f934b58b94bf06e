/**
 * What the pure core returns for one household. Money in integer 分 (serialised to yuan by src/report/resultsJson.ts),
 * areas in hundredths of m². Field meanings follow results.json in data-contract.md.
 */
import type { SourceRef } from './input.js';
import type { Program } from '../policy/types.js';
import type { Trace } from './trace.js';

export type Verdict = '符合' | '不符合' | '待复核';
export type VerdictCode = 'eligible' | 'ineligible' | 'review';
export const verdictCodeOf: Record<Verdict, VerdictCode> = { 符合: 'eligible', 不符合: 'ineligible', 待复核: 'review' };

export type Severity = 'blocking' | 'adverse' | 'review' | 'info';

export const householdReasonCodes = {
  blocking: ['AUTH_MISSING', 'ID_INVALID', 'NO_MEMBERS', 'POLICY_NOT_FOUND'],
  adverse: [
    'INCOME_OVER_LINE',
    'FIN_ASSETS_OVER_LIMIT',
    'FIN_ASSETS_FLAG',
    'VEHICLE_OWNED',
    'HOUSING_OVER_LIMIT',
    'NON_RESIDENTIAL_PROPERTY',
    'LABOUR_CAPACITY',
  ],
  review: ['SUSPECT_EVIDENCE', 'CROSSPROV_PENDING', 'BUSINESS_REGISTERED', 'DUPLICATE_MEMBER', 'MEMBER_DECEASED'],
  info: [
    'NAME_MISMATCH',
    'ID_UPGRADED',
    'ID_REGION_UNKNOWN',
    'DECLARED_INCOME_UNDERSTATED',
    'GRADUAL_EXIT',
    'SINGLE_PERSON_SUGGESTED',
  ],
} as const;
export type HouseholdReasonCode = (typeof householdReasonCodes)[Severity][number];

export interface Reason {
  code: HouseholdReasonCode;
  severity: Severity;
  /** Rule id, e.g. "R9" (ordering and citation). */
  rule: string;
  /** Chinese, from the code's one template. */
  message: string;
  /** The member concerned, masked (first 6 + last 4). */
  memberIdMasked?: string;
  /** The member's input ordinal (ordering: 本人 first, then input order). */
  memberOrdinal?: number;
  /** Source rows behind the reason. */
  evidence?: SourceRef[];
}

/** The published figures of one bound (R4). Money in 分; null where a figure does not apply. */
export interface Figures {
  householdIncomeWindow: number;
  perCapitaMonthlyIncome: number;
  /** 刚性支出 only (R8). */
  perCapitaAfterRigid: number | null;
  /** The line actually compared (R8). */
  incomeLine: number;
  financialAssetsTotal: number;
  perCapitaFinancialAssets: number;
  financialAssetLimit: number;
  vehiclesCounted: number;
  residentialUnits: number;
  /** S / n in hundredths of m², rounded half-up (the test itself compares exactly). */
  residentialAreaPerCapita: number;
}

export type Tier = '特困' | '低保' | '低保边缘' | 'none';

export interface HouseholdAssessment {
  applicationId: string;
  regionCode: string;
  areaType: '城市' | '农村';
  program: Program;
  verdict: Verdict;
  verdictCode: VerdictCode;
  /** In rules.md order: severity, rule id, member (本人 first, then input order), source file and line. */
  reasons: Reason[];
  /** null when no policy applies. */
  policyPeriod: { region: string; from: string; citation: string } | null;
  membersCounted: number;
  /** null when blocked (R15 step 1). */
  incomeWindow: { from: string; to: string; months: number } | null;
  /** Lower bound; null when blocked. */
  figures: Figures | null;
  /** Upper-bound figures that differ from the lower bound (only the differing keys); null when none differ. */
  upper: Partial<Figures> | null;
  /** 分 per month; 低保/低保复核 when 符合 and not 渐退期, else null. */
  benefitMonthly: number | null;
  /** null when blocked. */
  tier: Tier | null;
  tierProvisional: boolean;
  /** Everything behind the figures (src/assess/trace.ts). */
  trace: Trace;
}
