import type { fromJSON } from '@grpc/proto-loader';

/**
 * The part of Dapr's runtime API that Bindery serves (output bindings, metadata, shutdown), as
 * the protobuf descriptor proto-loader reads. Package, service, method names and field numbers
 * are Dapr's (dapr/proto/runtime/v1), so Dapr SDK clients call it unchanged; messages Bindery
 * does not serve are left out. Kept as data rather than a .proto file so that the built package
 * carries no asset whose path must be found at run time; test/components/dapr.proto is the same
 * API as a .proto, and the gRPC tests call this server through it.
 */
// protobufjs's method type requires a comment member, which the descriptor has none of.
const rpc = (requestType: string, responseType: string) => ({ requestType, responseType, comment: '' });

const V1 = {
  Dapr: {
    methods: {
      InvokeBinding: rpc('InvokeBindingRequest', 'InvokeBindingResponse'),
      GetMetadata: rpc('GetMetadataRequest', 'GetMetadataResponse'),
      SetMetadata: rpc('SetMetadataRequest', 'Empty'),
      Shutdown: rpc('ShutdownRequest', 'Empty'),
    },
  },
  InvokeBindingRequest: {
    fields: {
      name: {
        type: 'string',
        id: 1,
      },
      data: {
        type: 'bytes',
        id: 2,
      },
      metadata: {
        keyType: 'string',
        type: 'string',
        id: 3,
      },
      operation: {
        type: 'string',
        id: 4,
      },
    },
  },
  InvokeBindingResponse: {
    fields: {
      data: {
        type: 'bytes',
        id: 1,
      },
      metadata: {
        keyType: 'string',
        type: 'string',
        id: 2,
      },
    },
  },
  GetMetadataRequest: {
    fields: {},
  },
  GetMetadataResponse: {
    fields: {
      id: {
        type: 'string',
        id: 1,
      },
      registered_components: {
        rule: 'repeated',
        type: 'RegisteredComponents',
        id: 3,
      },
      extended_metadata: {
        keyType: 'string',
        type: 'string',
        id: 4,
      },
      app_connection_properties: {
        type: 'AppConnectionProperties',
        id: 7,
      },
      runtime_version: {
        type: 'string',
        id: 8,
      },
      enabled_features: {
        rule: 'repeated',
        type: 'string',
        id: 9,
      },
      actor_runtime: {
        type: 'ActorRuntime',
        id: 10,
      },
    },
  },
  AppConnectionProperties: {
    fields: {
      port: {
        type: 'int32',
        id: 1,
      },
      protocol: {
        type: 'string',
        id: 2,
      },
      channel_address: {
        type: 'string',
        id: 3,
      },
      max_concurrency: {
        type: 'int32',
        id: 4,
      },
    },
  },
  ActorRuntime: {
    fields: {
      runtime_status: {
        type: 'ActorRuntimeStatus',
        id: 1,
      },
      host_ready: {
        type: 'bool',
        id: 3,
      },
      placement: {
        type: 'string',
        id: 4,
      },
    },
    nested: {
      ActorRuntimeStatus: {
        values: {
          INITIALIZING: 0,
          DISABLED: 1,
          RUNNING: 2,
        },
      },
    },
  },
  SetMetadataRequest: {
    fields: {
      key: {
        type: 'string',
        id: 1,
      },
      value: {
        type: 'string',
        id: 2,
      },
    },
  },
  RegisteredComponents: {
    fields: {
      name: {
        type: 'string',
        id: 1,
      },
      type: {
        type: 'string',
        id: 2,
      },
      version: {
        type: 'string',
        id: 3,
      },
      capabilities: {
        rule: 'repeated',
        type: 'string',
        id: 4,
      },
    },
  },
  ShutdownRequest: {
    fields: {},
  },
  Empty: {
    fields: {},
  },
};

export const daprServiceDescriptor: Parameters<typeof fromJSON>[0] = {
  nested: { dapr: { nested: { proto: { nested: { runtime: { nested: { v1: { nested: V1 } } } } } } } },
};
