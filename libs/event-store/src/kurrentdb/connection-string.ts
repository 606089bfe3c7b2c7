/** Connection strings the client accepts (`esdb` is deprecated but still understood). */
export const KURRENTDB_URL_PATTERN = /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\/[^/?#]+/;

/** Host(s) and port(s) of a connection string, without credentials or options, for messages. */
export function addressOf(url: string): string {
  const hosts = /^[a-z+]+:\/\/(?:[^@/?#]*@)?([^/?#]*)/i.exec(url)?.[1];
  return hosts ? hosts : 'an unparsable KurrentDB connection string';
}
