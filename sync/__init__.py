"""Delivery to the provincial platform: the platform client and, later, the sync agent."""
