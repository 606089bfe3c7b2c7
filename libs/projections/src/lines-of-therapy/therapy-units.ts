import type { PartialDate } from '@app/domain';
import type { DatedFact, DatedFactOf } from './dated-facts.js';

type Chemotherapy = DatedFactOf<'ChemotherapyAdministered'>;
/** What is given before a CAR-T infusion to get there: bridging chemotherapy and lymphodepletion. */
export type Prelude = Chemotherapy | DatedFactOf<'LymphodepletionGiven'>;

/**
 * One piece of anticancer therapy as lines count it: a course of a regimen, a transplant, or a
 * CAR-T episode, which is the infusion together with the bridging and lymphodepletion before it.
 * `order` is the clinical order of its first fact, where the line decision is taken.
 */
export type TherapyUnit =
  | { readonly kind: 'chemotherapy'; readonly order: number; readonly on: PartialDate; readonly course: Chemotherapy }
  | { readonly kind: 'hsct'; readonly order: number; readonly on: PartialDate; readonly transplant: DatedFactOf<'HsctPerformed'> }
  | { readonly kind: 'car-t'; readonly order: number; readonly on: PartialDate; readonly preludes: readonly Prelude[]; readonly infusion: DatedFactOf<'CarTInfused'> };

/**
 * Groups the anticancer facts (in clinical order) into units. Bridging chemotherapy and
 * lymphodepletion wait for the next infusion; if another therapy comes first, or the record ends,
 * bridging stands as a course of its own (it bridged to something else) and lymphodepletion is
 * dropped, since it is never a line of its own. Supportive drugs and procedures are not therapy here.
 */
export function therapyUnits(facts: readonly DatedFact[]): TherapyUnit[] {
  const units: TherapyUnit[] = [];
  let waiting: Prelude[] = [];
  const release = (): void => {
    for (const p of waiting) if (p.type === 'ChemotherapyAdministered') units.push(courseOf(p));
    waiting = [];
  };
  for (const f of facts) {
    switch (f.type) {
      case 'LymphodepletionGiven':
        waiting.push(f);
        break;
      case 'ChemotherapyAdministered':
        if (f.data.intent === 'bridging') waiting.push(f);
        else {
          release();
          units.push(courseOf(f));
        }
        break;
      case 'CarTInfused': {
        const first = waiting[0] ?? f;
        units.push({ kind: 'car-t', order: first.order, on: first.on, preludes: waiting, infusion: f });
        waiting = [];
        break;
      }
      case 'HsctPerformed':
        release();
        units.push({ kind: 'hsct', order: f.order, on: f.on, transplant: f });
        break;
      default:
        break;
    }
  }
  release();
  return units.sort((a, b) => a.order - b.order);
}

const courseOf = (f: Chemotherapy): TherapyUnit => ({ kind: 'chemotherapy', order: f.order, on: f.on, course: f });

/** Every fact a unit is made of, first one first. */
export function unitFacts(unit: TherapyUnit): readonly DatedFact[] {
  switch (unit.kind) {
    case 'chemotherapy':
      return [unit.course];
    case 'hsct':
      return [unit.transplant];
    case 'car-t':
      return [...unit.preludes, unit.infusion];
  }
}
