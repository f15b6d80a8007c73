// The package ships no types; tts.ts narrows what it uses.
declare module '@echogarden/espeak-ng-emscripten' {
	const Module: () => Promise<unknown>;
	export default Module;
}
