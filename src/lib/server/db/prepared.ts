import type { Db, Tx } from './client';

/**
 * A query built and prepared once per database handle, then executed with new values
 * (`sql.placeholder`): Drizzle does not rebuild its SQL each time, and node-postgres parses a
 * named statement once per connection. `build` must call `.prepare(<unique name>)`. A
 * transaction is a handle of its own (its query is built once for it), so hot paths pass the
 * app's Db where they can.
 */
export function preparedOn<T>(build: (db: Db | Tx) => T): (db: Db | Tx) => T {
	const built = new WeakMap<Db | Tx, T>();
	return (db) => {
		let found = built.get(db);
		if (!found) {
			found = build(db);
			built.set(db, found);
		}
		return found;
	};
}
