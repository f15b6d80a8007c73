/**
 * `record[key]`, but only the record's own property. Ids are chosen by definition authors and may well be
 * "constructor" or "toString"; a plain lookup would then find Object.prototype's function instead of nothing.
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
	return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
