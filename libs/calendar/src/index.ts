// The calendars the ETA model counts business days on (date-holidays), composed by the apps and the bench.
export * from './holiday.calendar';
