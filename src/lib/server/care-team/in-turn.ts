/**
 * Runs queries one after another and gives their results as Promise.all would. A transaction has
 * one connection, which takes one statement at a time: node-postgres queues (and from pg 9
 * refuses) a second one sent while the first runs, so queries on a `tx` are never sent together.
 */
export async function inTurn<T extends unknown[]>(
	...steps: { [K in keyof T]: () => PromiseLike<T[K]> }
): Promise<T> {
	const results: unknown[] = [];
	for (const step of steps) results.push(await step());
	return results as T;
}
