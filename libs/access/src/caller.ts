/**
 * Who is calling, once authenticated: a person (bearer token) or a service account (API key),
 * with roles and the sites whose patients they may see. Patients of other sites do not exist for
 * them.
 */
export const ROLES = ['recorder', 'data-manager', 'analyst', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

export interface Caller {
  /** Stable id of the person or service account; what `recordedBy` says. */
  readonly subject: string;
  readonly roles: ReadonlySet<Role>;
  /** `all` for store-wide callers (admins, a sites claim of "*"). */
  readonly sites: 'all' | ReadonlySet<string>;
  readonly via: 'token' | 'api-key';
}

export const hasAnyRole = (caller: Caller, roles: readonly Role[]): boolean => roles.some((r) => caller.roles.has(r));

export const seesSite = (caller: Caller, siteId: string | undefined): boolean =>
  caller.sites === 'all' || (siteId !== undefined && caller.sites.has(siteId));

/** The caller's sites as a list for SQL filters; undefined when unrestricted. */
export const siteFilterOf = (caller: Caller): readonly string[] | undefined => (caller.sites === 'all' ? undefined : [...caller.sites]);

/** Roles and sites from token claims or an API key entry: unknown roles are ignored, "*" is every site. */
export function callerFrom(subject: string, roles: unknown, sites: unknown, via: Caller['via']): Caller {
  const roleList = typeof roles === 'string' ? roles.split(/[\s,]+/) : Array.isArray(roles) ? roles : [];
  const siteList = typeof sites === 'string' ? sites.split(/[\s,]+/) : Array.isArray(sites) ? sites : [];
  const strings = siteList.filter((s): s is string => typeof s === 'string' && s !== '');
  return {
    subject,
    roles: new Set(roleList.filter(isRole)),
    sites: strings.includes('*') ? 'all' : new Set(strings),
    via,
  };
}
