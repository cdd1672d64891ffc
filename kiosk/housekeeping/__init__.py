"""The kiosk's nightly housekeeping at a quiet hour: purge delivered payloads past retention,
check the database's integrity and keep a verified backup of the queue."""
