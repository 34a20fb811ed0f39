// Every card Today can show, one entry per capability's card (TodaySource, today/today-card.ts).
// A capability adds its card here, from its own folder; the home page renders whatever comes.
// The order on the page is each source's `order`, not this list's.
import type { TodaySource } from '../today/today-card';
import { beforeOpeningCard, crisisCard } from '../sites/today-card';
import { facilitatingCard, failedRemindersCard, nextSessionsCard } from '../groups/today-card';
import { continueLearningCard, missingTranslationsCard } from '../courses/today-card';
import { sharedWithMeCard, stepsDueCard } from '../goals/today-card';
import { cohortSessionsCard } from '../cohorts/today-card';
import { firstStepsCard, invitationsCard } from '../people/today-card';
import { moderationCard } from '../moderation/today-card';
import { companionsCard } from '../companionship/today-card';
import { notificationsCard } from '../notifications/today-card';
import { safetyAlertsCard } from '../safety/today-card';
import { safetyPlanCard } from '../plans/today-card';
import { resourcePicksCard, staleResourcesCard } from '../resources/today-card';
import { networkCard } from '../network/today-card';
import { checkinsCard } from '../outcomes/today-card';
import { careRequestsCard, caseloadCard } from '../care-team/today-card';

export const todaySources: readonly TodaySource[] = [
	safetyAlertsCard,
	crisisCard,
	safetyPlanCard,
	beforeOpeningCard,
	firstStepsCard,
	nextSessionsCard,
	facilitatingCard,
	failedRemindersCard,
	continueLearningCard,
	missingTranslationsCard,
	stepsDueCard,
	sharedWithMeCard,
	cohortSessionsCard,
	invitationsCard,
	moderationCard,
	companionsCard,
	notificationsCard,
	resourcePicksCard,
	staleResourcesCard,
	networkCard,
	checkinsCard,
	caseloadCard,
	careRequestsCard
];
