// Every card Today can show, one entry per capability's card (TodaySource, today/today-card.ts).
// A capability adds its card here, from its own folder; the home page renders whatever comes.
// The order on the page is each source's `order`, not this list's.
import type { TodaySource } from '../today/today-card';
import { beforeOpeningCard, crisisCard } from '../sites/today-card';
import { facilitatingCard, nextSessionsCard } from '../groups/today-card';
import { continueLearningCard } from '../courses/today-card';
import { stepsDueCard } from '../goals/today-card';

export const todaySources: readonly TodaySource[] = [
	crisisCard,
	beforeOpeningCard,
	nextSessionsCard,
	facilitatingCard,
	continueLearningCard,
	stepsDueCard
];
