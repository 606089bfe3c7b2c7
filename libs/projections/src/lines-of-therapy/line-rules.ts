import type { EventDataOf, ResponseResult } from '@app/domain';

/** Why a regimen was given, as the record spells it (induction, bridging, maintenance, ...). */
export type ChemotherapyIntent = EventDataOf<'ChemotherapyAdministered'>['intent'];

/**
 * Where an HSCT goes.
 * - `consolidates-line-in-remission`: an HSCT while the current line is in remission, with no
 *   relapse or progression since, consolidates that line, whatever the line (IMWG "planned
 *   sequential therapy": re-induction then transplant in CR2 is one line, as is CAR-T then HSCT).
 * - `consolidates-car-t-line-only`: the same, but only a CAR-T line is consolidated; an HSCT after
 *   a chemotherapy remission is a change of therapy (the narrowest reading of DOMAIN.md).
 * - `own-line`: every HSCT is a line of its own (registries that count transplants as lines).
 * An HSCT after relapse, refractoriness or progression opens a new line under every choice; one
 * that neither follows a failure nor consolidates is a change of therapy (drugChangeWithoutFailure).
 */
export type HsctPlacement = 'consolidates-line-in-remission' | 'consolidates-car-t-line-only' | 'own-line';

/**
 * What a different regimen, begun with no failure in between, does: `opens-line` counts an
 * unplanned drug change as a new line (the usual line-counting convention, e.g. for intolerance);
 * `stays-in-line` keeps it in the current line (registries that only count lines at failure).
 */
export type DrugChangePolicy = 'opens-line' | 'stays-in-line';

/** The rules that turn a record into lines of therapy. Every choice is stated in the result. */
export interface LineRules {
  /** Where an HSCT goes (see HsctPlacement). */
  readonly hsct: HsctPlacement;
  /** What a different regimen without an intervening failure does (see DrugChangePolicy). */
  readonly drugChangeWithoutFailure: DrugChangePolicy;
  /**
   * Intents that mark a different chemotherapy regimen, given while the line is in remission, as
   * the planned next phase of the same line rather than a drug change: a front-line protocol's
   * induction, consolidation and maintenance blocks carry different regimen names but are one line.
   * Empty: every different regimen is a drug change.
   */
  readonly plannedContinuationIntents: readonly ChemotherapyIntent[];
  /**
   * Overall response results that, in a line that has not reached remission, end it as refractory.
   * SD is left out by default: a stable marrow mid-course is not yet a failure.
   */
  readonly refractoryResults: readonly ResponseResult[];
}

export const DEFAULT_LINE_RULES: LineRules = {
  hsct: 'consolidates-line-in-remission',
  drugChangeWithoutFailure: 'opens-line',
  plannedContinuationIntents: ['consolidation', 'maintenance'],
  refractoryResults: ['NR', 'PD'],
};
