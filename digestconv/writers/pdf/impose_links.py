"""Outlines and links of an imposed PDF: each moved to the sheet side that holds its page.

A destination (an outline entry's or an internal link's) points at the sheet side holding
the target page, at the target's point transformed onto that side; a link's rectangle is
transformed the same way.  Web links keep their URI.  A destination on a page that no
sheet holds (none, since every page is placed) would be dropped rather than left dangling.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pikepdf

    from digestconv.writers.pdf.sheets import Placement


def _point(matrix: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


class _Resolver:
    """Turns a destination of the source PDF into one on the imposed sheets."""

    def __init__(self, source: pikepdf.Pdf, out: pikepdf.Pdf, placements: list[Placement]) -> None:
        import pikepdf

        self.out = out
        self.index = {page.obj.objgen: i for i, page in enumerate(source.pages)}
        self.placed = {p.page: p for p in placements}
        names = source.Root.get("/Names")
        dests = names.get("/Dests") if names is not None else None
        self.named = pikepdf.NameTree(dests) if dests is not None else None

    def _explicit(self, dest: Any) -> Any:
        import pikepdf

        if isinstance(dest, (pikepdf.String, pikepdf.Name)) and self.named is not None:
            key = str(dest).lstrip("/")
            dest = self.named.get(key)
        if isinstance(dest, pikepdf.Dictionary):
            dest = dest.get("/D")
        return dest if isinstance(dest, pikepdf.Array) and len(dest) >= 2 else None

    def destination(self, dest: Any) -> pikepdf.Array | None:
        """``dest`` (an array, or a named destination) on the sheet holding its page, or ``None``."""
        import pikepdf

        explicit = self._explicit(dest)
        if explicit is None or not isinstance(explicit[0], pikepdf.Dictionary):
            return None
        placement = self.placed.get(self.index.get(explicit[0].objgen, -1))
        if placement is None:
            return None
        left = float(explicit[2]) if len(explicit) > 3 and explicit[1] == pikepdf.Name.XYZ else 0.0
        top = float(explicit[3]) if len(explicit) > 3 and explicit[1] == pikepdf.Name.XYZ else 0.0
        x, y = _point(placement.matrix, left, top)
        sheet = self.out.pages[placement.sheet].obj
        return pikepdf.Array([sheet, pikepdf.Name.XYZ, round(x, 2), round(y, 2), 0])


def _link(annot: Any, placement: Placement, resolver: _Resolver) -> Any:
    import pikepdf

    x0, y0, x1, y1 = (float(v) for v in annot.Rect)
    ax, ay = _point(placement.matrix, x0, y0)
    bx, by = _point(placement.matrix, x1, y1)
    new = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                             Rect=[round(min(ax, bx), 2), round(min(ay, by), 2),
                                   round(max(ax, bx), 2), round(max(ay, by), 2)],
                             Border=[0, 0, 0])
    action = annot.get("/A")
    if action is not None and action.get("/S") == pikepdf.Name.URI:
        new.A = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(str(action.URI)))
        return new
    target = annot.get("/Dest") if action is None else action.get("/D")
    dest = resolver.destination(target) if target is not None else None
    if dest is None:
        return None
    new.Dest = dest
    return new


def copy_links(source: pikepdf.Pdf, out: pikepdf.Pdf, placements: list[Placement]) -> int:
    """Copy every link annotation onto its sheet side; returns how many were kept."""
    import pikepdf

    resolver = _Resolver(source, out, placements)
    kept = 0
    for placement in placements:
        annots = source.pages[placement.page].obj.get("/Annots")
        for annot in annots if annots is not None else ():
            if annot.get("/Subtype") != pikepdf.Name.Link:
                continue
            new = _link(annot, placement, resolver)
            if new is None:
                continue
            sheet = out.pages[placement.sheet].obj
            if "/Annots" not in sheet:
                sheet.Annots = pikepdf.Array()
            sheet.Annots.append(out.make_indirect(new))
            kept += 1
    return kept


def _items(children: list[Any], resolver: _Resolver) -> list[Any]:
    from pikepdf.models.outlines import OutlineItem

    items = []
    for child in children:
        target = child.destination if child.destination is not None else (
            child.action.get("/D") if child.action is not None else None)
        item = OutlineItem(child.title, destination=resolver.destination(target) if target is not None else None)
        item.children.extend(_items(child.children, resolver))
        items.append(item)
    return items


def copy_outline(source: pikepdf.Pdf, out: pikepdf.Pdf, placements: list[Placement]) -> None:
    """Rebuild the source's bookmarks in ``out``, each pointing at the sheet side holding its page."""
    resolver = _Resolver(source, out, placements)
    with source.open_outline() as outline:
        items = _items(list(outline.root), resolver)
    if items:
        with out.open_outline() as target:
            target.root.extend(items)
