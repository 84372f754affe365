import { createHash } from "node:crypto";

import { describe, expect, test } from "vitest";

import {
  type ChainEntry,
  GENESIS_HASH,
  canonicalJournal,
  chainHash,
  verifyChain,
} from "./ledger";
import { expectLedgerError, header, line, saleDraft } from "./ledger.fixtures";

/** The hash chain: canonical form, chain hashes, and what verification catches (split from ledger.test.ts). */


describe("canonicalJournal and chainHash", () => {
  const j = header(1, { memo: 'say "hi"\n\\', approvedBy: "user-2" });
  const lines = saleDraft().lines;

  test("the format is exactly the documented one", () => {
    expect(canonicalJournal(j, lines)).toBe(
      '{"v":1,"id":"00000000-0000-4000-8000-000000000001","station":"6f1c1b9e-0000-4000-8000-000000000001",' +
        '"number":1,"date":"2024-05-01","currency":"CNY","memo":"say \\"hi\\"\\n\\\\","sourceType":"sale",' +
        '"sourceId":"sale-1","key":"sale-1","createdBy":"user-1","approvedBy":"user-2","reverses":null,"postings":[' +
        '{"account":"10202","amount":"100.00","subledgerKind":null,"subledgerId":null},' +
        '{"account":"21101","amount":"-85.00","subledgerKind":"household","subledgerId":"a0000000-0000-4000-8000-000000000001"},' +
        '{"account":"50101","amount":"-15.00","subledgerKind":null,"subledgerId":null}]}',
    );
  });

  test("does not depend on the order postings are stored in", () => {
    expect(canonicalJournal(j, [...lines].reverse())).toBe(canonicalJournal(j, lines));
  });

  test("chainHash is SHA-256 hex of prev + newline + canonical", () => {
    const c = canonicalJournal(j, lines);
    const expected = createHash("sha256").update(Buffer.concat([Buffer.from(GENESIS_HASH), Buffer.from("\n"), Buffer.from(c, "utf8")])).digest("hex");
    expect(chainHash(GENESIS_HASH, c)).toBe(expected);
    // Pinned with coreutils: printf '%s\n%s' "$(printf '0%.0s' {1..64})" '{"v":1}' | sha256sum
    expect(chainHash(GENESIS_HASH, '{"v":1}')).toBe("61394fa3b853eefe1f0ebff595e588ef80828805be08f9709311b94c96c47857");
    expectLedgerError(() => chainHash("abc", c), "BAD_HASH");
  });
});

function buildChain(n: number): ChainEntry[] {
  const out: ChainEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const journal = header(i);
    const postings = [line("101", `${i}.00`), line("50104", `-${i}.00`)];
    const hash = chainHash(prev, canonicalJournal(journal, postings));
    out.push({ journal, postings, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

const renumber = (chain: ChainEntry[]) => chain.map((e, i) => ({ ...e, journal: { ...e.journal, number: i + 1 } }));

describe("verifyChain detects tampering", () => {
  test("an untouched chain verifies and reports its head", () => {
    const chain = buildChain(5);
    expect(verifyChain(chain)).toEqual({ ok: true, count: 5, head: chain[4]?.hash });
    expect(verifyChain([])).toEqual({ ok: true, count: 0, head: GENESIS_HASH });
  });

  test("a long chain checked in batches gives the same answer as in one piece", () => {
    const chain = buildChain(7);
    const first = verifyChain(chain.slice(0, 3));
    expect(first).toMatchObject({ ok: true, count: 3 });
    const rest = verifyChain(chain.slice(3), { number: 3, hash: (first as { head: string }).head });
    expect(rest).toEqual(verifyChain(chain));
    // A batch that does not continue its prefix is caught at its first journal.
    expect(verifyChain(chain.slice(4), { number: 3, hash: chain[2]!.hash })).toMatchObject({ ok: false, number: 5, problem: "NUMBERING" });
    expect(verifyChain(chain.slice(3), { number: 3, hash: chain[1]!.hash })).toMatchObject({ ok: false, number: 4, problem: "PREV_HASH" });
  });

  test("an edited amount names that journal", () => {
    const chain = buildChain(5);
    const e = chain[2] as ChainEntry;
    chain[2] = { ...e, postings: [line("101", "30.00"), line("50104", "-30.00")] };
    expect(verifyChain(chain)).toMatchObject({ ok: false, number: 3, problem: "HASH" });
  });

  test("an edited amount whose own hash was recomputed names the next journal", () => {
    const chain = buildChain(5);
    const e = chain[2] as ChainEntry;
    const postings = [line("101", "30.00"), line("50104", "-30.00")];
    chain[2] = { ...e, postings, hash: chainHash(e.prevHash, canonicalJournal(e.journal, postings)) };
    expect(verifyChain(chain)).toMatchObject({ ok: false, number: 4, problem: "PREV_HASH" });
  });

  test("an edit that leaves the journal unbalanced says so", () => {
    const chain = buildChain(3);
    const e = chain[1] as ChainEntry;
    chain[1] = { ...e, postings: [line("101", "2.00"), line("50104", "-1.00")] };
    expect(verifyChain(chain)).toMatchObject({ ok: false, number: 2, problem: "UNBALANCED" });
  });

  test("a deleted journal names the one after the gap, renumbered or not", () => {
    const chain = buildChain(5);
    chain.splice(1, 1);
    expect(verifyChain(chain)).toMatchObject({ ok: false, index: 1, number: 3, problem: "NUMBERING" });
    expect(verifyChain(renumber(chain))).toMatchObject({ ok: false, index: 1, number: 2, problem: "PREV_HASH" });
  });

  test("an inserted journal is caught", () => {
    const chain = buildChain(4);
    const before = chain[1] as ChainEntry;
    const journal = header(3, { memo: "forged" });
    const postings = [line("515", "500.00"), line("101", "-500.00")];
    const forged = { journal, postings, prevHash: before.hash, hash: chainHash(before.hash, canonicalJournal(journal, postings)) };
    chain.splice(2, 0, forged);
    // The forgery itself links correctly, so the journal after it is the first that does not.
    expect(verifyChain(chain)).toMatchObject({ ok: false, index: 3, number: 3, problem: "NUMBERING" });
    expect(verifyChain(renumber(chain))).toMatchObject({ ok: false, index: 3, problem: "PREV_HASH" });
  });

  test("a reordering is caught", () => {
    const chain = buildChain(5);
    [chain[1], chain[2]] = [chain[2] as ChainEntry, chain[1] as ChainEntry];
    expect(verifyChain(chain)).toMatchObject({ ok: false, index: 1, number: 3, problem: "NUMBERING" });
    expect(verifyChain(renumber(chain))).toMatchObject({ ok: false, index: 1, problem: "PREV_HASH" });
  });

  test("rewriting everything from the edit onward verifies, but the head changes (why heads are published)", () => {
    const chain = buildChain(4);
    const head = chain[3]?.hash;
    let prev = (chain[1] as ChainEntry).hash;
    for (let i = 2; i < 4; i++) {
      const e = chain[i] as ChainEntry;
      const postings = i === 2 ? [line("101", "0.01"), line("50104", "-0.01")] : e.postings;
      const hash = chainHash(prev, canonicalJournal(e.journal, postings));
      chain[i] = { ...e, postings, prevHash: prev, hash };
      prev = hash;
    }
    const result = verifyChain(chain);
    expect(result.ok).toBe(true);
    expect(result.ok && result.head).not.toBe(head);
  });
});
