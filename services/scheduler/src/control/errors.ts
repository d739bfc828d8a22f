import { PermanentError } from '@vellum/core';

/** A schedule the operator described cannot be stored as given; the message says what to change. */
export class ScheduleInputError extends PermanentError<'invalid-schedule'> {
  constructor(message: string) {
    super('invalid-schedule', message);
  }
}

export class ScheduleNotFoundError extends PermanentError<'schedule-not-found'> {
  constructor(readonly idOrName: string | number) {
    super('schedule-not-found', `no schedule with id or name ${JSON.stringify(String(idOrName))}: see \`vellum schedule list\``);
  }
}

/** An operation that needs the schedule queue (Redis) was called without one. */
export class ScheduleQueueRequiredError extends PermanentError<'schedule-queue-required'> {
  constructor(operation: string) {
    super('schedule-queue-required', `${operation} needs Redis: set REDIS_URL and run the scheduler service (\`vellum scheduler\`)`);
  }
}
