"""Output writers, one per format, found through the ``digestconv.writers`` entry points.

* :mod:`.base` — ``WriteOptions``, the ``Writer`` protocol, and ``BlockVisitor``, the one
  walk over the model (``visit_<type>`` methods) the DOCX, HTML, Markdown and text writers share;
* :mod:`._page` — the prelude of the page writers: the style, the visible blocks, the title;
* :mod:`._links`, :mod:`._vertical`, :mod:`._css`, :mod:`._fonts`, :mod:`._xml`, :mod:`._repro` —
  pieces several writers share (link targets and the contents heading, upright digits and
  the vertical CSS, the stylesheet, fonts, XML-safe text, reproducible bytes);
* :mod:`.docx` (package), :mod:`.html`, :mod:`.epub` (HTML's body per chapter),
  :mod:`.pdf` (package: WeasyPrint, or LibreOffice for vertical text), :mod:`.markdown`,
  :mod:`.text`, :mod:`.json`.
"""
