/**
 * The kinds of activity on the sociale kaart, each with its pictogram (scripts/pictograms.js). The order is the
 * order of the big pictograms on the participant's screen.
 */
export const CATEGORIES = [
	'taalcafe',
	'taalles',
	'buurtgym',
	'zwemmen',
	'wandelen',
	'ontmoeten',
	'buurtrestaurant',
	'koken',
	'moestuin',
	'computer',
	'fietsles',
	'bibliotheek',
	'maatje',
	'vrijwilligerswerk',
	'creatief'
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Pictogram of a category: "act-<category>". */
export function categoryPictogram(category: string): string {
	return `act-${category}`;
}

export const EFFORTS = ['calm', 'some', 'busy'] as const;
export type Effort = (typeof EFFORTS)[number];

export const COSTS = ['free', 'price', 'scheme'] as const;
export type CostKind = (typeof COSTS)[number];

export const REQUEST_KINDS = ['try', 'together'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
