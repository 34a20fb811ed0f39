// Every table of Kith, for Drizzle and drizzle-kit. Each capability keeps its tables beside its code.
export * from './auth.schema';
export * from '../sites/sites.schema';
export * from '../people/people.schema';
export * from '../audit/audit.schema';
export * from '../courses/courses.schema';
export * from '../goals/goals.schema';
export * from '../cohorts/cohorts.schema';
export * from '../programmes/programmes.schema';
export * from '../groups/groups.schema';
export * from '../live-room/live-room.schema';
export * from '../board/board.schema';
export * from '../safety/safety.schema';
export * from '../moderation/moderation.schema';
export * from '../companionship/companionship.schema';
export * from '../scheduler/scheduler.schema';
export * from '../notifications/notifications.schema';
export * from '../outcomes/outcomes.schema';
