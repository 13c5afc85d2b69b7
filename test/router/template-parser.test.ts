import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openApiPaths, parseTemplate, TemplateError, toOpenApiPath } from '../../src/router/index.js';

function failure(template: string): { column: number; reason: string } {
  try {
    parseTemplate(template);
  } catch (error) {
    assert.ok(error instanceof TemplateError, `${template}: ${String(error)}`);
    assert.equal(error.template, template);
    assert.ok(error.message.includes(template) && error.message.includes(`column ${error.column}`));
    return { column: error.column, reason: error.reason };
  }
  assert.fail(`${template} parsed`);
}

describe('parseTemplate', () => {
  test('lists literal segments and parameters in order', () => {
    const parsed = parseTemplate('/u/{id:int min(1)}/{slug}');
    assert.deepEqual(
      parsed.segments.map((segment) =>
        segment.type === 'param'
          ? `{${segment.param.name}}`
          : segment.type === 'literal'
            ? segment.value
            : '',
      ),
      ['u', '{id}', '{slug}'],
    );
    assert.deepEqual(parsed.params[0], {
      name: 'id',
      kind: 'macro',
      macro: 'int',
      functions: [{ name: 'min', args: ['1'] }],
      span: 1,
      optional: false,
      schema: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
      prefix: '',
      suffix: '',
      column: 4,
    });
    assert.deepEqual(parsed.params[1], {
      name: 'slug',
      kind: 'plain',
      functions: [],
      span: 1,
      optional: false,
      schema: { type: 'string' },
      prefix: '',
      suffix: '',
      column: 20,
    });
  });

  test('tells the parameter kinds apart', () => {
    const kinds = (template: string) =>
      parseTemplate(template).params.map((p) => [p.kind, p.macro ?? p.pattern]);
    assert.deepEqual(kinds('/{a}/{b:int}/{c:[0-9]+}/{d:*}'), [
      ['plain', undefined],
      ['macro', 'int'],
      ['regex', '[0-9]+'],
      ['tail', undefined],
    ]);
    assert.deepEqual(kinds('/{p:path}'), [['tail', undefined]]);
    assert.deepEqual(kinds('/{d:date}'), [['macro', 'date']]);
    assert.equal(parseTemplate('/{d:date}').params[0]!.span, 3);
    assert.equal(parseTemplate('/{p:*}').params[0]!.span, Number.POSITIVE_INFINITY);
    // A regex that is a plain word is written in a group; a bare word is always a macro name.
    assert.deepEqual(kinds('/{x:int|uint}/{y:(v1)}'), [
      ['regex', 'int|uint'],
      ['regex', '(v1)'],
    ]);
  });

  test('reads functions, quoted arguments, nested braces and else', () => {
    const [param] = parseTemplate(
      '/{name:string regexp(^[a-z]{2,4}$) eqor("a,b", c) prefix(x) else 422}',
    ).params;
    assert.deepEqual(param!.functions, [
      { name: 'regexp', args: ['^[a-z]{2,4}$'] },
      { name: 'eqor', args: ['a,b', 'c'] },
      { name: 'prefix', args: ['x'] },
    ]);
    assert.equal(param!.elseStatus, 422);
    assert.deepEqual(parseTemplate('/{c:[0-9]{3}}/x').params[0]!.pattern, '[0-9]{3}');
  });

  test('describes segments that mix text and parameters, and optional ones', () => {
    const parsed = parseTemplate('/at/{hour:int}h{minute:int}m/v{n}/{id?:int}');
    const [clock, version, last] = parsed.segments.slice(1);
    assert.equal(clock!.type, 'compound');
    assert.deepEqual(
      clock!.type === 'compound' ? clock!.params.map((p) => [p.name, p.prefix, p.suffix]) : [],
      [
        ['hour', '', ''],
        ['minute', 'h', 'm'],
      ],
    );
    assert.equal(version!.type === 'compound' ? version!.params[0]!.prefix : '', 'v');
    assert.equal(last!.type === 'param' && last!.param.optional, true);
    assert.deepEqual(
      parsed.params.map((p) => p.name),
      ['hour', 'minute', 'n', 'id'],
    );
    assert.equal(parseTemplate('/f/{rest:*?}').params[0]!.optional, true);
    assert.equal(parseTemplate('/f/{n:number}').params[0]!.macro, 'int');
  });

  test('keeps a custom verb as the suffix of the last parameter', () => {
    const parsed = parseTemplate('/tasks/{id:int}:cancel');
    assert.equal(parsed.params[0]!.suffix, ':cancel');
    assert.equal(parsed.segments.length, 2);
  });

  test('keeps the trailing slash and the root as an empty literal', () => {
    assert.deepEqual(parseTemplate('/').segments, [{ type: 'literal', value: '' }]);
    assert.deepEqual(parseTemplate('/a/').segments, [
      { type: 'literal', value: 'a' },
      { type: 'literal', value: '' },
    ]);
  });

  test('derives an OpenAPI schema from macro and functions', () => {
    const schema = (template: string) => parseTemplate(template).params[0]!.schema;
    assert.deepEqual(schema('/{a:string min(2) max(8)}'), { type: 'string', minLength: 2, maxLength: 8 });
    assert.deepEqual(schema('/{a:int range(1,10)}'), { type: 'integer', minimum: 1, maximum: 10 });
    assert.deepEqual(schema('/{a:int64}'), { type: 'integer', format: 'int64' });
    assert.deepEqual(schema('/{a:uuid}'), { type: 'string', format: 'uuid' });
    assert.deepEqual(schema('/{a:bool}'), { type: 'boolean' });
    assert.deepEqual(schema('/{a:[a-z]+}'), { type: 'string', pattern: '^(?:[a-z]+)$' });
    assert.deepEqual(schema('/{a:string eqor(x,y)}'), { type: 'string', enum: ['x', 'y'] });
    const safe = { minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER };
    assert.deepEqual(schema('/{a:int eq(07)}'), { type: 'integer', ...safe, enum: [7] });
    assert.deepEqual(schema('/{a:uint64}'), { type: 'integer', format: 'uint64', minimum: 0 });
    // A weekday travels as text, so its parsed number is no enum of the wire form.
    assert.equal(schema('/{a:weekday eq(monday)}').enum, undefined);
    const prefixed = new RegExp(schema('/{a:string prefix(v1.) suffix(.json)}').pattern!, 'u');
    assert.ok(prefixed.test('v1.a.json'));
    assert.ok(!prefixed.test('v1xa.json') && !prefixed.test('v1.a.jsonx'));
    const containing = new RegExp(schema('/{a:string contains(+)}').pattern!, 'u');
    assert.ok(containing.test('a+b') && !containing.test('ab'));
    const weekday = new RegExp(schema('/{a:weekday}').pattern!);
    assert.ok(['0', '6', 'Friday', 'SUNDAY'].every((day) => weekday.test(day)));
    assert.ok(!['7', 'fooday', 'sun'].some((day) => weekday.test(day)));
    assert.deepEqual(schema('/{a:file regexp(.*\\.txt)}'), {
      type: 'string',
      pattern: '(?=^[A-Za-z0-9_.-]+$)(?=^(?:.*\\.txt)$)',
    });
  });
});

