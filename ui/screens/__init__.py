"""One module per screen of the resident's journey."""
