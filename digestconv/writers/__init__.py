"""Writers: :class:`~digestconv.model.Document` in, bytes of one format out."""
