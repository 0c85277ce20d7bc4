import type { Kysely } from 'kysely'
import { sql } from 'kysely'

// A submission as one PL/pgSQL function, `submit_response`, in place of the data-modifying CTE chain
// forms.repository.ts sent as one statement. Same steps, same locks, same outcome; what changes is
// planning: the chain of five CTEs was parsed and planned again on every submission (about 0.2 ms of
// the database's CPU, more than the insert itself), while a function's statements are prepared once
// per connection. pgbench, 10 clients on one survey, four alternated runs: the chain 1,273–1,931
// submissions/s, the function 2,605–3,636, a bare insert of the same row 2,939–4,284
// (docs/benchmarks.md). A plain function call needs no protocol-level prepared statement, so it
// works the same behind PgBouncer in transaction mode and in PGlite.
//
// `pool_comments` adds entries to a survey's one comment pool, rewritten whole in a fresh random
// order (issue 9.4, docs/anonymity.md): called by the submission and by seeding.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function pool_comments(p_survey integer, p_entries jsonb) returns void language sql as $$
      insert into survey_comments as p (survey_id, entries)
      values (p_survey, (select jsonb_agg(e order by gen_random_uuid()) from jsonb_array_elements(p_entries) as x(e)))
      on conflict (survey_id) do update
      set entries = (select jsonb_agg(e order by gen_random_uuid()) from jsonb_array_elements(p.entries || excluded.entries) as x(e))
    $$`.execute(db)

  // Returns 'stored', 'not_open' (closed, not yet open, or its settings are no longer those given)
  // or 'code_unredeemable'; nothing is written unless it returns 'stored'.
  await sql`
    create or replace function submit_response(
      p_survey integer, p_instrument text, p_access_mode text, p_release_mode text, p_code_hash text, p_at timestamptz,
      p_answers smallint[], p_score_answered smallint[], p_score_sums smallint[], p_pairs smallint[], p_origin smallint,
      p_map smallint[], p_now smallint, p_aim smallint, p_role text, p_prompts text[], p_bodies text[]
    ) returns text language plpgsql as $$
    declare
      v_batch integer;
    begin
      -- A share lock for surveys released at close, so submissions run side by side while closing or
      -- changing the survey waits for them; the row lock for live ones, whose count numbers the batches.
      if p_release_mode = 'live' then
        perform from surveys where id = p_survey and status = 'open' and opens_at <= p_at and closes_at > p_at
          and access_mode = p_access_mode and release_mode = p_release_mode for update;
      else
        perform from surveys where id = p_survey and status = 'open' and opens_at <= p_at and closes_at > p_at
          and access_mode = p_access_mode and release_mode = p_release_mode for share;
      end if;
      if not found then
        return 'not_open';
      end if;
      if p_code_hash is not null then
        update survey_access_codes
        set unused = array_remove(unused, p_code_hash),
          used = array(select h from unnest(used || p_code_hash) as u(h) order by h)
        where survey_id = p_survey and p_code_hash = any(unused);
        if not found then
          return 'code_unredeemable';
        end if;
      end if;
      -- A live survey's submission that completes a batch of k records the day (UTC) it did so.
      if p_release_mode = 'live' then
        update surveys set live_response_count = live_response_count + 1,
          live_batches_completed_on = case when (live_response_count + 1) % k = 0
            then live_batches_completed_on || (p_at at time zone 'UTC')::date else live_batches_completed_on end
        where id = p_survey
        returning (live_response_count - 1) / k into v_batch;
      end if;
      insert into responses (survey_id, instrument_version_id, answers, score_answered, score_sums, pair_answers, origin, map_answers, now_pattern, aim_pattern, role, release_batch)
      values (p_survey, p_instrument, p_answers, p_score_answered, p_score_sums, p_pairs, p_origin, p_map, p_now, p_aim, p_role, v_batch);
      if cardinality(p_prompts) > 0 then
        perform pool_comments(p_survey, (
          select jsonb_agg(jsonb_build_object('prompt', c.prompt, 'body', c.body, 'batch', v_batch))
          from unnest(p_prompts, p_bodies) as c(prompt, body)));
      end if;
      return 'stored';
    end
    $$`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists submit_response(integer, text, text, text, text, timestamptz, smallint[], smallint[], smallint[], smallint[], smallint, smallint[], smallint, smallint, text, text[], text[])`.execute(db)
  await sql`drop function if exists pool_comments(integer, jsonb)`.execute(db)
}
