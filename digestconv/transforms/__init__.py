"""Transforms: functions from a document to a new document (variants, user fixes)."""
