import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  LinearRouter,
  type LookupResult,
  type ParamValue,
  RouteConflictError,
  Router,
} from '../../src/router/index.js';

const literal = fc.stringMatching(/^[a-z][a-z0-9._-]{0,5}$/);

/** Parameter specs that are valid anywhere but in the last segment. */
const middleSpec = fc.constantFrom(
  '',
  ':int',
  ':int min(1)',
  ':int64',
  ':uint8 else 400',
  ':bool',
  ':alphabetical',
  ':file',
  ':uuid',
  ':email',
  ':weekday',
  ':string max(3)',
  ':string prefix(a) else 422',
  ':[a-z]{2}',
  ':[0-9]+|x',
  ':long',
  ':boolean',
);
const lastSpec = fc.oneof(
  middleSpec,
  fc.constantFrom(':*', ':path', ':date', ':*?', '?', '?:int', '?:number'),
);

const template = fc
  .array(
    fc.oneof(
      literal,
      middleSpec.map((spec) => ({ spec })),
    ),
    { maxLength: 5 },
  )
  .chain((middle) =>
    fc.record({
      middle: fc.constant(middle),
      last: fc.oneof(
        literal,
        lastSpec.map((spec) => ({ spec })),
      ),
      verb: fc.constantFrom('', '', ':cancel', '.json'),
    }),
  )
  .map(({ middle, last, verb }) => {
    let n = 0;
    const segments = [...middle, last].map((part) =>
      typeof part === 'string' ? part : `{p${n++}${part.spec}}`,
    );
    const tail = segments.length - 1;
    const lastIsPlainParam =
      typeof last !== 'string' && !['*', 'path', 'date', '?'].some((s) => last.spec.includes(s));
    if (lastIsPlainParam) segments[tail] += verb;
    return `/${segments.join('/')}`;
  });

