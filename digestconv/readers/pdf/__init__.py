"""Reader for PDFs with a text layer: the page's geometry decides columns, blocks and furniture.

The entry point ``digestconv.readers.pdf:PdfReader`` loads only this module; PDFium
is imported when a PDF is read.
"""

from digestconv.readers.pdf.reader import PdfReader

__all__ = ["PdfReader"]
