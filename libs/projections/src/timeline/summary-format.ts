import type { Site } from '@app/domain';

/** Small pieces of wording shared by the per-type summaries, in the papers' own notation. */

/** Cell doses as papers print them: 2.99e6, 1.5e7. */
export const scientific = (n: number): string => n.toExponential().replace('e+', 'e');

export const quantity = (q: { value: number; unit: string }): string => (q.unit === '%' ? `${q.value}%` : `${q.value} ${q.unit}`);

const SITE_WORDS: Partial<Record<Site, string>> = { cns: 'CNS', csf: 'CSF' };

export const siteLabel = (site: Site): string => SITE_WORDS[site] ?? site.replaceAll('-', ' ');

export const sitesLabel = (sites: readonly { site: Site; detail?: string | undefined }[]): string =>
  sites.map((s) => siteLabel(s.site)).join(', ');

/** "CD19+ CD22+", "CD19-". */
export const antigensLabel = (antigens: readonly { antigen: string; positive: boolean }[]): string =>
  antigens.map((a) => `${a.antigen}${a.positive ? '+' : '-'}`).join(' ');

/** "Days -4..-2" for a run of days, "Day -4" for one, "Days -4, -2" otherwise. */
export function daysLabel(days: readonly number[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted.at(-1);
  if (first === undefined || last === undefined) return '';
  const signed = (d: number) => (d > 0 ? `+${d}` : String(d));
  if (sorted.length === 1) return `Day ${signed(first)}`;
  const contiguous = last - first === sorted.length - 1;
  return contiguous ? `Days ${signed(first)}..${signed(last)}` : `Days ${sorted.map(signed).join(', ')}`;
}

const ANALYTE_WORDS: Readonly<Record<string, string>> = {
  'CAR-T-percent': 'CAR-T cells',
  'CAR-copies': 'CAR copies',
  'CSF-protein': 'CSF protein',
  'intraocular-pressure': 'intraocular pressure',
};

/** Analytes as a reader expects them; cytokine names (IL-6, IFN-gamma) keep their hyphens. */
export const analyteLabel = (analyte: string): string => ANALYTE_WORDS[analyte] ?? analyte;

/** Joins the parts that are present. */
export const parts = (...items: readonly (string | false | undefined | null)[]): string =>
  items.filter((p): p is string => typeof p === 'string' && p.length > 0).join(', ');
