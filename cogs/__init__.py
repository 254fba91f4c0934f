"""Discord glue: one extension per domain. No business rule lives here."""
