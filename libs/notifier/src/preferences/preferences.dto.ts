import { CHANNELS, NOTIFICATION_KINDS, type CustomerPreferences } from '@ot/domain';
import { Type } from 'class-transformer';
import { IsArray, IsEmail, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, registerDecorator, ValidateNested, ArrayMaxSize } from 'class-validator';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

class QuietHoursDto {
  @Matches(HH_MM, { message: 'quietHours.start must be HH:MM' }) start!: string;
  @Matches(HH_MM, { message: 'quietHours.end must be HH:MM' }) end!: string;
}

class ContactsDto {
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(4096, { each: true }) deviceTokens!: string[];
  @IsOptional() @Matches(/^\+[1-9]\d{6,14}$/, { message: 'contacts.phone must be E.164, e.g. +15550001111' }) phone?: string;
  @IsOptional() @IsEmail() email?: string;
}

/** The runtime's own spelling of an IANA zone ("europe/lisbon" is Europe/Lisbon), or undefined when it knows none by that name. */
function canonicalTimeZone(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: v }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** A time zone the runtime knows (quiet hours are read in it); an unknown one would silently mean UTC. */
function IsTimeZone(): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: property as string,
      options: { message: 'timeZone must be an IANA zone, e.g. Europe/Moscow (not an offset such as UTC+1)' },
      validator: { validate: (v: unknown) => canonicalTimeZone(v) !== undefined },
    });
}

/** { [kind]: channel[] } with known kinds and channels only. */
function IsChannelsByKind(): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isChannelsByKind',
      target: target.constructor,
      propertyName: property as string,
      options: { message: `channels must map kinds (${NOTIFICATION_KINDS.join(', ')}) to arrays of ${CHANNELS.join('|')}` },
      validator: {
        validate: (v: unknown) =>
          typeof v === 'object' &&
          v !== null &&
          !Array.isArray(v) &&
          Object.entries(v).every(
            ([kind, list]) =>
              (NOTIFICATION_KINDS as readonly string[]).includes(kind) &&
              Array.isArray(list) &&
              list.every((c) => (CHANNELS as readonly string[]).includes(c)) &&
              new Set(list).size === list.length,
          ),
      },
    });
}

/** PUT /customers/:id/preferences body; customerId comes from the path, never the body. */
export class PreferencesDto {
  @IsIn(['en', 'ru']) language!: 'en' | 'ru';
  @IsTimeZone() timeZone!: string;
  @IsOptional() @ValidateNested() @Type(() => QuietHoursDto) quietHours?: QuietHoursDto;
  @IsObject() @IsChannelsByKind() channels!: CustomerPreferences['channels'];
  @ValidateNested() @Type(() => ContactsDto) contacts!: ContactsDto;

  toPreferences(customerId: string): CustomerPreferences {
    const { language, timeZone, quietHours, channels, contacts } = this;
    return {
      customerId,
      language,
      timeZone: canonicalTimeZone(timeZone)!, // validated: stored as the runtime spells it, whatever the case typed
      channels,
      ...(quietHours ? { quietHours: { start: quietHours.start, end: quietHours.end } } : {}),
      contacts: {
        deviceTokens: [...contacts.deviceTokens],
        ...(contacts.phone ? { phone: contacts.phone } : {}),
        ...(contacts.email ? { email: contacts.email } : {}),
      },
    };
  }
}
