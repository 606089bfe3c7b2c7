import { DomainError } from '@app/domain';

/** An optional `from`/`to` query parameter as an instant; a malformed one is a 400 naming the parameter. */
export function instant(field: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw DomainError.validation('INVALID_INSTANT', [{ field, message: `must be an ISO date or instant; got "${value}"` }]);
  return new Date(t);
}
