import type { DatedFact } from './dated-facts.js';
import type { ChemotherapyIntent } from './line-rules.js';
import type { TherapyModality } from './line-of-therapy.js';

export interface RegimenIdentity {
  readonly name: string;
  readonly modality: TherapyModality;
  readonly intent?: ChemotherapyIntent;
}

/**
 * The regimen an anticancer fact belongs to. Two facts with the same identity in one line are
 * courses of one regimen, so names are built from what makes therapy the same: the regimen as
 * recorded, the drugs of a lymphodepletion (sorted, as sources list them in any order), the
 * product's source and target, the transplant's type.
 */
export function regimenOf(fact: DatedFact): RegimenIdentity | undefined {
  switch (fact.type) {
    case 'ChemotherapyAdministered':
      return { name: fact.data.regimen, modality: 'chemotherapy', intent: fact.data.intent };
    case 'LymphodepletionGiven':
      return { name: `lymphodepletion (${[...new Set(fact.data.agents.map((a) => a.drug))].sort().join(' + ')})`, modality: 'lymphodepletion' };
    case 'CarTInfused': {
      const { name, source, target } = fact.data.product;
      return { name: name ?? `${source} ${target} CAR-T`, modality: 'car-t' };
    }
    case 'HsctPerformed':
      return { name: `${fact.data.hsctType} HSCT`, modality: 'hsct' };
    default:
      return undefined;
  }
}
