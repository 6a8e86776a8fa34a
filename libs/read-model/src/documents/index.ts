export * from './sqlite.order-documents.reader';
export * from './postgres.order-documents.reader';
