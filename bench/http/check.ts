import { isDeepStrictEqual } from 'node:util';
import { type BenchRequest, CASES, type Case } from './spec.js';

export interface BenchResponse {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: string;
}

/** One transport (a socket, the in-process driver) as the check sees it. */
export type Send = (request: BenchRequest) => Promise<BenchResponse>;

/**
 * Sends every case once and returns what differs from the spec, one line per problem; an empty
 * list means the peer may be measured.
 */
export async function checkPeer(send: Send, cases: readonly Case[] = CASES): Promise<string[]> {
  const problems: string[] = [];
  for (const c of cases) {
    let response: BenchResponse;
    try {
      response = await send(c.request);
    } catch (error) {
      problems.push(`${c.name}: request failed: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const problem = judge(c, response);
    if (problem !== undefined) problems.push(`${c.name}: ${problem}`);
  }
  return problems;
}

function judge(c: Case, response: BenchResponse): string | undefined {
  if (response.status !== c.expect.status) {
    return `status ${response.status}, expected ${c.expect.status} (body ${clip(response.body)})`;
  }
  if (c.expect.json === undefined) return undefined;
  const mediaType = response.contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') return `content-type ${response.contentType ?? '(none)'}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    return `body is not JSON: ${clip(response.body)}`;
  }
  if (!isDeepStrictEqual(parsed, c.expect.json)) {
    return `body ${clip(response.body)}, expected ${JSON.stringify(c.expect.json)}`;
  }
  return undefined;
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
