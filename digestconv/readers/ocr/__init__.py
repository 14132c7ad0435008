"""The OCR normalizer: a chain of small named rules (see ``spec/normalization.md``)."""
