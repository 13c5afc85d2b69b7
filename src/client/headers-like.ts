/** What `new Headers()` accepts: a record, a list of pairs or a Headers (the DOM's HeadersInit). */
export type HeadersLike = ConstructorParameters<typeof Headers>[0];
