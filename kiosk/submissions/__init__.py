"""Submissions (办件): accepted applications, their case numbers and their queue states."""
