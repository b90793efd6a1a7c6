/**
 * The pickle machine's data: the value stack with its MARK positions, the memo, and a work budget
 * that bounds how many items container opcodes may copy (so that reusing one large memoised
 * value over and over cannot turn a small file into hours of work).
 */
import { FormatError } from '@voirs/core';
import type { PickleValue } from './values.js';

const MAX_MARK_DEPTH = 100_000;
const MAX_STACK = 10_000_000;
const MAX_MEMO = 10_000_000;

function invalid(message: string): FormatError {
  return new FormatError('E_CHECKPOINT_INVALID', `Malformed pickle: ${message}`);
}

export class PickleStack {
  private readonly stack: PickleValue[] = [];
  private readonly marks: number[] = [];
  private readonly memo = new Map<number, PickleValue>();
  private work = 0;

  /** @param maxWork items the container opcodes may copy in total. */
  constructor(private readonly maxWork: number) {}

  /** Counts `n` copied items against the budget. */
  charge(n: number): void {
    this.work += n;
    if (this.work > this.maxWork) {
      throw invalid('it copies far more items than its size allows (an amplification attack?).');
    }
  }

  push(value: PickleValue): void {
    if (this.stack.length >= MAX_STACK) throw invalid(`stack deeper than ${MAX_STACK} items.`);
    this.stack.push(value);
  }

  /** Items above the innermost MARK. */
  private get available(): number {
    const floor = this.marks.length > 0 ? (this.marks[this.marks.length - 1] as number) : 0;
    return this.stack.length - floor;
  }

  pop(): PickleValue {
    if (this.available <= 0) throw invalid('stack underflow.');
    return this.stack.pop() as PickleValue;
  }

  top(): PickleValue {
    if (this.available <= 0) throw invalid('an opcode needs a value but the stack is empty.');
    return this.stack[this.stack.length - 1] as PickleValue;
  }

  mark(): void {
    if (this.marks.length >= MAX_MARK_DEPTH)
      throw invalid(`more than ${MAX_MARK_DEPTH} nested MARKs.`);
    this.marks.push(this.stack.length);
  }

  /** Removes and returns the items above the innermost MARK, and the MARK. */
  popMark(): PickleValue[] {
    const mark = this.marks.pop();
    if (mark === undefined) throw invalid('an opcode needs a MARK but there is none.');
    const items = this.stack.splice(mark);
    this.charge(items.length);
    return items;
  }

  /** POP: the top item, or the whole MARK group when the stack above the MARK is empty. */
  discard(): void {
    if (this.available > 0) this.stack.pop();
    else this.popMark();
  }

  memoGet(index: number): PickleValue {
    const value = this.memo.get(index);
    if (value === undefined) throw invalid(`memo key ${index} was never stored.`);
    return value;
  }

  /** Stores the top of the stack under `index` (`undefined`: the next free index, MEMOIZE). */
  memoPut(index = this.memo.size): void {
    if (!Number.isSafeInteger(index) || index < 0) throw invalid(`invalid memo key ${index}.`);
    if (this.memo.size >= MAX_MEMO && !this.memo.has(index))
      throw invalid(`more than ${MAX_MEMO} memo entries.`);
    this.memo.set(index, this.top());
  }
}
