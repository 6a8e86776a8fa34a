import { describeValidatedBodies, type JsonSchema } from '@ot/observability';
import { PreferencesDto } from '@ot/notifier';

/** A controller's DTO body without swagger decorators is described by its class-validator rules. */
describe('describeValidatedBodies', () => {
  it('fills the preferences body from the DTO that validates it, nested classes included', () => {
    expect(PreferencesDto.name).toBe('PreferencesDto');
    const schemas: Record<string, JsonSchema> = {
      PreferencesDto: { type: 'object', properties: {} },
      Other: { type: 'object', properties: { kept: { type: 'string' } } },
    };
    describeValidatedBodies(schemas);
    const prefs = schemas.PreferencesDto as { properties: Record<string, Record<string, unknown>>; required: string[] };
    expect(prefs.properties.language.enum).toEqual(['en', 'ru']);
    expect(prefs.properties.contacts.$ref).toBe('#/components/schemas/ContactsDto');
    expect(prefs.required).toEqual(expect.arrayContaining(['language', 'timeZone', 'channels', 'contacts']));
    expect(prefs.required).not.toContain('quietHours');
    expect(Object.keys((schemas.ContactsDto as { properties: object }).properties).sort()).toEqual(['deviceTokens', 'email', 'phone']);
    expect(schemas.Other).toEqual({ type: 'object', properties: { kept: { type: 'string' } } });
  });
});
