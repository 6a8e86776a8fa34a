import { AftercareRequestHandler } from './aftercare-request.handler';
import { CompensationController } from './compensation.controller';
import { ReturnsController } from './returns.controller';
import { StorageExtensionController } from './storage-extension.controller';

/** Compensation, returns and pickup-point storage routes (docs/REMEDIES.md). */
export const AFTERCARE_CONTROLLERS = [CompensationController, ReturnsController, StorageExtensionController];
export const AFTERCARE_PROVIDERS = [AftercareRequestHandler];
