import { defineBindingType } from '../../src/components/binding-component.js';
import { ComponentError } from '../../src/components/binding-error.js';
import { defineMetadata } from '../../src/components/metadata-fields.js';

const fields = defineMetadata({
  greeting: { type: 'string', required: true, description: 'Put into every answer.' },
  initDelay: { type: 'duration', default: 0, description: 'How long init takes.' },
  failInit: { type: 'boolean', default: false, description: 'Make init fail.' },
});

/** Every instance made, so tests can see init values and whether close ran. */
export const fakeInstances: { name: string; greeting: string; closed: boolean; requests: unknown[] }[] = [];

/**
 * A binding type for runtime and API tests: `echo` answers the data and request metadata,
 * `nothing` answers no response, `fail` throws, `fail-with-response` throws with a response.
 */
export const fakeBinding = defineBindingType({
  type: 'bindings.fake',
  description: 'Test double',
  operations: ['echo', 'nothing', 'fail', 'fail-with-response'],
  metadata: fields,
  create: (context) => {
    const record = { name: context.name, greeting: '', closed: false, requests: [] as unknown[] };
    fakeInstances.push(record);
    return {
      async init(metadata) {
        if (metadata.initDelay > 0) await new Promise((r) => setTimeout(r, metadata.initDelay));
        if (metadata.failInit) throw new Error('cannot reach the fake server');
        record.greeting = metadata.greeting;
      },
      operations: () => ['echo', 'nothing', 'fail', 'fail-with-response'] as const,
      async invoke(request) {
        record.requests.push(request);
        switch (request.operation) {
          case 'echo':
            return { data: request.data, metadata: { ...request.metadata, greeting: record.greeting } };
          case 'nothing':
            return null;
          case 'fail':
            throw new Error('the fake failed');
          case 'fail-with-response':
            throw new ComponentError('received status code 418', {
              data: new TextEncoder().encode('{"reason":"teapot"}'),
              metadata: { statusCode: '418', status: "418 I'm a Teapot" },
            });
        }
      },
      async close() {
        record.closed = true;
      },
    };
  },
});