describe('parseTemplate errors carry the template and the 1-based column', () => {
  const cases: [template: string, column: number, reason: RegExp][] = [
    ['', 1, /starts with "\/"/],
    ['users', 1, /starts with "\/"/],
    ['/users/{id', 8, /unclosed "\{"/],
    ['/u/{id:[0-9]{2}', 4, /unclosed "\{"/],
    ['/users/id}', 10, /unexpected "\}"/],
    ['/users/{}', 9, /empty parameter name/],
    ['/users/{:int}', 9, /empty parameter name/],
    ['/users/{1d}', 9, /invalid parameter name "1d"/],
    ['/users/{user-id}', 9, /invalid parameter name/],
    ['/users/{__proto__}', 9, /invalid parameter name/],
    ['/a/{id}/b/{id}', 12, /duplicate parameter name "id"/],
    ['/a/{id:}', 8, /missing type/],
    ['/a/{id:int foo(1)}', 12, /unknown macro function "foo"/],
    ['/a/{id:int min(1) maxx(2)}', 19, /unknown macro function "maxx"/],
    ['/a/{id:itn min(1)}', 8, /unknown macro "itn" \(did you mean "int"\?\)/],
    ['/a/{id:itn}', 8, /unknown macro "itn" \(did you mean "int"\?\).*\{id:\(itn\)\}/],
    ['/a/{id:Int}', 8, /unknown macro "Int" \(did you mean "int"\?\)/],
    ['/a/{ok:boool}', 8, /unknown macro "boool" \(did you mean "bool"\?\)/],
    ['/a/{id:(x+x+)+y}', 8, /unsafe regular expression: "\(x\+x\+\)\+" repeats/],
    ['/a/{id:(a+){10}y}', 8, /unsafe regular expression: "\(a\+\)\{10\}"/],
    ['/a/{id:(\\w|\\d)+}', 8, /unsafe regular expression/],
    ['/a/{id:string regexp((a|aa)+)}', 15, /unsafe regular expression/],
    ['/a/{id:int min 1}', 12, /min needs its arguments in parentheses/],
    ['/a/{id:int min(1}', 15, /unclosed "\("/],
    ['/a/{id:int min(x)}', 12, /"x" is not a number/],
    ['/a/{id:int min(1,2)}', 12, /min\(\) takes 1 argument, got 2/],
    ['/a/{id:int range(9,1)}', 12, /is empty/],
    ['/a/{id:bool min(1)}', 13, /need a string or numeric macro/],
    ['/a/{id:int eq(x)}', 12, /"x" is not a valid int/],
    ['/a/{id:string regexp([)}', 15, /invalid regular expression/],
    ['/a/{id:int else}', 12, /"else" needs a status from 400 to 599/],
    ['/a/{id:int else 302}', 12, /"else" needs a status/],
    ['/a/{id:int else 400 min(1)}', 21, /nothing may follow/],
    ['/a/{id:int min(1) +}', 19, /unexpected "\+"/],
    ['/a/{id:[a-z}', 8, /invalid regular expression/],
    ['/a/{id:(}', 8, /invalid regular expression/],
    ['/a/{rest:*}/b', 4, /must end the template/],
    ['/a/{rest:path}/b', 4, /must end the template/],
    ['/a/{d:date}/b', 4, /must end the template/],
    ['/a/{rest:*}.json', 4, /fills its segment alone/],
    ['/a/x{rest:*}', 5, /fills its segment alone/],
    ['/a/{d:date}-x', 4, /fills its segment alone/],
    ['/a/{id?}/b', 4, /must fill the last segment alone/],
    ['/a/{x}-{y?}', 8, /must fill the last segment alone/],
    ['/a/{rest?:*}', 5, /optional tail is written \{rest:\*\?\}/],
    ['/a/{x:int else 400}-{y}', 4, /cannot choose an "else" status/],
    ['/a/{rest:path min(1)}', 14, /tail parameter takes no functions/],
    ['/a/{x}{y}', 7, /need literal text between them/],
    ['/a/v{x}{y}.z', 8, /need literal text between them/],
    ['/a//b', 4, /empty segment/],
    ['/a/b?c', 5, /"\?" cannot appear/],
    ['/a/b#c', 5, /"#" cannot appear/],
    ['/a/b c', 5, /must be percent-encoded/],
    ['/a/%zz', 4, /malformed percent-encoding/],
  ];
  for (const [template, column, reason] of cases) {
    test(`${template || '(empty)'} → column ${column}`, () => {
      const error = failure(template);
      assert.match(error.reason, reason);
      assert.equal(error.column, column);
    });
  }
});

