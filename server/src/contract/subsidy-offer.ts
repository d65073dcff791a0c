import type { DistrictCode } from './reference';

/**
 * 免申即享: a program marked `offerMode: 'auto'` is offered to the graduates the platform's records show
 * qualify (registry, recorded hires, social insurance); each confirms with one tap instead of applying.
 */
export const OFFER_MODES = ['apply', 'auto'] as const;
export type OfferMode = (typeof OFFER_MODES)[number];

export const OFFER_STATUSES = ['offered', 'confirmed', 'declined', 'expired'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export const OFFER_STATUS_LABELS: Record<OfferStatus, string> = {
  offered: '待确认',
  confirmed: '已确认',
  declined: '不需要',
  expired: '已过期',
};

/** What the records say, as the application will be filled in. */
export interface OfferPrefill {
  graduationDate: string;
  employmentDistrict?: DistrictCode;
  employerName?: string;
  employerUscc?: string;
  socialInsuranceMonths?: number;
  hardship?: boolean;
}

export interface SubsidyOfferView {
  id: string;
  programId: string;
  programName: string;
  period: string;
  /** Yuan, as computed from the records ("约 N 元": review may still change it). */
  amount: number;
  /** 你符合 XX，约 N 元 */
  message: string;
  explanation: string;
  status: OfferStatus;
  /** Beijing date (inclusive) until which it can be confirmed. */
  expiresOn: string;
  prefill: OfferPrefill;
  /** Where the facts come from, in plain words. */
  sources: string[];
  /** The application a confirmation created. */
  applicationId?: string;
  offeredAt: string;
}

/** The one tap: consent and the receiving account; everything else comes from the records. */
export interface OfferConfirmInput {
  bankName: string;
  bankAccount: string;
  consent: boolean;
}

/** The 免申即享 switch of a program, set on its own (the bureau's program settings). */
export interface OfferModeInput {
  offerMode: OfferMode;
}

export const MATCH_RUN_STATUSES = ['running', 'done', 'failed'] as const;
export type MatchRunStatus = (typeof MATCH_RUN_STATUSES)[number];

/**
 * One run of a program's match. It runs outside the request that started it (answered at once with the run),
 * held by one process under a lease; the staff page polls it. The figures grow page by page while it runs.
 */
export interface OfferMatchRun {
  id: string;
  programId: string;
  status: MatchRunStatus;
  /** Registry records when the run started (the progress bar's whole). */
  total: number;
  /** Registry records read so far. */
  scanned: number;
  /** Of them, qualifying by the records. */
  matched: number;
  /** New offers written by this run (a rerun: 0 for everyone already offered). */
  created: number;
  /** Graduates with an account told (inbox + subscribe message). */
  notified: number;
  startedAt: string;
  finishedAt?: string;
  elapsedMs?: number;
  /** Why a failed run stopped, in plain words. */
  error?: string;
}

export interface OfferProgramCounts {
  programId: string;
  programName: string;
  period: string;
  open: boolean;
  offered: number;
  confirmed: number;
  declined: number;
  expired: number;
  /** The newest match run of the program, if any. */
  lastRun?: OfferMatchRun;
}
