import { Injectable, type PipeTransform } from '@nestjs/common';
import { MALFORMED_JSON } from './json-body.parser';
import { ProblemException, problemType } from './problem-details';

/** Runs after the guards: only a caller who signed these bytes learns they are not JSON. */
@Injectable()
export class JsonBodyPipe implements PipeTransform {
  transform(value: unknown): unknown {
    if (value === MALFORMED_JSON || value === undefined) {
      const detail = value === undefined ? 'the request has no JSON body (Content-Type: application/json)' : 'the request body is not valid JSON';
      throw new ProblemException({ type: problemType('malformed-json'), title: 'Malformed JSON', status: 400, detail });
    }
    return value;
  }
}
