/**
 * Sets a key of a record, `__proto__` included: an assignment would set the prototype instead and
 * drop the key (pixi takes `__proto__` as a feature, task or variable name like any other).
 */
export function setOwn(record: object, key: string, value: unknown): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
