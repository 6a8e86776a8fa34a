// violation: a relative path into another lib's src instead of its alias
export * as worker from '../../../libs/domain/src/clock';
