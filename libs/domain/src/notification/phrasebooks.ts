import { EN } from './notification-phrasebook.en';
import { RU } from './notification-phrasebook.ru';
import type { Phrasebook } from './notification-wording';
import type { Language } from './notification.types';

const PHRASEBOOKS: Readonly<Record<Language, Phrasebook>> = { en: EN, ru: RU };

/** The one wording of the product per language: notifications, the order summary and the customer page. */
export const phrasebookOf = (language: Language): Phrasebook => PHRASEBOOKS[language];
