"""The reference provincial platform: what a kiosk delivers to, run for demos and tests.

The real platform belongs to the province; this one implements the same wire contract
(sync/contract.py) so the kiosk's sync agent can be exercised end to end. Its web parts need
the optional extra (`pip install '.[platform]'`), so nothing here is imported by the kiosk.
"""
