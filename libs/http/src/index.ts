export * from './field-errors';
export * from './problem-details';
export * from './problem-details.reply';
export * from './problem-details.filter';
export * from './bearer-auth.guard';
export * from './http-access.module';
export * from './validated-body.pipe';
export * from './bearer-auth.decorator';
