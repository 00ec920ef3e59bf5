extension Migrations {
  /// Publishing that never double-posts: each attempt remembers the text it carries (by hash),
  /// the parts already posted, the part whose outcome is unknown, and which worker holds it;
  /// published posts become style samples once per text, and a removed sample stays removed.
  static let publishing = Migration(
    version: 6,
    name: "publishing",
    up: """
      ALTER TABLE publish_attempts
        DROP CONSTRAINT IF EXISTS publish_attempts_draft_id_platform_content_version_key,
        DROP CONSTRAINT IF EXISTS publish_attempts_state_check,
        ADD COLUMN content_hash text NOT NULL DEFAULT '',
        ADD COLUMN parts text NOT NULL DEFAULT '[]',
        ADD COLUMN part_in_flight integer,
        ADD COLUMN in_flight_note text,
        ADD COLUMN owner text,
        ADD COLUMN lease_until timestamptz,
        ADD COLUMN calls integer NOT NULL DEFAULT 0,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD CONSTRAINT publish_attempts_state_check
          CHECK (state IN ('started', 'succeeded', 'failed', 'unknown'));
      CREATE INDEX publish_attempts_draft ON publish_attempts (draft_id, platform);

      CREATE TABLE style_samples (
        content_hash text PRIMARY KEY,
        draft_id bigint REFERENCES drafts(id) ON DELETE SET NULL,
        user_id bigint REFERENCES users(id) ON DELETE SET NULL,
        chunk_id text NOT NULL UNIQUE,
        content text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz,
        removed_by text
      );
      """,
    down: """
      DROP TABLE IF EXISTS style_samples;
      DROP INDEX IF EXISTS publish_attempts_draft;
      DELETE FROM publish_attempts WHERE state = 'unknown';
      ALTER TABLE publish_attempts
        DROP CONSTRAINT publish_attempts_state_check,
        DROP COLUMN content_hash, DROP COLUMN parts, DROP COLUMN part_in_flight,
        DROP COLUMN in_flight_note, DROP COLUMN owner, DROP COLUMN lease_until,
        DROP COLUMN calls, DROP COLUMN updated_at,
        ADD CONSTRAINT publish_attempts_state_check
          CHECK (state IN ('started', 'succeeded', 'failed'));
      """
  )
}
