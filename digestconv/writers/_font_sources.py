"""Where a font family named by a style comes from: the Debian package, or that it is a Windows font.

Only families whose source is known are listed; for any other the advice is fontconfig's own
(``fc-list``).  Keys are folded to lower case.
"""

from __future__ import annotations

_DEBIAN_PACKAGES: dict[str, str] = {
    **{f"noto {kind} cjk {region}": "fonts-noto-cjk" for kind in ("serif", "sans")
       for region in ("sc", "tc", "hk", "jp", "kr")},
    **{f"ar pl ukai {region}": "fonts-arphic-ukai" for region in ("cn", "tw", "hk", "tw mbe")},
    **{f"ar pl uming {region}": "fonts-arphic-uming" for region in ("cn", "tw", "hk", "tw mbe")},
    "wenquanyi zen hei": "fonts-wqy-zenhei",
    "wenquanyi micro hei": "fonts-wqy-microhei",
    "lxgw wenkai": "fonts-lxgw-wenkai",
    "lxgw wenkai tc": "fonts-lxgw-wenkai",
    **{f"fandol{face}": "texlive-lang-chinese" for face in ("song", "hei", "kai", "fang")},
}

# Fonts that come with Windows (or Office) and have no free package; an office copies them over.
_WINDOWS_FONTS = frozenset({
    "fangsong", "仿宋", "fangsong_gb2312", "仿宋_gb2312", "simsun", "宋体", "nsimsun", "simhei", "黑体",
    "kaiti", "楷体", "kaiti_gb2312", "楷体_gb2312", "microsoft yahei", "微软雅黑", "dfkai-sb", "標楷體",
    "microsoft jhenghei", "微軟正黑體", "pmingliu", "新細明體", "mingliu", "細明體",
})


# Founder's (方正) faces, which government offices license: no free package either.
_FOUNDER_PREFIXES = ("fz", "方正")


def debian_package(family: str) -> str | None:
    """The Debian package that installs ``family``, when it is known."""
    return _DEBIAN_PACKAGES.get(family.strip().lower())


def font_source(family: str) -> str:
    """How to get ``family``, as a clause for a warning: the package to install, or where it comes from."""
    key = family.strip().lower()
    if key in _DEBIAN_PACKAGES:
        return f"install the Debian package {_DEBIAN_PACKAGES[key]}"
    if key.startswith(("source han serif", "source han sans")):
        return "Debian's fonts-noto-cjk has the same design as Noto CJK"
    if key in _WINDOWS_FONTS:
        return "it is a Windows font with no Debian package: copy its file into ~/.local/share/fonts"
    if key.startswith(_FOUNDER_PREFIXES):
        return "it is a licensed Founder (方正) font with no Debian package: copy its file into ~/.local/share/fonts"
    return "install a package or file that provides it (fc-list shows what fontconfig finds)"
