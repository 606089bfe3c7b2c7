import type { EndpointDefinition } from './endpoint-definition.js';
import { deathEvent, firstInfusionOrigin, hsctCensor, hsctEvent, lastContactCensor, relapseEvent } from './source-catalogue.js';

/**
 * Built-in endpoints, all from the first CAR-T infusion. Event order is precedence on a tie of
 * dates, so it follows the order the papers name the events in.
 */

/** Seed 000's EFS: "an event was defined as bridging to HSCT, relapse or death"; alive and event-free are censored at last contact. */
export const EFS: EndpointDefinition = {
  paramcd: 'EFS',
  param: 'Event-free survival from first CAR-T infusion (relapse, bridging to HSCT or death)',
  origin: firstInfusionOrigin,
  events: [relapseEvent, hsctEvent, deathEvent],
  censors: [lastContactCensor],
};

/** EFS as studies that do not count a transplant as failure: follow-up ends, censored, at the HSCT. */
export const EFS_CENSORED_AT_HSCT: EndpointDefinition = {
  paramcd: 'EFSHSCTC',
  param: 'Event-free survival from first CAR-T infusion (relapse or death), censored at HSCT',
  origin: firstInfusionOrigin,
  events: [relapseEvent, deathEvent],
  censors: [lastContactCensor, hsctCensor],
};

export const RFS: EndpointDefinition = {
  paramcd: 'RFS',
  param: 'Relapse-free survival from first CAR-T infusion (relapse or death)',
  origin: firstInfusionOrigin,
  events: [relapseEvent, deathEvent],
  censors: [lastContactCensor],
};

export const OS: EndpointDefinition = {
  paramcd: 'OS',
  param: 'Overall survival from first CAR-T infusion',
  origin: firstInfusionOrigin,
  events: [deathEvent],
  censors: [lastContactCensor],
};

export const ENDPOINT_CATALOGUE: Readonly<Record<string, EndpointDefinition>> = { EFS, EFSHSCTC: EFS_CENSORED_AT_HSCT, RFS, OS };
