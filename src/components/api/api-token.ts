import { timingSafeEqual } from 'node:crypto';

/** The header Dapr clients send the API token in, over HTTP and gRPC alike. */
export const API_TOKEN_HEADER = 'dapr-api-token';

/**
 * Compares a presented token with the configured one in constant time, so response timing
 * tells an attacker nothing about how much of a guess was right.
 */
export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The configured token: an explicit option wins, then DAPR_API_TOKEN; empty means no check. */
export function configuredToken(
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const token = option ?? env.DAPR_API_TOKEN;
  return token === undefined || token === '' ? undefined : token;
}
