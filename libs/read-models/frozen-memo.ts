/**
 * Answers remembered per shared (frozen) document and key. A read-cached document is frozen
 * (deep-freeze.ts) and handed to every reader, so the same object asked the same question always
 * gives the same answer, and a changed document is a new object. Weakly held: gone with the
 * document. A document that is not frozen (a store without a read cache makes fresh ones) is
 * answered afresh every time.
 */
export class FrozenMemo<D extends object, V> {
  private readonly byDoc = new WeakMap<D, Map<string, V>>();

  /** @param keysPerDoc how many keys (dates, mostly) one document keeps; past that they start over */
  constructor(private readonly keysPerDoc = 16) {}

  get(doc: D, key: string, compute: () => V): V {
    if (!Object.isFrozen(doc)) return compute();
    let answers = this.byDoc.get(doc);
    if (!answers) this.byDoc.set(doc, (answers = new Map()));
    if (answers.has(key)) return answers.get(key)!;
    const answer = compute();
    if (answers.size >= this.keysPerDoc) answers.clear();
    answers.set(key, answer);
    return answer;
  }
}
