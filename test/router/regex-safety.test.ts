import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Router, TemplateError } from '../../src/router/index.js';
import { unsafeRegex } from '../../src/router/regex-safety.js';

describe('parameter regexes that could backtrack exponentially', () => {
  test('are refused at add, with an explanation', () => {
    const router = new Router<string>();
    for (const template of ['/a/{id:(x+x+)+y}', '/a/{id:(a+){10}y}', '/a/{id:string regexp((x+x+)+y)}']) {
      assert.throws(
        () => router.add('GET', template, 'x'),
        (error: unknown) =>
          error instanceof TemplateError &&
          /exponential time/.test(error.reason) &&
          /separator/.test(error.reason),
        template,
      );
    }
    assert.deepEqual(router.routes(), []);
  });

  test('nested repetition, repeated alternation and repeated back-references are unsafe', () => {
    for (const source of [
      '(a+)+',
      '(a*)*b',
      '(?:a|aa)+',
      '(\\w|\\d)*$',
      '(?:[a-z]+[0-9]*){2,5}',
      '((a)\\2)+',
    ]) {
      assert.notEqual(unsafeRegex(source), null, source);
    }
  });

  test('separated, fixed-count and flat patterns are accepted and match', () => {
    const safe = [
      '[a-z0-9]+(?:-[a-z0-9]+)*',
      '(\\w+\\.)*\\w+',
      '(?:[0-9]{3})+',
      '(?:ab)+',
      '[0-9]+|x',
      'v[0-9]+(?:\\.[0-9]+){0,2}',
      '(?<year>[0-9]{4})-[0-9]{2}',
      '.*-.*',
    ];
    for (const source of safe) assert.equal(unsafeRegex(source), null, source);
    const router = new Router<string>();
    router.add('GET', '/slug/{s:[a-z0-9]+(?:-[a-z0-9]+)*}', 'slug');
    assert.deepEqual(router.find('GET', '/slug/blue-mug-2')?.params, { s: 'blue-mug-2' });
    assert.equal(router.find('GET', '/slug/blue--mug'), null);
  });

  test('three or more unbounded repetitions that can take the same characters are refused', () => {
    // a*a*a*a*a*a*a*y took 6.6 s to reject 60 a's: polynomial, but of degree 7.
    for (const source of [
      'a*a*a*a*a*a*a*y',
      '\\w*\\w*\\w*\\w*y',
      '.*.*.*y',
      '[a-z]+x?[a-z]*[a-z]+!',
      '(?:a*)(?:a*)a*y',
    ]) {
      const reason = unsafeRegex(source);
      assert.notEqual(reason, null, source);
      assert.match(reason!, /polynomial/, source);
    }
    assert.throws(() => new Router<string>().add('GET', '/x/{id:a*a*a*a*a*a*a*y}', 'x'), TemplateError);
    // A character none of them takes ends the run: each part backtracks over its own stretch.
    for (const source of [
      '[a-z]+-[a-z]+-[a-z]+',
      '[0-9]*\\.[0-9]*\\.[0-9]*',
      '-?[0-9]+(?:\\.[0-9]+)?',
      '.*-.*',
    ]) {
      assert.equal(unsafeRegex(source), null, source);
    }
  });

  test('a hostile segment against an accepted pattern is rejected quickly', () => {
    const router = new Router<string>();
    router.add('GET', '/slug/{s:[a-z]+(?:-[a-z]+)*}', 'slug');
    // Would take seconds if the pattern backtracked exponentially; the suite's timeout catches a regression.
    assert.equal(router.find('GET', `/slug/${'a-'.repeat(45)}!`), null);
  });
});
