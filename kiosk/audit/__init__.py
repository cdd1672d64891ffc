"""The audit log (全过程留痕): every step that changes the kiosk's state, named from one catalog
(kiosk.audit.events) and appended to a hash-chained log that carries no personal data in clear."""
