import { StartupError } from '../http/startup-error.js';

/** A feature needs an optional peer dependency that is not installed. */
export class MissingPeerError extends StartupError {
  constructor(feature: string, packageName: string) {
    super(
      'BND_ERR_MISSING_PEER',
      `${feature} needs the optional package ${packageName}: npm install ${packageName}`,
    );
    this.name = 'MissingPeerError';
  }
}
