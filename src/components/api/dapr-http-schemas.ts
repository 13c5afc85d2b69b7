import { t } from '../../binding/type-builder.js';

// The request bodies of Dapr's HTTP API, for the OpenAPI document only: the handlers read the
// bytes themselves and decode them as daprd does (see binding-request-body.ts), so these
// schemas are never used to bind or validate.

/** `POST|PUT /v1.0/bindings/{name}`: what to ask of an output binding. */
export const DaprBindingRequest = t.Object(
  {
    operation: t.String({
      description: 'What the binding does, one of the operations it lists (`create`, `get`, `delete`, …)',
    }),
    data: t.Optional(
      t.Unknown({
        description:
          'The payload, any JSON value; the binding receives its JSON text (a string arrives quoted)',
      }),
    ),
    metadata: t.Optional(
      t.Object(
        {},
        {
          additionalProperties: t.String(),
          description: 'Per-request metadata for the binding (values are strings; `null` reads as empty)',
        },
      ),
    ),
  },
  {
    $id: 'DaprBindingRequest',
    description:
      'An output binding invocation, as Dapr defines it; field names match in any case, as Go decodes them',
  },
);

/** `PUT /v1.0/metadata/{key}`: the attribute's value, the body as text. */
export const DaprMetadataValue = t.String({
  description: 'The value of the attribute: the whole body, as text',
});
