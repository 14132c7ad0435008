"""Readers: bytes in, :class:`~digestconv.model.Document` out."""
