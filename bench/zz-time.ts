import { openDatabase } from '../src/lib/server/db';
import { indicatorsFor } from '../src/lib/server/indicators/indicators';
import type { CoachActor } from '../src/lib/server/auth/coach';
const database = await openDatabase({ url: process.env.URL! });
const db = database.db;
const officer: CoachActor = { id: '00000000-0000-0000-0001-00000000ffff', teamId: '00000000-0000-0000-0000-000000000001', name: 'B', email: 'b@b.nl', phone: null, role: 'policy_officer' };
const lead: CoachActor = { ...officer, id: '00000000-0000-0000-0001-000000000010', teamId: '00000000-0000-0000-0000-000000000002', role: 'team_lead' };
for (const [name, actor, days] of [['lead 90', lead, 90], ['officer 90', officer, 90], ['lead 365', lead, 365], ['officer 365', officer, 365]] as const) {
  const times: number[] = [];
  let out = '';
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    const r = await indicatorsFor(db, actor, new Date(Date.now() - days * 86_400_000), new Date());
    times.push(performance.now() - t);
    out = JSON.stringify(r!.tables.map((t) => t.total));
  }
  times.shift(); times.sort((a, b) => a - b);
  console.log(name, 'median', times[2]!.toFixed(0), 'min', times[0]!.toFixed(0), out);
}
await database.close();
