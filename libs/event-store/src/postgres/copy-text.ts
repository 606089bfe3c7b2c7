/** A value in a COPY row: null is SQL NULL; numbers and strings go as their text. */
export type CopyValue = string | number | null | undefined;

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

const field = (value: CopyValue): string => {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'number' ? String(value) : value;
  // Most values (ids, types, timestamps) need no escaping; testing first spares a copy of each.
  return SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] as string) : text;
};

/**
 * Rows in COPY's text format: tab between fields, newline after each row, `\N` for NULL, and
 * backslash, tab, newline and carriage return escaped inside a value.
 */
export function copyText(rows: readonly (readonly CopyValue[])[]): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) out += (i === 0 ? '' : '\t') + field(row[i]);
    out += '\n';
  }
  return out;
}
