-- 004-schedules: scheduled crawls of feeds and sitemaps (services/scheduler, issue 8).
-- Applied migrations are checksummed: never edit this file once released; add a new one.

-- One row per schedule. Removing a schedule sets removed_at instead of deleting the row, so
-- the submissions it made (submitted_by = 'schedule:<id>') and its runs keep their provenance;
-- a removed schedule's name is free again.
CREATE TABLE schedules (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text        NOT NULL,
  source_url  text        NOT NULL,
  -- auto: decided by what the URL serves (an HTML page means "discover the site's feeds").
  kind        text        NOT NULL DEFAULT 'auto',
  every_ms    bigint,
  cron        text,
  timezone    text,
  paused      boolean     NOT NULL DEFAULT false,
  -- BullMQ priority of the fetch jobs this schedule submits (null: none).
  priority    integer,
  created_by  text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  removed_at  timestamptz,
  CONSTRAINT schedules_kind_check CHECK (kind IN ('auto', 'feed', 'sitemap', 'site')),
  CONSTRAINT schedules_timing_check CHECK ((every_ms IS NULL) <> (cron IS NULL)),
  CONSTRAINT schedules_every_check CHECK (every_ms IS NULL OR every_ms >= 1000),
  CONSTRAINT schedules_cron_check CHECK (cron IS NULL OR cron <> ''),
  CONSTRAINT schedules_name_check CHECK (name <> '')
);
CREATE UNIQUE INDEX schedules_name_key ON schedules (name) WHERE removed_at IS NULL;

-- One row per firing. run_key is the id of the BullMQ job that fired it, so a job that runs
-- twice (a crash before its ack) updates the same run instead of recording a second one.
CREATE TABLE schedule_runs (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  schedule_id  bigint      NOT NULL REFERENCES schedules (id),
  run_key      text        NOT NULL,
  trigger      text        NOT NULL,
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  status       text        NOT NULL DEFAULT 'running',
  found        integer     NOT NULL DEFAULT 0,
  new          integer     NOT NULL DEFAULT 0,
  skipped      integer     NOT NULL DEFAULT 0,
  failed       integer     NOT NULL DEFAULT 0,
  duration_ms  integer,
  reason       text,
  attempts     integer     NOT NULL DEFAULT 1,
  -- Each document fetched (feed, sitemap, robots.txt, home page): url, outcome, kind, counts.
  documents    jsonb       NOT NULL DEFAULT '[]'::jsonb,
  CONSTRAINT schedule_runs_run_key_key UNIQUE (run_key),
  CONSTRAINT schedule_runs_trigger_check CHECK (trigger IN ('schedule', 'manual')),
  CONSTRAINT schedule_runs_status_check CHECK (status IN ('running', 'succeeded', 'unchanged', 'failed')),
  CONSTRAINT schedule_runs_reason_check CHECK (status <> 'failed' OR reason IS NOT NULL),
  CONSTRAINT schedule_runs_counts_check CHECK (found >= 0 AND new >= 0 AND skipped >= 0 AND failed >= 0)
);
CREATE INDEX schedule_runs_schedule_idx ON schedule_runs (schedule_id, id DESC);

-- Conditional-GET state of every document a schedule fetches, so an unchanged feed costs a
-- 304. links keeps what the document pointed to (a sitemap index's children, a home page's
-- feeds, robots.txt's sitemaps) so a 304 still lets the run follow them.
CREATE TABLE schedule_sources (
  schedule_id    bigint      NOT NULL REFERENCES schedules (id),
  url            text        NOT NULL,
  kind           text,
  etag           text,
  last_modified  text,
  body_sha256    text,
  links          jsonb       NOT NULL DEFAULT '[]'::jsonb,
  fetched_at     timestamptz NOT NULL,
  checked_at     timestamptz NOT NULL,
  PRIMARY KEY (schedule_id, url)
);
