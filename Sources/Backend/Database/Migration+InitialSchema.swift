extension Migrations {
  /// Users, tokens, drafts with their lifecycle, publishing, feedback, task runs, LLM calls, the
  /// knowledge base and notifications. Table and column names of the replaced system are kept
  /// (`users`, `drafts`, `published_posts`, `feedback`) so the runbook's SQL still works.
  static let initialSchema = Migration(
    version: 1,
    name: "initial_schema",
    up: """
      CREATE TABLE users (
        id bigserial PRIMARY KEY,
        username varchar(255) NOT NULL UNIQUE,
        display_name text,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE api_tokens (
        id bigserial PRIMARY KEY,
        user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('physician', 'oncall', 'operator')),
        token_hash bytea NOT NULL UNIQUE,
        label text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      );

      CREATE TABLE drafts (
        id bigserial PRIMARY KEY,
        user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        topic varchar(255) NOT NULL,
        content text,
        status varchar(50) NOT NULL CHECK (status IN ('pending', 'generating', 'generated',
          'approved', 'scheduled', 'publishing', 'published', 'rejected', 'failed',
          'publish_failed')),
        platform varchar(50) NOT NULL DEFAULT 'telegram'
          CHECK (platform IN ('telegram', 'twitter', 'threads')),
        scheduled_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        source_url text,
        sources jsonb NOT NULL DEFAULT '[]',
        verdict jsonb,
        problems jsonb NOT NULL DEFAULT '[]',
        provider text,
        model text,
        last_error text,
        task_id text,
        publish_platforms jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX drafts_status_scheduled_at ON drafts (status, scheduled_at);
      CREATE INDEX drafts_updated_at ON drafts (updated_at);

      CREATE TABLE draft_events (
        id bigserial PRIMARY KEY,
        draft_id bigint NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        actor_user_id bigint REFERENCES users(id) ON DELETE SET NULL,
        actor text NOT NULL,
        action text NOT NULL,
        from_status varchar(50),
        to_status varchar(50),
        detail text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX draft_events_draft ON draft_events (draft_id, id);

      CREATE TABLE published_posts (
        id bigserial PRIMARY KEY,
        draft_id bigint NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        platform varchar(50) NOT NULL,
        post_url varchar(500) NOT NULL,
        platform_post_id text,
        content_version integer NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (draft_id, platform, content_version)
      );

      CREATE TABLE publish_attempts (
        id bigserial PRIMARY KEY,
        draft_id bigint NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        platform varchar(50) NOT NULL,
        content_version integer NOT NULL,
        idempotency_key text NOT NULL UNIQUE,
        state text NOT NULL CHECK (state IN ('started', 'succeeded', 'failed')),
        platform_post_id text,
        post_url text,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        UNIQUE (draft_id, platform, content_version)
      );

      CREATE TABLE feedback (
        id bigserial PRIMARY KEY,
        draft_id bigint NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        comment text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE task_runs (
        id bigserial PRIMARY KEY,
        task_id text NOT NULL,
        task_name text NOT NULL,
        attempt integer NOT NULL,
        worker text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('running', 'succeeded', 'failed', 'timed_out',
          'lost', 'dead')),
        error text,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        duration_ms double precision
      );
      CREATE INDEX task_runs_task ON task_runs (task_id, attempt);
      CREATE INDEX task_runs_finished ON task_runs (finished_at);

      CREATE TABLE llm_calls (
        id bigserial PRIMARY KEY,
        draft_id bigint REFERENCES drafts(id) ON DELETE SET NULL,
        task_id text,
        provider text NOT NULL,
        model text NOT NULL,
        tokens_in integer NOT NULL DEFAULT 0,
        tokens_out integer NOT NULL DEFAULT 0,
        cost_usd numeric(12, 6) NOT NULL DEFAULT 0,
        duration_ms double precision NOT NULL,
        outcome text NOT NULL,
        error text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX llm_calls_created ON llm_calls (created_at);

      CREATE TABLE knowledge_documents (
        id text PRIMARY KEY,
        collection text NOT NULL CHECK (collection IN ('doctor_style', 'medical_knowledge')),
        path text NOT NULL UNIQUE,
        title text NOT NULL,
        content_hash text NOT NULL,
        chunk_count integer NOT NULL DEFAULT 0,
        indexed_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE knowledge_chunks (
        id text PRIMARY KEY,
        document_id text NOT NULL REFERENCES knowledge_documents(id) ON DELETE CASCADE,
        collection text NOT NULL,
        ordinal integer NOT NULL,
        heading text NOT NULL DEFAULT '',
        content text NOT NULL,
        embedding real[] NOT NULL,
        search_vector tsvector GENERATED ALWAYS AS
          (to_tsvector('simple', heading || ' ' || content)) STORED,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX knowledge_chunks_collection ON knowledge_chunks (collection);
      CREATE INDEX knowledge_chunks_search ON knowledge_chunks USING gin (search_vector);

      CREATE TABLE notifications (
        id bigserial PRIMARY KEY,
        user_id bigint REFERENCES users(id) ON DELETE CASCADE,
        draft_id bigint REFERENCES drafts(id) ON DELETE CASCADE,
        kind text NOT NULL,
        message text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      );
      """,
    down: """
      DROP TABLE IF EXISTS notifications, knowledge_chunks, knowledge_documents, llm_calls,
        task_runs, feedback, publish_attempts, published_posts, draft_events, drafts, api_tokens,
        users CASCADE;
      """
  )
}
