/** A feature needs an optional peer dependency that is not installed. */
export class MissingPeerError extends Error {
  readonly code = 'BND_ERR_MISSING_PEER';

  constructor(feature: string, packageName: string) {
    super(`${feature} needs the optional package ${packageName}: npm install ${packageName}`);
    this.name = 'MissingPeerError';
  }
}
