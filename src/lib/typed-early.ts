/**
 * What a person typed, ticked or chose before the page's scripts had run. Svelte's hydration sets each field's value
 * again from the page's data (`value={…}` on some forty fields of the coach's workspace), which undid what was typed on
 * a slow connection (seen: an audit filter sent empty). The root layout notes the changed fields as its module loads,
 * before hydration, and puts back what hydration undid once it has mounted.
 */
type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
type State = string | boolean | boolean[];

function stateOf(field: Field): State {
	if (field instanceof HTMLSelectElement) return [...field.options].map((o) => o.selected);
	if (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio'))
		return field.checked;
	return field.value;
}

function changedByPerson(field: Field): boolean {
	if (field instanceof HTMLSelectElement)
		return [...field.options].some((o) => o.selected !== o.defaultSelected);
	if (field instanceof HTMLInputElement) {
		if (field.type === 'checkbox' || field.type === 'radio') return field.checked !== field.defaultChecked;
		if (field.type === 'hidden' || field.type === 'file') return false;
	}
	return field.value !== field.defaultValue;
}

const same = (a: State, b: State) => JSON.stringify(a) === JSON.stringify(b);

/** Notes the fields changed so far; the function returned puts back those that have since been set otherwise. */
export function noteTypedFields(): () => void {
	if (typeof document === 'undefined') return () => {};
	const noted = [...document.querySelectorAll<Field>('input, textarea, select')]
		.filter(changedByPerson)
		.map((field) => ({ field, state: stateOf(field) }));
	return () => {
		for (const { field, state } of noted) {
			if (!field.isConnected || same(stateOf(field), state)) continue;
			if (field instanceof HTMLSelectElement && Array.isArray(state))
				state.forEach((selected, i) => (field.options[i]!.selected = selected));
			else if (field instanceof HTMLInputElement && typeof state === 'boolean') field.checked = state;
			else if (typeof state === 'string') field.value = state;
			// As if typed now: a handler that missed it (it was not there yet) sees it.
			field.dispatchEvent(new Event(typeof state === 'string' ? 'input' : 'change', { bubbles: true }));
		}
	};
}
