"""The OCR normalizer: a chain of small named rules (see ``docs/spec/normalization.md``)."""
