import type { Db } from '../db';
import { noteDatabaseError } from '../db/availability';
import { runDuePlans } from './plans';

/**
 * The background planner of one server process: turns due check-in plans into check-ins and pushes. Several
 * processes may run it at once (a plan is locked while its round is made, FOR UPDATE SKIP LOCKED).
 */
export function startCheckinPlanner(db: Db, options: { intervalMs?: number; afterRound?: () => void } = {}) {
	let current: Promise<unknown> = Promise.resolve();
	let stopped = false;
	const tick = async () => {
		if (stopped) return;
		try {
			const started = performance.now();
			const round = await runDuePlans(db);
			if (round.plans) {
				// One line per round that asked someone: how many, and how long the round took (bench/checkins.js reads it).
				const ms = Math.round(performance.now() - started);
				console.log(
					`check-in planner: ${round.plans} plans, ${round.checkins} check-ins, ${round.pushes} pushes queued in ${ms} ms`
				);
			}
			if (round.pushes) options.afterRound?.();
		} catch (error) {
			if (!noteDatabaseError(error, 'check-in planner')) console.error('check-in planner:', error);
		}
	};
	const timer = setInterval(() => {
		current = current.then(tick);
	}, options.intervalMs ?? 60_000);
	current = current.then(tick);
	return {
		/** Runs a round now (a plan was just made for today). */
		poke() {
			current = current.then(tick);
			return current;
		},
		async stop() {
			stopped = true;
			clearInterval(timer);
			await current;
		}
	};
}