const pathText = fc.oneof(
  fc.webPath(),
  fc
    .array(
      fc.oneof(
        literal,
        fc.string({ unit: 'binary', maxLength: 8 }),
        fc.constantFrom('%', '%zz', '%2F', '?', '#', '', '1', 'true'),
      ),
      {
        maxLength: 7,
      },
    )
    .map((parts) => `/${parts.join('/')}`),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

const methods = fc.constantFrom('GET', 'POST', '*');
const policy = fc.constantFrom('strict' as const, 'ignore' as const, 'redirect' as const);

function wellFormed(result: LookupResult<number>): boolean {
  switch (result.kind) {
    case 'found':
      return typeof result.value === 'number' && typeof result.template === 'string';
    case 'redirect':
      return result.location.startsWith('/');
    case 'rejected':
      return result.status >= 400 && result.status <= 599 && result.param.length > 0;
    case 'not-found':
      return true;
  }
}

describe('router properties', () => {
  test('any valid templates and any path: lookups and allowed() never throw', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(methods, template), { maxLength: 25 }),
        fc.array(pathText, { minLength: 1, maxLength: 10 }),
        policy,
        fc.boolean(),
        (routes, paths, trailingSlash, caseSensitive) => {
          const router = new Router<number>({ trailingSlash, caseSensitive });
          routes.forEach(([method, text], index) => {
            try {
              router.add(method, text, index);
            } catch (error) {
              if (!(error instanceof RouteConflictError)) throw error;
            }
          });
          for (const path of paths) {
            for (const method of ['GET', 'POST', 'PUT']) assert.ok(wellFormed(router.lookup(method, path)));
            assert.ok(Array.isArray(router.allowed(path)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test('every registered static template finds itself', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.array(literal, { minLength: 1, maxLength: 4 }), { maxLength: 40 }),
        (paths) => {
          const router = new Router<number>();
          const added = new Map<string, number>();
          paths.forEach((segments, index) => {
            const path = `/${segments.join('/')}`;
            if (added.has(path)) return;
            router.add('GET', path, index);
            added.set(path, index);
          });
          for (const [path, index] of added) assert.equal(router.find('GET', path)?.value, index);
        },
      ),
    );
  });

  interface Piece {
    /** Template text for the segment(s). */
    readonly template: string;
    /** Path text, percent-encoded where needed. */
    readonly path: string;
    /** The value the router must give back, or undefined for a literal. */
    readonly value?: ParamValue;
    /** Further parameters of the same segment and their values. */
    readonly more?: readonly (readonly [string, ParamValue])[];
  }

  const encodedString = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 });
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const valuePiece: fc.Arbitrary<(name: string) => Piece> = fc.oneof(
    encodedString.map((text) => (name: string) => ({
      template: `{${name}}`,
      path: encodeURIComponent(text),
      value: text,
    })),
    fc
      .maxSafeInteger()
      .map((n) => (name: string) => ({ template: `{${name}:int}`, path: String(n), value: n })),
    fc.bigInt(-(2n ** 63n), 2n ** 63n - 1n).map((n) => (name: string) => ({
      template: `{${name}:int64}`,
      path: String(n),
      value: n,
    })),
    fc
      .constantFrom(['1', true], ['True', true], ['F', false], ['false', false] as const)
      .map(([text, value]) => (name: string) => ({ template: `{${name}:bool}`, path: text, value })),
    fc.stringMatching(/^[A-Za-z]{1,8}$/).map((text) => (name: string) => ({
      template: `{${name}:alphabetical}`,
      path: text,
      value: text,
    })),
    fc.uuid().map((text) => (name: string) => ({ template: `{${name}:uuid}`, path: text, value: text })),
    fc.stringMatching(/^[a-z0-9]{1,6}$/).map((text) => (name: string) => ({
      template: `{${name}:[a-z0-9]{1,6}}`,
      path: text,
      value: text,
    })),
    fc.integer({ min: 0, max: 6 }).map((day) => (name: string) => ({
      template: `{${name}:weekday min(0)}`,
      path: String(day).padStart(2, '0'),
      value: day,
    })),
    // Several parameters in one segment: a separator none of the later values holds.
    fc
      .tuple(encodedString, fc.stringMatching(/^[a-z0-9.]{1,6}$/), fc.constantFrom('-', '~', '_to_'))
      .map(([first, second, separator]) => (name: string) => ({
        template: `{${name}}${separator}{${name}_b}`,
        path: `${encodeURIComponent(first)}${separator}${second}`,
        value: first,
        more: [[`${name}_b`, second] as const],
      })),
    fc
      .tuple(fc.maxSafeInteger(), fc.integer({ min: 0, max: 59 }))
      .map(([hour, minute]) => (name: string) => ({
        template: `v{${name}:int}h{${name}_m:int}m`,
        path: `v${hour}h${String(minute).padStart(2, '0')}m`,
        value: hour,
        more: [[`${name}_m`, minute] as const],
      })),
  );
  const lastPiece: fc.Arbitrary<(name: string) => Piece> = fc.oneof(
    valuePiece,
    fc.array(encodedString, { minLength: 1, maxLength: 4 }).map((parts) => (name: string) => ({
      template: `{${name}:path}`,
      path: parts.map(encodeURIComponent).join('/'),
      value: parts.join('/'),
    })),
    fc
      .date({
        min: new Date('0001-01-01T00:00:00Z'),
        max: new Date('9999-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((date) => (name: string) => {
        const day = new Date(Date.UTC(2000, date.getUTCMonth(), date.getUTCDate()));
        day.setUTCFullYear(date.getUTCFullYear());
        const path = `${pad(day.getUTCFullYear(), 4)}/${pad(day.getUTCMonth() + 1, 2)}/${pad(day.getUTCDate(), 2)}`;
        return { template: `{${name}:date}`, path, value: day };
      }),
  );
  const literalPiece = literal.map((text) => (): Piece => ({ template: text, path: text }));

  test('a template built from random params matches the path built from the same values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(literalPiece, valuePiece), { maxLength: 5 }),
        fc.oneof(literalPiece, lastPiece),
        policy,
        (middle, last, trailingSlash) => {
          const pieces = [...middle, last].map((make, index) => make(`p${index}`));
          const template = `/${pieces.map((piece) => piece.template).join('/')}`;
          const path = `/${pieces.map((piece) => piece.path).join('/')}`;
          const router = new Router<string>({ trailingSlash, maxParamLength: 1000 });
          router.add('GET', template, template);
          const expected = Object.fromEntries(
            pieces.flatMap((piece, index) =>
              piece.value === undefined ? [] : [[`p${index}`, piece.value], ...(piece.more ?? [])],
            ),
          );
          const found = router.lookup('GET', path);
          assert.equal(found.kind, 'found', `${template} on ${path}`);
          assert.deepEqual(found.kind === 'found' ? { ...found.params } : undefined, expected);
          assert.equal(router.find('GET', `${path}?q=${encodeURIComponent(path)}`)?.value, template);
        },
      ),
      { numRuns: 500 },
    );
  });

  // Few literals and values, so random tables overlap and random paths hit, miss and backtrack.
  const word = fc.constantFrom('a', 'b', 'users', 'x.json');
  const smallTemplate = fc
    .array(
      fc.oneof(
        word,
        middleSpec.map((spec) => ({ spec })),
      ),
      { minLength: 1, maxLength: 3 },
    )
    .chain((middle) =>
      fc.record({
        middle: fc.constant(middle.slice(0, -1)),
        last: fc.oneof(
          word,
          lastSpec.map((spec) => ({ spec })),
        ),
      }),
    )
    .map(({ middle, last }) => {
      let n = 0;
      const segments = [...middle, last].map((part) =>
        typeof part === 'string' ? part : `{p${n++}${part.spec}}`,
      );
      return `/${segments.join('/')}`;
    });
  const smallPath = fc
    .array(
      fc.constantFrom(
        'a',
        'b',
        'users',
        'x.json',
        '1',
        '007',
        'abc',
        'true',
        'A',
        '%61',
        '5:cancel',
        '',
        '2024',
        '01',
      ),
      { maxLength: 4 },
    )
    .chain((parts) =>
      fc.constantFrom(`/${parts.join('/')}`, `/${parts.join('/')}/`, `/${parts.join('/')}?q=1`),
    );

  test('Router, generated and interpreted, answers as LinearRouter, the reference, through adds and removes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(methods, smallTemplate, fc.boolean()), { maxLength: 20 }),
        fc.array(smallPath, { minLength: 1, maxLength: 12 }),
        policy,
        fc.boolean(),
        (routes, paths, trailingSlash, caseSensitive) => {
          const options = { trailingSlash, caseSensitive };
          const tables = [
            new LinearRouter<number>(options),
            new Router<number>(options),
            new Router<number>({ ...options, codegen: false }),
          ];
          routes.forEach(([method, text, removeLater], index) => {
            for (const table of tables) {
              try {
                table.add(method, text, index);
              } catch (error) {
                if (!(error instanceof RouteConflictError)) throw error;
              }
            }
            if (removeLater && index % 3 === 0) {
              const removed = tables.map((table) => table.remove(method, text));
              assert.deepEqual(
                removed,
                removed.map(() => removed[0]),
              );
            }
          });
          const [reference, ...others] = tables;
          for (const path of paths) {
            for (const method of ['GET', 'POST', 'PUT']) {
              const expected = reference!.lookup(method, path);
              for (const other of others)
                assert.deepEqual(other.lookup(method, path), expected, `${method} ${path}`);
            }
            for (const other of others) assert.deepEqual(other.allowed(path), reference!.allowed(path), path);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
