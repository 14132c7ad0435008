"""The review page: the input beside the repaired document, corrected with a click (``digestconv review``).

The edits are kept in a review file beside the input (:mod:`digestconv.review.sidecar`)
and applied whenever the input is read (:mod:`digestconv.review.reading`).
"""
