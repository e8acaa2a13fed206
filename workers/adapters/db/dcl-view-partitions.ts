// The partitions of a chunked view rebuild: which records can possibly resolve together, worked out
// in the database so the Worker never holds more than a page of records. Two transaction-local temp
// tables (dropped at commit, seen by no other session) hold each record's partition keys and its
// label; their contents come only from the tenant's own rows, read under its RLS policy.
import { sql } from 'drizzle-orm'
import type { Tx } from './client.ts'

export type PartitionKey = { member: string; key: string; strong: boolean }

export async function openPartitionTables(tx: Tx) {
  await tx.execute(sql`create temp table view_partition_keys (member text not null, key text not null,
    strong boolean not null) on commit drop`)
  await tx.execute(sql`create temp table view_partition_labels (member text primary key, label text not null)
    on commit drop`)
}

/** Stores one page of records: each gets a label (itself) and its keys. */
export async function stagePartitionKeys(tx: Tx, members: readonly string[], keys: readonly PartitionKey[]) {
  await tx.execute(sql`insert into view_partition_labels (member, label)
    select m, m from unnest(${sql.param([...members])}::text[]) as m`)
  if (keys.length === 0) return
  await tx.execute(sql`insert into view_partition_keys (member, key, strong)
    select * from unnest(${sql.param(keys.map((k) => k.member))}::text[], ${sql.param(keys.map((k) => k.key))}::text[],
      ${sql.param(keys.map((k) => k.strong))}::boolean[])`)
}

/**
 * Labels every record with the smallest member key of its connected component over the keys (records
 * sharing a key are connected): minimum-label propagation, one round per step of the longest path.
 * A weak key held by more than `maxWeakHolders` records is dropped first, as the incremental refresh
 * skips it; strong keys always hold (the resolver merges on them whatever their count). Returns the rounds.
 */
export async function labelPartitions(tx: Tx, maxWeakHolders: number) {
  await tx.execute(sql`delete from view_partition_keys k using (
      select key from view_partition_keys where not strong group by key having count(*) > ${maxWeakHolders}
    ) common where k.key = common.key and not k.strong`)
  await tx.execute(sql`create index on view_partition_keys (key)`)
  await tx.execute(sql`create index on view_partition_keys (member)`)
  await tx.execute(sql`analyze view_partition_keys`)
  await tx.execute(sql`analyze view_partition_labels`)
  for (let rounds = 1; ; rounds++) {
    const changed = await tx.execute<{ n: number }>(sql`
      with key_label as (
        select k.key, min(l.label) as label from view_partition_keys k
        join view_partition_labels l on l.member = k.member group by k.key
      ), member_label as (
        select k.member, min(kl.label) as label from view_partition_keys k
        join key_label kl on kl.key = k.key group by k.member
      ), moved as (
        update view_partition_labels l set label = m.label from member_label m
        where m.member = l.member and m.label < l.label returning 1
      )
      select count(*)::int as n from moved`)
    if ((changed.rows[0]?.n ?? 0) === 0) {
      await tx.execute(sql`create index on view_partition_labels (label, member)`)
      return rounds
    }
  }
}

/**
 * The next whole partitions after `after` (a label), in label order: at least `limit` records unless
 * none are left, more when the last partition runs past it (a partition is never split).
 */
export async function nextPartitions(tx: Tx, after: string | null, limit: number) {
  const labels = await tx.execute<{ label: string }>(sql`
    select label from view_partition_labels
    where ${after === null ? sql`true` : sql`label > ${after}`}
    order by label limit ${limit}`)
  const last = labels.rows.at(-1)?.label
  if (last === undefined) return []
  const members = await tx.execute<{ member: string; label: string }>(sql`
    select member, label from view_partition_labels
    where ${after === null ? sql`true` : sql`label > ${after}`} and label <= ${last}
    order by label, member`)
  return members.rows
}
