// Postgres: being written.
