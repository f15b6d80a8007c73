import type { ParamMatcher } from '@sveltejs/kit';

/** The home tiles whose screens later issues fill in (appointments and activities have their own routes). */
export const SECTIONS = ['questions', 'my-coach'] as const;
export type Section = (typeof SECTIONS)[number];

export const match: ParamMatcher = (param) => (SECTIONS as readonly string[]).includes(param);
