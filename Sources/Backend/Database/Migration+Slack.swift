extension Migrations {
  /// The Slack app: physicians by Slack id, each draft's card (channel, message ts and the draft
  /// state it last showed), Slack deliveries already acted on, and which notifications reached
  /// Slack, so a relay can deliver late what Slack missed while it was down.
  static let slack = Migration(
    version: 5,
    name: "slack",
    up: """
      ALTER TABLE users ADD COLUMN slack_id text UNIQUE;

      CREATE TABLE slack_cards (
        draft_id bigint PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
        channel_id text NOT NULL,
        message_ts text,
        shown_status varchar(50),
        shown_version integer,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE slack_deliveries (
        delivery_id text PRIMARY KEY,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX slack_deliveries_received ON slack_deliveries (received_at);

      ALTER TABLE notifications ADD COLUMN slack_delivered_at timestamptz;
      """,
    down: """
      ALTER TABLE notifications DROP COLUMN IF EXISTS slack_delivered_at;
      DROP TABLE IF EXISTS slack_deliveries, slack_cards;
      ALTER TABLE users DROP COLUMN IF EXISTS slack_id;
      """
  )
}
