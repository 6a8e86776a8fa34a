import { readFileSync } from 'node:fs';
import type * as FirebaseApp from 'firebase-admin/app';
import type { ServiceAccount } from 'firebase-admin/app';
import type * as FirebaseMessaging from 'firebase-admin/messaging';
import type { VendorSettings } from '../channel.settings';
import { FcmPushSender } from './fcm-push.sender';

// Required on first use, not at start: the embedded default never sends through FCM, and loading
// firebase-admin cost about 20 ms and 14 MB of RSS at every start (docs/PERFORMANCE.md, session 9).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, see above
const firebaseApp = (): typeof FirebaseApp => require('firebase-admin/app') as typeof FirebaseApp;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, see above
const firebaseMessaging = (): typeof FirebaseMessaging => require('firebase-admin/messaging') as typeof FirebaseMessaging;

/** The fields of a Google service-account key file that firebase-admin needs. */
type ServiceAccountFile = Readonly<{ project_id: string; client_email: string; private_key: string }>;

/**
 * FCM_SERVICE_ACCOUNT_JSON holds either the service-account key JSON itself (secret stores inject it
 * as a value) or a path to the key file (mounted secrets). Either way it is read once at start-up.
 */
export function readServiceAccount(value: string): ServiceAccountFile {
  const json = value.trim().startsWith('{') ? value : readFileSync(value, 'utf8');
  const parsed = JSON.parse(json) as Partial<ServiceAccountFile>;
  if (!parsed.project_id || !parsed.client_email || !parsed.private_key) {
    throw new Error('FCM service account needs project_id, client_email and private_key');
  }
  return parsed as ServiceAccountFile;
}

/** A push sender on its own named firebase app, so it never clashes with another firebase-admin user in the process. */
export function createFcmPushSender(serviceAccount: ServiceAccountFile, appName = `fcm-push:${serviceAccount.project_id}`): FcmPushSender {
  const credential: ServiceAccount = {
    projectId: serviceAccount.project_id,
    clientEmail: serviceAccount.client_email,
    privateKey: serviceAccount.private_key,
  };
  const { cert, getApps, initializeApp } = firebaseApp();
  const app = getApps().find((a) => a.name === appName) ?? initializeApp({ credential: cert(credential), projectId: serviceAccount.project_id }, appName);
  return new FcmPushSender(firebaseMessaging().getMessaging(app));
}

export function fcmPushSenderFromConfig(settings: VendorSettings): FcmPushSender {
  const value = settings.FCM_SERVICE_ACCOUNT_JSON;
  if (!value) throw new Error('FCM_SERVICE_ACCOUNT_JSON is not set (service-account JSON or a path to it)');
  return createFcmPushSender(readServiceAccount(value));
}