describe('toOpenApiPath', () => {
  test('turns every parameter into {name} and keeps literals as written', () => {
    assert.equal(toOpenApiPath('/u/{id:int min(1)}/{slug}'), '/u/{id}/{slug}');
    assert.equal(toOpenApiPath('/files/{rest:path}'), '/files/{rest}');
    assert.equal(toOpenApiPath('/tasks/{id:[0-9]{1,4}}:cancel'), '/tasks/{id}:cancel');
    assert.equal(toOpenApiPath('/caf%C3%A9/{d:date}'), '/caf%C3%A9/{d}');
    assert.equal(toOpenApiPath('/'), '/');
  });
  test('keeps text around parameters and gives optional segments in their long form', () => {
    assert.equal(toOpenApiPath('/geo/{lat}-{lng}'), '/geo/{lat}-{lng}');
    assert.equal(toOpenApiPath('/v{version:int}/users'), '/v{version}/users');
    assert.equal(toOpenApiPath('/at/{hour:int}h{minute:int min(0)}m'), '/at/{hour}h{minute}m');
    assert.equal(toOpenApiPath('/img/{code}.jpg/meta'), '/img/{code}.jpg/meta');
    assert.equal(toOpenApiPath('/files/{name}.{ext:[a-z]+}'), '/files/{name}.{ext}');
    assert.equal(toOpenApiPath('/users/{id?:int}'), '/users/{id}');
    assert.equal(toOpenApiPath('/files/{rest:*?}'), '/files/{rest}');
  });
  test('openApiPaths lists both forms of an optional last segment', () => {
    assert.deepEqual(openApiPaths('/users/{id?}'), ['/users', '/users/{id}']);
    assert.deepEqual(openApiPaths('/files/{rest:*?}'), ['/files', '/files/{rest}']);
    assert.deepEqual(openApiPaths('/{rest:*?}'), ['/', '/{rest}']);
    assert.deepEqual(openApiPaths('/geo/{lat}-{lng}'), ['/geo/{lat}-{lng}']);
  });
  test('rejects a template the router would reject', () => {
    assert.throws(() => toOpenApiPath('/a/{'), TemplateError);
  });
});
