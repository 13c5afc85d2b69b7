import type { fromJSON } from '@grpc/proto-loader';

/**
 * The part of Dapr's runtime API that Bindery serves (output bindings, metadata, shutdown), as
 * the protobuf descriptor proto-loader reads. Package, service, method names and field numbers
 * are Dapr's (dapr/proto/runtime/v1), so Dapr SDK clients call it unchanged; messages Bindery
 * does not serve are left out. Kept as data rather than a .proto file so that the built package
 * carries no asset whose path must be found at run time; test/components/dapr.proto is the same
 * API as a .proto, and the gRPC tests call this server through it.
 */
const map = (id: number) => ({ keyType: 'string', type: 'string', id });
// protobufjs's method type requires a comment member, which the descriptor has none of.
const rpc = (requestType: string, responseType: string) => ({ requestType, responseType, comment: '' });

export const daprServiceDescriptor: Parameters<typeof fromJSON>[0] = {
  nested: {
    dapr: {
      nested: {
        proto: {
          nested: {
            runtime: {
              nested: {
                v1: {
                  nested: {
                    Dapr: {
                      methods: {
                        InvokeBinding: rpc('InvokeBindingRequest', 'InvokeBindingResponse'),
                        GetMetadata: rpc('GetMetadataRequest', 'GetMetadataResponse'),
                        Shutdown: rpc('ShutdownRequest', 'Empty'),
                      },
                    },
                    InvokeBindingRequest: {
                      fields: {
                        name: { type: 'string', id: 1 },
                        data: { type: 'bytes', id: 2 },
                        metadata: map(3),
                        operation: { type: 'string', id: 4 },
                      },
                    },
                    InvokeBindingResponse: { fields: { data: { type: 'bytes', id: 1 }, metadata: map(2) } },
                    GetMetadataRequest: { fields: {} },
                    GetMetadataResponse: {
                      fields: {
                        id: { type: 'string', id: 1 },
                        registered_components: { rule: 'repeated', type: 'RegisteredComponents', id: 3 },
                        extended_metadata: map(4),
                        runtime_version: { type: 'string', id: 8 },
                        enabled_features: { rule: 'repeated', type: 'string', id: 9 },
                      },
                    },
                    RegisteredComponents: {
                      fields: {
                        name: { type: 'string', id: 1 },
                        type: { type: 'string', id: 2 },
                        version: { type: 'string', id: 3 },
                        capabilities: { rule: 'repeated', type: 'string', id: 4 },
                      },
                    },
                    ShutdownRequest: { fields: {} },
                    // Wire-identical to google.protobuf.Empty, which Dapr's Shutdown returns.
                    Empty: { fields: {} },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};
